// RL149 private-source-ip: aws:SourceIp holds the public address of the caller;
// requests through a VPC endpoint carry no aws:SourceIp, so private ranges never match.
// Source: IAM User Guide, AWS global condition context keys, aws:SourceIp
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip).
#include "analysis/catalog_lookup.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class PrivateSourceIp final : public engine::Rule {
 public:
  PrivateSourceIp()
      : engine::Rule({.id = "RL149",
                      .name = "private-source-ip",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "An IpAddress or NotIpAddress condition on aws:SourceIp lists only private ranges.",
                      .equivalents = {"access-analyzer:PRIVATE_IP_ADDRESS", "access-analyzer:PRIVATE_NOT_IP_ADDRESS"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::Operator o = c.parsedOp;
    if (!policy::iequals(c.key, "aws:SourceIp") || (o.base != "IpAddress" && o.base != "NotIpAddress")) return;
    size_t priv = 0, total = 0;
    // aws:SourceIp is an IPAddress key: its values typed as such (a variable or an unknown part is no range).
    for (const core::TypedValue& v : analysis::lookup::conditionValues(c, r.catalog())) {
      if (!v.ip) continue;
      ++total;
      if (v.ip->isPrivate()) ++priv;
    }
    if (total == 0 || priv != total) return;
    const std::string effect =
        o.base == "IpAddress"
            ? "the condition never matches, so the statement never applies"
            : "the condition matches every request that has the key, so it restricts nothing";
    r.reportKey(p, c.keyMember->value,
                "\"" + c.key + "\" under \"" + c.op + "\" lists only private addresses, but aws:SourceIp is the "
                    "caller's public address (requests through a VPC endpoint have none): " + effect,
                "Use aws:VpcSourceIp with aws:SourceVpc for private addresses, or list public ranges");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL149() { return engine::makeRule<PrivateSourceIp>(); }

}  // namespace rolelint::rules
