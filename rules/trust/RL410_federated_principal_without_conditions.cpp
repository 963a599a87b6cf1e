// RL410 federated-principal-without-conditions: an OIDC provider is trusted
// without a condition on its `aud` or `sub` claim, GitHub Actions' provider
// without a repository in `token.actions.githubusercontent.com:sub`, or a SAML
// provider without `SAML:aud`: any identity of the provider can assume the role.
// Sources: Access Analyzer checks MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL and
// MISSING_GITHUB_REPO_CONDITION_KEY
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// Creating a role for OIDC federation (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html);
// Configuring a role for GitHub OIDC identity provider
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub);
// Creating a role for SAML 2.0 federation (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html).
#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

constexpr std::string_view kGitHub = "token.actions.githubusercontent.com";

class FederatedPrincipalWithoutConditions final : public engine::Rule {
 public:
  FederatedPrincipalWithoutConditions()
      : engine::Rule({.id = "RL410",
                      .name = "federated-principal-without-conditions",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "A federated principal is trusted without conditions on its claims (OIDC aud/sub, the GitHub repository, SAML:aud).",
                      .equivalents = {"access-analyzer:MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
                                      "access-analyzer:MISSING_GITHUB_REPO_CONDITION_KEY", "checkov:CKV_AWS_358"},
                      .securitySeverity = 8.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    for (const model::StringItem* v : trust::principalValues(s, "Federated")) {
      const auto f = trust::classifyFederated(v->value);
      if (!f) continue;
      if (f->kind == trust::FederatedKind::Saml) {
        if (trust::findRestricting(s, {"SAML:aud"}) == nullptr)
          r.report(p, *v->node,
                   "SAML provider trusted without a condition that requires a specific `SAML:aud`: assertions meant for another service "
                   "provider could be used to assume this role",
                   "Add `\"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"}`");
        continue;
      }
      const std::string sub = f->host + ":sub", aud = f->host + ":aud", appId = f->host + ":app_id";
      const bool hasSub = trust::findRestricting(s, {sub}) != nullptr;
      // Login with Amazon and Facebook identify the application with `app_id` instead of `aud`.
      const bool hasAud = trust::findRestricting(s, {aud, appId}) != nullptr;
      if (f->host == kGitHub) {
        if (!hasSub)
          r.report(p, *v->node,
                   "GitHub Actions OIDC trusted without a condition that requires a specific `" + sub +
                       "`: a workflow in any GitHub repository, of any owner, can assume this role",
                   "Add `\"StringEquals\": {\"" + sub + "\": \"repo:OWNER/REPO:ref:refs/heads/BRANCH\"}`" +
                       (hasAud ? "" : " and `\"" + aud + "\": \"sts.amazonaws.com\"`"));
        continue;
      }
      if (!hasSub && !hasAud)
        r.report(p, *v->node,
                 "OIDC provider `" + f->host + "` trusted without a condition that requires a specific `" + aud +
                     "` or `" + sub + "`: every identity the provider issues tokens for can assume this role",
                 "Add `StringEquals` conditions on the audience (client ID) and the subject");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL410() { return engine::makeRule<FederatedPrincipalWithoutConditions>(); }

}  // namespace rolelint::rules
