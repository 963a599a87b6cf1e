// RL127 duplicate-sid: Sids should be unique within a policy; identity and role
// trust policies tolerate duplicates, but references to a statement by Sid become ambiguous.
// Source: IAM User Guide, IAM JSON policy elements: Sid
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html) and IAM Access Analyzer
// policy check reference, "Unique Sids recommended"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "rules/support/policy_util.h"

#include <map>

namespace rolelint::rules {
namespace {

class DuplicateSid final : public engine::Rule {
 public:
  DuplicateSid()
      : engine::Rule({.id = "RL127",
                      .name = "duplicate-sid",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "Two statements of one policy have the same Sid.",
                      .equivalents = {"access-analyzer:UNIQUE_SIDS_RECOMMENDED", "parliament:DUPLICATE_SID"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    std::map<std::string, const model::Statement*> seen;
    for (const model::Statement& s : p.statements) {
      if (s.sid == nullptr || !s.sid->isString() || s.sid->text.empty()) continue;
      auto [it, inserted] = seen.emplace(s.sid->text, &s);
      if (inserted) continue;
      r.report(p, *s.sid,
               "Sid \"" + s.sid->text + "\" of statement " + std::to_string(s.index) + " is already used by statement " +
                   std::to_string(it->second->index) +
                   "; Sids should be unique within a policy so each statement can be referred to. Rename one of them");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL127() { return std::make_unique<DuplicateSid>(); }

}  // namespace rolelint::rules
