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
    const json::Value* firstPrivate = nullptr;
    // aws:SourceIp is an IPAddress key: its values typed as such (a variable or an unknown part is no range).
    const std::vector<core::TypedValue> typed = analysis::lookup::conditionValues(c, r.catalog());
    for (size_t i = 0; i < typed.size(); ++i) {
      if (!typed[i].ip) continue;
      ++total;
      if (typed[i].ip->isPrivate()) {
        ++priv;
        if (firstPrivate == nullptr && i < c.values.size()) firstPrivate = c.values[i];
      }
    }
    if (total == 0 || priv != total) return;
    const std::string effect =
        o.base == "IpAddress"
            ? "the condition never matches, so the statement never applies"
            : "the condition matches every request that has the key, so it restricts nothing";
    // At the first private range: the values are what is wrong (in a Terraform condition
    // block, `values` is a line of its own).
    r.report(p, firstPrivate != nullptr ? *firstPrivate : c.keyMember->value,
                "\"" + c.key + "\" under \"" + c.op + "\" lists only private addresses, but aws:SourceIp is the "
                    "caller's public address (requests through a VPC endpoint have none): " + effect,
                "Use aws:VpcSourceIp with aws:SourceVpc for private addresses, or list public ranges");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL149() { return engine::makeRule<PrivateSourceIp>(); }

}  // namespace rolelint::rules
