// RL006 unresolved-file-reference: A file:// reference names a file that does not exist or cannot be read.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL006.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL006() {
  return makeInputRule({.id = "RL006",
                        .name = "unresolved-file-reference",
                        .severity = core::Severity::Error,
                        .summary = "A file:// reference names a file that does not exist or cannot be read.",
                        .equivalents = {}},
                       input::ProblemCode::UnresolvedFile);
}

}  // namespace rolelint::rules
