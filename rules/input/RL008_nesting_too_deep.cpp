// RL008 nesting-too-deep: The JSON nests deeper than any IAM document can; the file is not read further.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL008.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL008() {
  return makeInputRule({.id = "RL008",
                        .name = "nesting-too-deep",
                        .severity = core::Severity::Error,
                        .summary = "The JSON nests deeper than any IAM document can; the file is not read further.",
                        .equivalents = {}},
                       input::ProblemCode::TooDeep);
}

}  // namespace rolelint::rules
