// RL005 file-reference-escape: A file:// reference points outside the directory tree being linted.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL005.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL005() {
  return makeInputRule({.id = "RL005",
                        .name = "file-reference-escape",
                        .severity = core::Severity::Error,
                        .summary = "A file:// reference points outside the directory tree being linted.",
                        .equivalents = {}},
                       input::ProblemCode::FileEscape);
}

}  // namespace rolelint::rules
