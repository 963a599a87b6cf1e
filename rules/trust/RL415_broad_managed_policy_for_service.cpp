// RL415 broad-managed-policy-for-service: an AWS managed policy broader than the
// trusted service needs is attached (AmazonS3FullAccess or
// AmazonAPIGatewayInvokeFullAccess on a MediaConvert role…).
// Sources: the broad policies, what to use instead and their sources are in
// rules/profiles/*.json; for MediaConvert
// https://docs.aws.amazon.com/mediaconvert/latest/ug/creating-the-iam-role-in-mediaconvert-configured.html;
// IAM User Guide, Apply least-privilege permissions
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege).
#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

class BroadManagedPolicyForService final : public engine::Rule {
 public:
  BroadManagedPolicyForService()
      : engine::Rule({.id = "RL415",
                      .name = "broad-managed-policy-for-service",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "An AWS managed policy broader than the trusted service needs is attached to the role.",
                      .securitySeverity = 5.5}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    // Without an attached managed policy there is nothing to compare (and the service
    // profiles need not be read).
    if (!role.trust || role.managed.empty()) return;
    std::vector<const trust::Profile*> profs;
    for (const model::Statement& s : role.trust->statements) {
      if (!trust::isAllow(s)) continue;
      for (const model::StringItem* v : trust::principalValues(s, "Service"))
        if (const trust::Profile* p = trust::profiles().forPrincipal(v->value)) profs.push_back(p);
    }
    for (const model::PolicyRef& m : role.managed) {
      if (m.node == nullptr) continue;
      for (const trust::Profile* prof : profs) {
        for (const trust::BroadPolicy& b : prof->broadManagedPolicies) {
          if (b.arn != m.arn) continue;
          const std::string name = m.arn.substr(m.arn.rfind('/') + 1);
          r.report(role, *m.node,
                   "`" + name + "` grants far more than " + prof->title +
                       " needs, and whoever can have the service act with this role (any job, function or build it runs) gets all "
                       "of it",
                   "Use " + b.instead);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL415() { return engine::makeRule<BroadManagedPolicyForService>(); }

}  // namespace rolelint::rules
