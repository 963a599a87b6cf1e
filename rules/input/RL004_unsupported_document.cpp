// RL004 unsupported-document: The input is not a policy document, role definition or IAM API response that rolelint reads.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL004.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL004() {
  return makeInputRule({.id = "RL004",
                        .name = "unsupported-document",
                        .severity = core::Severity::Error,
                        .summary = "The input is not a policy document, role definition or IAM API response that rolelint reads.",
                        .equivalents = {}},
                       input::ProblemCode::UnsupportedDocument);
}

}  // namespace rolelint::rules
