// RL009 invalid-role-field: A role definition has an unknown field or a field of the wrong type.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL009.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL009() {
  return makeInputRule({.id = "RL009",
                        .name = "invalid-role-field",
                        .severity = core::Severity::Error,
                        .summary = "A role definition has an unknown field or a field of the wrong type.",
                        .equivalents = {}},
                       input::ProblemCode::InvalidRoleField);
}

}  // namespace rolelint::rules
