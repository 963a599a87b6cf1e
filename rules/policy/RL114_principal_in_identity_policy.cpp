// RL114 principal-in-identity-policy: Principal and NotPrincipal are not allowed
// in identity-based policies or boundaries (the principal is whoever the policy is
// attached to); Federated principals only exist in role trust policies.
// Source: IAM User Guide, IAM JSON policy elements: Principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class PrincipalInIdentityPolicy final : public engine::Rule {
 public:
  PrincipalInIdentityPolicy()
      : engine::Rule({.id = "RL114",
                      .name = "principal-in-identity-policy",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement of an identity-based policy or boundary has Principal or NotPrincipal.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_PRINCIPAL",
                                      "access-analyzer:FEDERATED_PRINCIPAL_NOT_SUPPORTED", "cfn-lint:E3510"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (policy::isTrust(p)) return;
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!pr->has_value()) continue;
      const std::string name = pr == &s.principal ? "Principal" : "NotPrincipal";
      r.reportKey(p, *(*pr)->node,
                  policy::label(s) + " of the " + std::string(model::kindName(p.kind)) + " policy has \"" + name +
                      "\"; IAM rejects it (\"Has prohibited field Principal\"): an identity-based policy applies to "
                      "the role it is attached to",
                  "Remove \"" + name + "\"; to say who may assume the role, use the trust policy");
      for (const model::Principal::Entry& e : (*pr)->entries) {
        if (e.type != "Federated") continue;
        r.reportKey(p, e.member->value,
                    "a \"Federated\" principal is only supported in a role trust policy (it names the identity "
                    "provider allowed to assume the role)",
                    "Move it to the role's AssumeRolePolicyDocument");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL114() { return engine::makeRule<PrincipalInIdentityPolicy>(); }

}  // namespace rolelint::rules
