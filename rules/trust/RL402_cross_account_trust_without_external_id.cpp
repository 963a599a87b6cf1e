// RL402 cross-account-trust-without-external-id: a trust policy trusts another
// AWS account (account ID, :root, or a role/user ARN of that account) without an
// sts:ExternalId condition, the guard against the cross-account confused deputy.
// Sources: IAM User Guide, The confused deputy problem
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html) and
// Access to AWS accounts owned by third parties
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
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
                      .summary = "A trust policy trusts another AWS account without an sts:ExternalId condition.",
                      .options = {role::conventionOption("trustedAccounts", "array", "account IDs that are yours or trusted partners")},
                      .securitySeverity = 6.0}) {}

  void configure(const engine::Options& o, engine::Reporter&) override { options_ = o; }

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    if (trust::findRestricting(s, {"sts:ExternalId"}) != nullptr) return;
    const auto own = trust::ownAccount(p);
    const auto trusted = trust::trustedAccounts(options_);
    for (const model::StringItem* v : trust::principalValues(s, "AWS")) {
      const auto acct = trust::principalAccount(v->value);
      if (!acct) continue;
      if (own && *own == *acct) continue;
      if (trusted && std::find(trusted->begin(), trusted->end(), *acct) != trusted->end()) continue;
      r.report(p, *v->node,
               "account " + *acct +
                   " is trusted without an `sts:ExternalId` condition: if it is a third party acting for several "
                   "customers, anyone who can make it assume roles can reach this one (confused deputy). Add "
                   "`\"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"…\"}}` with the ID the third party gave "
                   "you, or list the account in `conventions.trustedAccounts` of .rolelint.json if it is one of yours");
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL402() { return engine::makeRule<CrossAccountTrustWithoutExternalId>(); }

}  // namespace rolelint::rules
