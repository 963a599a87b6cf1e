// RL116 notprincipal-in-trust-policy: NotPrincipal is not supported in role trust policies.
// Source: IAM User Guide, IAM JSON policy elements: NotPrincipal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class NotPrincipalInTrustPolicy final : public engine::Rule {
 public:
  NotPrincipalInTrustPolicy()
      : engine::Rule({.id = "RL116",
                      .name = "notprincipal-in-trust-policy",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A role trust policy statement has NotPrincipal.",
                      .equivalents = {"access-analyzer:ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
                                      "access-analyzer:ALLOW_WITH_NOT_PRINCIPAL", "parliament:NOTPRINCIPAL_WITH_ALLOW"},
                      .securitySeverity = 7.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p) || !s.notPrincipal) return;
    r.reportKey(p, *s.notPrincipal->node,
                policy::label(s) +
                    " of the trust policy has \"NotPrincipal\", which role trust policies do not support (with "
                    "\"Allow\" it would mean everyone except the list, anonymous users included)",
                "Use \"Principal\" and list who may assume the role");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL116() { return engine::makeRule<NotPrincipalInTrustPolicy>(); }

}  // namespace rolelint::rules
