// RL010 skipped-file: A JSON file found while walking a directory is not a format rolelint reads, so it was skipped.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL010.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL010() {
  return makeInputRule({.id = "RL010",
                        .name = "skipped-file",
                        .severity = core::Severity::Note,
                        .summary = "A JSON file found while walking a directory is not a format rolelint reads, so it was skipped.",
                        .equivalents = {}},
                       input::ProblemCode::SkippedFile);
}

}  // namespace rolelint::rules
