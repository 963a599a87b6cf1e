// RL154 missing-paired-condition-key: private IP keys identify a caller only
// together with its network: aws:VpcSourceIp with aws:SourceVpc (or
// aws:SourceVpcArn / aws:SourceVpce), aws:Ec2InstanceSourcePrivateIPv4 with aws:Ec2InstanceSourceVpc.
// Private addresses repeat across VPCs, so the IP alone matches callers in any VPC.
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

class MissingPairedConditionKey final : public engine::Rule {
 public:
  MissingPairedConditionKey()
      : engine::Rule({.id = "RL154",
                      .name = "missing-paired-condition-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow statement tests a private IP key without the VPC key that makes it unique.",
                      .equivalents = {"access-analyzer:MISSING_PAIRED_CONDITION_KEYS"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.effect != model::Effect::Allow) return;
    static const std::vector<Pair> kPairs = {
        {"aws:VpcSourceIp", {"aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce"}},
        {"aws:Ec2InstanceSourcePrivateIPv4", {"aws:Ec2InstanceSourceVpc"}},
    };
    for (const Pair& pair : kPairs) {
      const model::Condition* at = nullptr;
      bool companion = false;
      for (const model::Condition& c : s.conditions) {
        if (policy::iequals(c.key, pair.key) && at == nullptr) at = &c;
        for (std::string_view k : pair.companions) companion = companion || policy::iequals(c.key, k);
      }
      if (at == nullptr || companion) continue;
      r.reportKey(p, at->keyMember->value,
                  "\"" + at->key + "\" is tested without \"" + std::string(pair.companions.front()) +
                      "\": private addresses repeat across VPCs, so this matches callers with that address in any "
                      "VPC. Add a condition on \"" + std::string(pair.companions.front()) + "\" to the statement");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL154() { return engine::makeRule<MissingPairedConditionKey>(); }

}  // namespace rolelint::rules
