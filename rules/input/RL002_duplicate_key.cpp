// RL002 duplicate-key: An object repeats a key; IAM rejects the document and JSON parsers keep only one value.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL002.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL002() {
  return makeInputRule({.id = "RL002",
                        .name = "duplicate-key",
                        .severity = core::Severity::Error,
                        .summary = "An object repeats a key; IAM rejects the document and JSON parsers keep only one value.",
                        .equivalents = {}},
                       input::ProblemCode::DuplicateKey);
}

}  // namespace rolelint::rules
