// Condition-operator helpers for the trust-policy rules: see trust_conditions.h.
#include "analysis/trust_conditions.h"

#include <set>

#include "analysis/policy_util.h"
#include "analysis/trust_common.h"

namespace rolelint::analysis::trust {

OperatorParts splitOperator(std::string_view op) {
  const core::ConditionOperator o = core::parseOperator(op, true);
  return {o.qualifier, o.info != nullptr ? std::string(o.info->name) : std::string(), o.ifExists};
}

bool falseWhenKeyAbsent(std::string_view op) {
  const OperatorParts o = splitOperator(op);
  if (o.base.empty() || o.ifExists || o.qualifier == "ForAllValues") return false;
  if (policy::familyOf(o.base) == policy::OperatorFamily::Null) return false;
  return lower(o.base).find("not") == std::string::npos;  // StringNotEquals, ArnNotLike, NotIpAddress…
}

std::vector<AudienceCondition> oidcAudienceConditions(const model::Statement& s) {
  std::vector<AudienceCondition> out;
  if (s.conditions.empty()) return out;
  const std::set<std::string> keys = oidcAudienceKeys(s);
  if (keys.empty()) return out;
  for (const model::Condition& c : s.conditions) {
    if (c.opMember == nullptr || !keys.contains(lower(c.key))) continue;
    OperatorParts o = splitOperator(c.op);
    if (o.base.empty() || policy::familyOf(o.base) == policy::OperatorFamily::Null) continue;
    out.push_back({&c, std::move(o)});
  }
  return out;
}

}  // namespace rolelint::analysis::trust
