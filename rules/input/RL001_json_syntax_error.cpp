// RL001 json-syntax-error: The file, or a document embedded in it, is not valid JSON.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL001.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL001() {
  return makeInputRule({.id = "RL001",
                        .name = "json-syntax-error",
                        .severity = core::Severity::Error,
                        .summary = "The file, or a document embedded in it, is not valid JSON.",
                        .equivalents = {"access-analyzer:JSON_SYNTAX_ERROR", "parliament:MALFORMED_JSON"}},
                       input::ProblemCode::JsonSyntax);
}

}  // namespace rolelint::rules
