// RL603 forbidden-access: a role can perform an action the configuration's
// "forbid" list forbids (.rolelint.json, docs/configuration.md), on a forbidden
// resource, under some request that the evaluator confirms — over all the role's
// policies, after the boundary, Denies and conditions. IAM Access Analyzer's
// CheckAccessNotGranted
// (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html),
// over a whole role and offline. Silent when no request can be allowed.
#include "engine/config.h"
#include "rules/registry.h"
#include "rules/support/security_escalation.h"

namespace rolelint::rules {
namespace {

class ForbiddenAccess final : public engine::Rule {
 public:
  ForbiddenAccess()
      : engine::Rule({.id = "RL603",
                      .name = "forbidden-access",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Error,
                      .summary = "The role can perform an action the configuration's \"forbid\" list forbids.",
                      .equivalents = {"access-analyzer:CHECK_ACCESS_NOT_GRANTED"},
                      .securitySeverity = 8.0}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const auto& forbid = r.config().forbid;
    if (forbid.empty()) return;
    analysis::EscalationSubject subject;
    if (!security::subjectOf(role, r, subject)) return;
    for (const engine::Forbid& f : forbid) {
      if (!f.roles.empty() && !engine::globMatch(f.roles, role.displayName)) continue;
      const analysis::AccessAnswer a = analysis::findAccess(subject, r.catalog(), f.actions, f.resources);
      if (!a.allowed) continue;
      std::vector<core::RelatedLocation> related;
      const analysis::StatementRef* first = nullptr;
      const std::string request = security::describeRequest(*a.allowed, related, &first);
      if (first == nullptr) continue;
      related.push_back({f.location, "the \"forbid\" entry"});
      r.report(first->policy->locate(*first->node),
               "the role can perform forbidden access: " + request + " is allowed" +
                   (f.reason.empty() ? std::string() : " (forbidden: " + f.reason + ")") +
                   ". Deny it, or narrow the granting statement",
               role.displayName, first->label, std::move(related));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL603() { return std::make_unique<ForbiddenAccess>(); }

}  // namespace rolelint::rules
