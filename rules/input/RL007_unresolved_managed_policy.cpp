// RL007 unresolved-managed-policy: A managed policy or permissions boundary ARN has no document in this run, so it is not checked.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL007.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL007() {
  return makeInputRule({.id = "RL007",
                        .name = "unresolved-managed-policy",
                        .severity = core::Severity::Note,
                        .summary = "A managed policy or permissions boundary ARN has no document in this run, so it is not checked.",
                        .equivalents = {}},
                       input::ProblemCode::UnresolvedManagedPolicy);
}

}  // namespace rolelint::rules
