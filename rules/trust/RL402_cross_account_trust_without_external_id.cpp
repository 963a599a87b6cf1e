// RL402 cross-account-trust-without-external-id: a trust policy trusts another
// AWS account (account ID, :root, or a role/user ARN of that account) without an
// sts:ExternalId condition, the guard against the cross-account confused deputy.
// Sources: IAM User Guide, The confused deputy problem
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html) and
// Access to AWS accounts owned by third parties
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
// AWS asks for an external ID when a *third party* assumes the role. Another account is not a
// third party by itself (it may be one of the organization's own accounts, and knowing the role's
// own account only tells that it is another one), so the rule reports only accounts outside
// `conventions.trustedAccounts`, and only when that list is configured: without it nothing marks
// an account as a third party.
#include <algorithm>

#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

class CrossAccountTrustWithoutExternalId final : public engine::Rule {
 public:
  CrossAccountTrustWithoutExternalId()
      : engine::Rule({.id = "RL402",
                      .name = "cross-account-trust-without-external-id",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "A trust policy trusts an AWS account outside conventions.trustedAccounts without an sts:ExternalId condition.",
                      .options = {role::conventionOption("trustedAccounts", "array", "account IDs that are yours or trusted partners")},
                      .securitySeverity = 6.0}) {}

  void configure(const engine::Options& o, engine::Reporter&) override { options_ = o; }

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    if (trust::findRestricting(s, {"sts:ExternalId"}) != nullptr) return;
    const auto own = trust::ownAccount(p);
    const auto trusted = trust::trustedAccounts(options_);
    if (!trusted) return;  // nothing says which accounts are third parties
    for (const model::StringItem* v : trust::principalValues(s, "AWS")) {
      const auto acct = trust::principalAccount(v->value);
      if (!acct) continue;
      if (own && *own == *acct) continue;
      if (std::find(trusted->begin(), trusted->end(), *acct) != trusted->end()) continue;
      r.report(p, *v->node,
               "account " + *acct +
                   " is not in `conventions.trustedAccounts` and is trusted without an `sts:ExternalId` condition: "
                   "if it is a third party acting for several customers, anyone who can make it assume roles can "
                   "reach this one (confused deputy)",
               "Add `\"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"…\"}}` with the ID the third party "
               "gave you, or list the account if it is one of yours");
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL402() { return engine::makeRule<CrossAccountTrustWithoutExternalId>(); }

}  // namespace rolelint::rules
