// Condition-operator helpers for the trust-policy rules: see trust_conditions.h.
#include "rules/support/trust_conditions.h"

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

}  // namespace rolelint::rules::trust
