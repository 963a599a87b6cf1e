// What a StringLike/StringNotLike condition with a bare "*" value reduces to,
// for RL163 (equivalent to a Null check), RL164 (always true) and RL165 (never
// true). Facts: IAM User Guide, "Condition operators" (StringLike's `*` matches
// any run of characters; an absent key makes a positive operator false and a
// negated one true; …IfExists is true when the key is absent) and "Single-valued
// vs. multivalued context keys" / "Multivalued context key examples"
// (ForAllValues is true when the key is absent, ForAnyValue false).
// ArnLike/ArnNotLike are left out on purpose: the ARN condition operators
// "check each of the six colon-delimited components of the ARN separately",
// and no AWS page says what a one-component value such as "*" matches.
#pragma once
#include <string>

#include "json/value.h"
#include "model/model.h"

namespace rolelint::analysis::policy {

enum class StarOutcome {
  None,         // not a StringLike/StringNotLike condition with a "*" value, or not decidable
  KeyPresent,   // true exactly when the key is in the request: {"Null": {key: "false"}}
  KeyAbsent,    // true exactly when the key is absent: {"Null": {key: "true"}}
  AlwaysTrue,   // true for every request
  NeverTrue,    // false for every request
};

struct StarCondition {
  StarOutcome outcome = StarOutcome::None;
  const json::Value* star = nullptr;  // the first value made only of '*'
  std::string why;                    // how the operator evaluates, for messages
};

// Classifies one condition (operator + key + values). Only the documented
// combinations whose result does not depend on the request's values are
// decided; ForAnyValue: with …IfExists (the two disagree on an absent key) is None.
StarCondition classifyStarCondition(const model::Condition& c);

}  // namespace rolelint::analysis::policy
