// Condition-operator helpers for the trust-policy rules: see trust_conditions.h.
#include "rules/support/trust_conditions.h"

#include <set>

#include "rules/support/policy_util.h"
#include "rules/support/trust_common.h"

namespace rolelint::rules::trust {

OperatorParts splitOperator(std::string_view op) {
  OperatorParts out;
  const std::string low = lower(op);
  std::string_view rest = op;
  for (std::string_view q : {"ForAllValues:", "ForAnyValue:"}) {
    if (low.compare(0, q.size(), lower(q)) == 0) {
      out.qualifier = std::string(q.substr(0, q.size() - 1));
      rest.remove_prefix(q.size());
      break;
    }
  }
  constexpr std::string_view kIfExists = "ifexists";
  const std::string restLow = lower(rest);
  if (restLow.size() > kIfExists.size() && restLow.compare(restLow.size() - kIfExists.size(), kIfExists.size(), kIfExists) == 0) {
    out.ifExists = true;
    rest.remove_suffix(kIfExists.size());
  }
  out.base = std::string(policy::knownOperatorIgnoringCase(rest));
  return out;
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

}  // namespace rolelint::rules::trust
