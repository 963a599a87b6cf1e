// RL412 allow-with-not-principal: Allow with NotPrincipal in a trust policy
// trusts everyone except the listed principals (IAM also rejects NotPrincipal
// in role trust policies).
// Sources: IAM User Guide, AWS JSON policy elements: NotPrincipal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html);
// Access Analyzer checks ALLOW_WITH_NOT_PRINCIPAL and ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "rules/support/trust_common.h"

namespace rolelint::rules {
namespace {

class AllowWithNotPrincipal final : public engine::Rule {
 public:
  AllowWithNotPrincipal()
      : engine::Rule({.id = "RL412",
                      .name = "allow-with-not-principal",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Error,
                      .summary = "A trust policy statement combines Allow with NotPrincipal, trusting everyone except the listed principals.",
                      .equivalents = {"access-analyzer:ALLOW_WITH_NOT_PRINCIPAL",
                                      "access-analyzer:ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
                                      "parliament:NOTPRINCIPAL_WITH_ALLOW"},
                      .securitySeverity = 9.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s) || !s.notPrincipal || s.notPrincipal->node == nullptr) return;
    r.reportKey(p, *s.notPrincipal->node,
                "`Allow` with `NotPrincipal` trusts every principal except the listed ones, anonymous and other "
                "accounts included, and IAM rejects NotPrincipal in a role trust policy. Name the trusted "
                "principals in `Principal` instead");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL412() { return std::make_unique<AllowWithNotPrincipal>(); }

}  // namespace rolelint::rules
