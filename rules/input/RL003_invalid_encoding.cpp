// RL003 invalid-encoding: The file is not UTF-8 text: invalid UTF-8 bytes, a byte order mark, or UTF-16.
// The input layer (src/input, src/json) detects these problems while reading;
// this rule reports them. See docs/rules/RL003.md.
#include "rules/registry.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL003() {
  return makeInputRule({.id = "RL003",
                        .name = "invalid-encoding",
                        .severity = core::Severity::Error,
                        .summary = "The file is not UTF-8 text: invalid UTF-8 bytes, a byte order mark, or UTF-16.",
                        .equivalents = {}},
                       input::ProblemCode::Encoding);
}

}  // namespace rolelint::rules
