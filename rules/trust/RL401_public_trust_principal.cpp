// RL401 public-trust-principal: a trust policy lets anyone ("*" or {"AWS": "*"})
// assume the role, with no condition that restricts who the principal is; and
// the bare "Principal": "*", which Access Analyzer reports in a trust policy
// even when a condition restricts the principal (issue 17, item 2).
// Sources: IAM User Guide, AWS JSON policy elements: Principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html),
// IAM Access Analyzer policy check reference (ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

class PublicTrustPrincipal final : public engine::Rule {
 public:
  PublicTrustPrincipal()
      : engine::Rule({.id = "RL401",
                      .name = "public-trust-principal",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Error,
                      .summary = "A trust policy lets any principal (\"*\") assume the role without a condition that restricts who "
                                 "the principal is, or uses the bare \"Principal\": \"*\".",
                      .equivalents = {"access-analyzer:ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                                      "checkov:CKV_AWS_60"},
                      .securitySeverity = 9.5}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s) || !s.principal) return;
    if (trust::hasPrincipalRestriction(s)) {
      // Access Analyzer reports the bare "*" in a trust policy whatever the condition
      // (ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL); {"AWS": "*"} is the form it accepts.
      if (s.principal->wildcard) {
        r.report(p, *s.principal->node,
                 "`\"Principal\": \"*\"` is not supported in a trust policy, even with a condition that restricts "
                 "the principal",
                 "Write `\"Principal\": {\"AWS\": \"*\"}` and keep the condition");
      }
      return;
    }
    std::string why = s.conditions.empty()
                          ? std::string("and the statement has no Condition")
                          : "and its condition on `" + s.conditions.front().key +
                                "` does not restrict who the principal is";
    const std::string fix =
        "Name the trusted accounts or roles in Principal, or keep \"*\" only with a condition such as "
        "`StringEquals` on `aws:PrincipalOrgID` or `aws:PrincipalArn`";
    if (s.principal->wildcard) {
      r.report(p, *s.principal->node,
               "`\"Principal\": \"*\"` lets every AWS principal, in any account, assume this role " + why, fix);
      return;
    }
    for (const model::StringItem* v : trust::principalValues(s, "AWS")) {
      if (v->value == "*")
        r.report(p, *v->node, "`{\"AWS\": \"*\"}` lets every AWS principal, in any account, assume this role " + why,
                 fix);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL401() { return engine::makeRule<PublicTrustPrincipal>(); }

}  // namespace rolelint::rules
