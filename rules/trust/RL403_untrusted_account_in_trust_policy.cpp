// RL403 untrusted-account-in-trust-policy: a trust policy trusts an account that
// is not in conventions.trustedAccounts of .rolelint.json (design.md §6).
// Source: IAM User Guide, AWS JSON policy elements: Principal (AWS account principals)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
#include <algorithm>

#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

class UntrustedAccountInTrustPolicy final : public engine::Rule {
 public:
  UntrustedAccountInTrustPolicy()
      : engine::Rule({.id = "RL403",
                      .name = "untrusted-account-in-trust-policy",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "A trust policy trusts an AWS account that is not listed in conventions.trustedAccounts.",
                      .options = {role::conventionOption("trustedAccounts", "array", "account IDs that are yours or trusted partners")},
                      .securitySeverity = 7.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    const auto trusted = trust::trustedAccounts(options_);
    if (!trusted) return;
    const auto own = trust::ownAccount(p);
    for (const model::StringItem* v : trust::principalValues(s, "AWS")) {
      const auto acct = trust::principalAccount(v->value);
      if (!acct || (own && *own == *acct)) continue;
      if (std::find(trusted->begin(), trusted->end(), *acct) != trusted->end()) continue;
      r.report(p, *v->node,
               "account " + *acct +
                   " is not in `conventions.trustedAccounts`: principals of that account can assume this role",
               "Remove it, or add it to trustedAccounts in .rolelint.json after review");
    }
  }

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    const json::Value* v = c.node("trustedAccounts");
    if (v == nullptr) return;
    auto at = [&](const json::Value& x) { return c.locate(x); };
    if (!v->isArray()) {
      r.report(at(*v), "`conventions.trustedAccounts` must be an array of 12-digit account IDs, not " +
                           std::string(json::kindName(v->kind)) + "; RL403 is not checked",
               {}, {}, {}, "Write `conventions.trustedAccounts` as an array of 12-digit account IDs in quotes");
      return;
    }
    for (const json::Value& e : v->elements) {
      if (!e.isString()) {
        r.report(at(e), "`conventions.trustedAccounts` entries must be strings of 12 digits, not " +
                            std::string(json::kindName(e.kind)) + "; RL403 is not checked",
                 {}, {}, {}, "Write account IDs in quotes");
      } else if (!trust::isAccountId(e.text)) {
        r.report(at(e), "\"" + e.text +
                            "\" is not a 12-digit AWS account ID; RL403 is not checked",
                 {}, {}, {}, "Write the account ID, not an ARN or alias");
      }
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL403() { return engine::makeRule<UntrustedAccountInTrustPolicy>(); }

}  // namespace rolelint::rules
