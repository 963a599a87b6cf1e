// RL120 wildcard-principal-in-trust: "Principal": "*" (or {"AWS": "*"}) in a role
// trust policy lets any AWS principal, in any account, assume the role.
// Source: IAM User Guide, IAM JSON policy elements: Principal, "All principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous)
// and IAM Access Analyzer policy check reference, "Role trust policy unsupported wildcard in principal"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "rules/support/policy_util.h"

namespace rolelint::rules {
namespace {

class WildcardPrincipalInTrust final : public engine::Rule {
 public:
  WildcardPrincipalInTrust()
      : engine::Rule({.id = "RL120",
                      .name = "wildcard-principal-in-trust",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A role trust policy names \"*\" (everyone) as the principal.",
                      .equivalents = {"access-analyzer:ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"},
                      .securitySeverity = 9.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p) || !s.principal) return;
    const std::string risk =
        s.effect == model::Effect::Deny
            ? "role trust policies do not support the \"*\" principal; name the principals the deny applies to, or "
              "trust specific principals and deny with a condition on aws:PrincipalArn"
            : "any principal in any AWS account could assume the role. Name the accounts, roles or services that "
              "may assume it, e.g. {\"AWS\": \"arn:aws:iam::111122223333:role/Deployer\"}";
    if (s.principal->wildcard) {
      r.report(p, *s.principal->node, "\"Principal\": \"*\" in a trust policy: " + risk);
      return;
    }
    for (const policy::PrincipalValue& v : policy::principalValues(*s.principal)) {
      if (v.entry->type == "AWS" && v.item->value == "*") {
        r.report(p, *v.item->node, "{\"AWS\": \"*\"} in a trust policy: " + risk);
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL120() { return std::make_unique<WildcardPrincipalInTrust>(); }

}  // namespace rolelint::rules
