// RL148 ip-range-host-bits: in a CIDR such as 203.0.113.7/24 the bits after the
// prefix length are ignored; the range is 203.0.113.0/24.
// Source: IAM User Guide, IAM JSON policy elements: Condition operators, IP address condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress)
// and RFC 4632 §3.1 (https://www.rfc-editor.org/rfc/rfc4632#section-3.1).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class IpRangeHostBits final : public engine::Rule {
 public:
  IpRangeHostBits()
      : engine::Rule({.id = "RL148",
                      .name = "ip-range-host-bits",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "An IP range in a condition has host bits set after its prefix length.",
                      .equivalents = {"access-analyzer:IMPROVE_IP_RANGE"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    if (policy::familyOf(c.parsedOp.base) != policy::OperatorFamily::Ip) return;
    for (const json::Value* v : c.values) {
      if (!v->isString()) continue;
      const auto cidr = policy::parseCidr(v->text);
      if (!cidr || !cidr->hostBitsSet()) continue;
      r.report(p, *v,
               "\"" + v->text + "\" has bits set after the /" + std::to_string(cidr->prefix) +
                   " prefix, which IAM ignores: the range is " + cidr->network(),
               "Write \"" + cidr->network() + "\", or a longer prefix if you meant a smaller range");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL148() { return engine::makeRule<IpRangeHostBits>(); }

}  // namespace rolelint::rules
