// Condition operators, parsed once: the one table of the operators IAM documents
// (IAM User Guide, "IAM JSON policy elements: Condition operators",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
// and the split of a written operator into its set qualifier (`ForAllValues:` /
// `ForAnyValue:`, "Multivalued context keys"), base operator and `IfExists`.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rolelint::core {

// The value type an operator compares (its family in the User Guide).
enum class OperatorFamily : uint8_t { Unknown, String, Numeric, Date, Bool, Binary, Ip, Arn, Null };
std::string_view familyName(OperatorFamily f);  // "String", "Numeric", "IP address", "ARN", …, "unknown"

// How an operator compares a request value with a policy value.
enum class OperatorMatch : uint8_t { Equals, EqualsIgnoreCase, Like, Less, LessEquals, Greater, GreaterEquals };

enum class SetQualifier : uint8_t { None, ForAllValues, ForAnyValue };

// One documented operator.
struct OperatorInfo {
  std::string_view name;  // as documented: "StringNotEqualsIgnoreCase"
  OperatorFamily family;
  OperatorMatch match;
  bool negated;  // StringNotEquals, NotIpAddress, ArnNotLike…: true when no value matches
};
// The documented operator named `base` (exactly, or ignoring ASCII case), or null.
const OperatorInfo* findOperator(std::string_view base, bool ignoreCase = false);

// A condition operator as written, split and looked up.
struct ConditionOperator {
  std::string qualifier;  // "ForAllValues", "ForAnyValue" or "" (the documented spelling)
  std::string base;       // without qualifier and IfExists, as written
  bool ifExists = false;
  bool forAll = false;    // qualifier == "ForAllValues"
  bool forAny = false;    // qualifier == "ForAnyValue"
  // From the table; null when `base` is not a documented operator (and for
  // `NullIfExists`: IfExists may follow any operator but Null [OPS]).
  const OperatorInfo* info = nullptr;
  OperatorFamily family = OperatorFamily::Unknown;

  bool known() const { return info != nullptr; }
  bool negated() const { return info != nullptr && info->negated; }
  SetQualifier set() const { return forAll ? SetQualifier::ForAllValues : forAny ? SetQualifier::ForAnyValue : SetQualifier::None; }
};

// Splits and looks up `op`. IAM matches operator names case-sensitively, so by
// default the qualifier, `IfExists` and the base must be spelled as documented;
// with `ignoreCase` they are recognised ignoring ASCII case (for rules that
// suggest the right spelling). `IfExists` alone is a base, not a suffix.
ConditionOperator parseOperator(std::string_view op, bool ignoreCase = false);

}  // namespace rolelint::core
