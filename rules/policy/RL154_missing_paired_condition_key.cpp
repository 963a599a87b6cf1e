// RL154 missing-paired-condition-key: private IP keys identify a caller only
// together with its network: aws:VpcSourceIp with aws:SourceVpc (or
// aws:SourceVpcArn / aws:SourceVpce), aws:Ec2InstanceSourcePrivateIPv4 with aws:Ec2InstanceSourceVpc.
// Private addresses repeat across VPCs, so the IP alone matches callers in any VPC: an Allow
// lets them in, a Deny with a negated operator (NotIpAddress) lets them escape (issue 17, item 5).
// Source: IAM User Guide, AWS global condition context keys, aws:VpcSourceIp and aws:Ec2InstanceSourcePrivateIPv4
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and IAM Access Analyzer
// policy check reference, "Missing paired condition keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

struct Pair {
  std::string_view key;
  std::vector<std::string_view> companions;
};

// NotIpAddress, StringNotEquals…: true for every value not listed.
bool negated(std::string_view op) {
  const std::string base = policy::parseOperator(op).base;
  return base.rfind("Not", 0) == 0 || base.find("Not", 3) != std::string::npos;
}

class MissingPairedConditionKey final : public engine::Rule {
 public:
  MissingPairedConditionKey()
      : engine::Rule({.id = "RL154",
                      .name = "missing-paired-condition-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow, or a Deny with a negated operator, tests a private IP key without the VPC key "
                                 "that makes it unique.",
                      .equivalents = {"access-analyzer:MISSING_PAIRED_CONDITION_KEYS"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.effect != model::Effect::Allow && s.effect != model::Effect::Deny) return;
    const bool deny = s.effect == model::Effect::Deny;
    static const std::vector<Pair> kPairs = {
        {"aws:VpcSourceIp", {"aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce"}},
        {"aws:Ec2InstanceSourcePrivateIPv4", {"aws:Ec2InstanceSourceVpc"}},
    };
    for (const Pair& pair : kPairs) {
      const model::Condition* at = nullptr;
      bool companion = false;
      for (const model::Condition& c : s.conditions) {
        // A Deny narrows what it denies with a negated operator ("deny unless from these addresses"):
        // an address alone then exempts callers with that address in any VPC. A Deny with a positive
        // operator denies more than meant, which is not a hole.
        if (policy::iequals(c.key, pair.key) && at == nullptr && (!deny || negated(c.op))) at = &c;
        for (std::string_view k : pair.companions) companion = companion || policy::iequals(c.key, k);
      }
      if (at == nullptr || companion) continue;
      const std::string vpc = std::string(pair.companions.front());
      r.reportKey(p, at->keyMember->value,
                  deny ? "this Deny exempts these \"" + at->key + "\" addresses in every VPC (private addresses "
                             "repeat across VPCs), so callers elsewhere escape it"
                       : "\"" + at->key + "\" is tested without \"" + vpc +
                             "\": private addresses repeat across VPCs, so this matches callers with that address in "
                             "any VPC",
                  "Add a condition on \"" + vpc + "\" to the statement");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL154() { return engine::makeRule<MissingPairedConditionKey>(); }

}  // namespace rolelint::rules
