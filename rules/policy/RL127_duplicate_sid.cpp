// RL127 duplicate-sid: two statements of one policy have the same Sid, which IAM
// rejects. Sources: IAM User Guide, "IAM JSON policy elements: Sid"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html: "In IAM, the Sid
// value must be unique within a JSON policy"); IAM Access Analyzer policy check reference, "Unique Sids
// required" (ERROR) and "Unique Sids recommended"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html). IAM's
// answer to a duplicate, MalformedPolicyDocument "Statement IDs (SID) in a single policy must be unique.",
// is reported for inline role policies (aws-cloudformation/cfn-lint#3973, kubernetes/kops#4951) and
// customer managed policies (magenx/Magento-2-aws-cluster-terraform#18). No report was found for a role
// trust policy; the Sid page's rule covers every IAM JSON policy, so the rule does not tell them apart.
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <map>

namespace rolelint::rules {
namespace {

class DuplicateSid final : public engine::Rule {
 public:
  DuplicateSid()
      : engine::Rule({.id = "RL127",
                      .name = "duplicate-sid",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "Two statements of one policy have the same Sid, which IAM rejects.",
                      .equivalents = {"access-analyzer:UNIQUE_SIDS_REQUIRED",
                                      "access-analyzer:UNIQUE_SIDS_RECOMMENDED", "parliament:DUPLICATE_SID",
                                      "cfn-lint:E3510"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    std::map<std::string, const model::Statement*> seen;
    for (const model::Statement& s : p.statements) {
      if (s.sid == nullptr || !s.sid->isString() || s.sid->text.empty()) continue;
      auto [it, inserted] = seen.emplace(s.sid->text, &s);
      if (inserted) continue;
      r.report(p, *s.sid,
               "Sid \"" + s.sid->text + "\" of statement " + std::to_string(s.index) + " is already used by statement " +
                   std::to_string(it->second->index) +
                   ": IAM requires the Sids of one policy to be unique and rejects the document "
                   "(MalformedPolicyDocument \"Statement IDs (SID) in a single policy must be unique\")",
               "Rename one of them or remove its Sid");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL127() { return engine::makeRule<DuplicateSid>(); }

}  // namespace rolelint::rules
