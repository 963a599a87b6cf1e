// RL150 private-source-ip-subset: when an aws:SourceIp condition mixes public
// and private ranges, the private ones never match (aws:SourceIp is the caller's public address).
// Source: IAM User Guide, AWS global condition context keys, aws:SourceIp
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class PrivateSourceIpSubset final : public engine::Rule {
 public:
  PrivateSourceIpSubset()
      : engine::Rule({.id = "RL150",
                      .name = "private-source-ip-subset",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "An aws:SourceIp condition mixes public ranges with private ones that never match.",
                      .equivalents = {"access-analyzer:PRIVATE_IP_ADDRESS_SUBSET",
                                      "access-analyzer:PRIVATE_NOT_IP_ADDRESS_SUBSET"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::Operator o = c.parsedOp;
    if (!policy::iequals(c.key, "aws:SourceIp") || (o.base != "IpAddress" && o.base != "NotIpAddress")) return;
    std::vector<const json::Value*> priv;
    size_t pub = 0;
    for (const json::Value* v : c.values) {
      if (!v->isString()) continue;
      const auto cidr = policy::parseCidr(v->text);
      if (!cidr) continue;
      if (cidr->isPrivate()) {
        priv.push_back(v);
      } else {
        ++pub;
      }
    }
    if (pub == 0) return;  // only private: RL149
    for (const json::Value* v : priv) {
      r.report(p, *v,
               "\"" + v->text + "\" is a private range, but aws:SourceIp is the caller's public address, so this "
                   "entry never matches",
               "Remove it (use aws:VpcSourceIp with aws:SourceVpc for VPC callers)");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL150() { return engine::makeRule<PrivateSourceIpSubset>(); }

}  // namespace rolelint::rules
