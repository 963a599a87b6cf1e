// Condition-operator helpers for the trust-policy rules (RL4xx): how an
// operator treats a key that is absent from the request context, and whether
// it carries a set qualifier (ForAnyValue: / ForAllValues:).
// Source: IAM JSON policy elements: Condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
// and Set operators for multivalued context keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace rolelint::analysis::trust {

// An operator split into its set qualifier ("ForAnyValue", "ForAllValues" or ""),
// its documented base name ("" when the base is not a documented operator) and IfExists.
struct OperatorParts {
  std::string qualifier;
  std::string base;
  bool ifExists = false;
};
// Qualifier and IfExists are recognised ignoring case, as the base name is.
OperatorParts splitOperator(std::string_view op);

// Whether a condition with this operator is false whenever its key is absent
// from the request context: a documented, positive (not negated) operator,
// optionally with ForAnyValue:, without IfExists; not Null, not ForAllValues:
// (true when the key is absent) and not the negated operators (StringNotEquals,
// ArnNotLike, NotIpAddress…, true when the key is absent).
bool falseWhenKeyAbsent(std::string_view op);

// The statement's conditions on the audience keys of the OIDC providers its
// Federated principal trusts (oidcAudienceKeys) that test values (not Null),
// with their operators split, in order.
struct AudienceCondition {
  const model::Condition* condition;
  OperatorParts op;
};
std::vector<AudienceCondition> oidcAudienceConditions(const model::Statement& s);

}  // namespace rolelint::analysis::trust
