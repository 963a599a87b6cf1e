// RL409 trust-action-mismatch: the assume action does not fit the principal type:
// a service needs sts:AssumeRole, a SAML provider sts:AssumeRoleWithSAML, an OIDC
// provider sts:AssumeRoleWithWebIdentity; rolesanywhere.amazonaws.com needs
// sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession.
// Sources: Access Analyzer checks MISMATCHED_ACTION_FOR_PRINCIPAL and
// MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// IAM Roles Anywhere trust model (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html);
// Creating a role for web identity or OIDC / for SAML 2.0 federation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html).
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

enum Kind : unsigned { kAws = 1, kService = 2, kSaml = 4, kOidc = 8 };

// Which principal kinds an exact trust action fits; 0 for actions this rule does not judge.
unsigned fits(std::string_view action) {
  const std::string a = trust::lower(action);
  if (a == "sts:assumerole") return kAws | kService;
  if (a == "sts:assumerolewithsaml") return kSaml;
  if (a == "sts:assumerolewithwebidentity") return kOidc;
  return 0;
}

std::string kindNames(unsigned k) {
  std::string out;
  auto add = [&](unsigned bit, const char* n) {
    if (k & bit) out += (out.empty() ? "" : " and ") + std::string(n);
  };
  add(kAws, "AWS principals");
  add(kService, "service principals");
  add(kSaml, "SAML providers");
  add(kOidc, "OIDC providers");
  return out;
}

std::string actionFor(unsigned k) {
  if (k & kSaml) return "sts:AssumeRoleWithSAML";
  if (k & kOidc) return "sts:AssumeRoleWithWebIdentity";
  return "sts:AssumeRole";
}

class TrustActionMismatch final : public engine::Rule {
 public:
  TrustActionMismatch()
      : engine::Rule({.id = "RL409",
                      .name = "trust-action-mismatch",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Error,
                      .summary = "The trust policy's assume action does not fit its principal (service, SAML, OIDC, Roles Anywhere).",
                      .equivalents = {"access-analyzer:MISMATCHED_ACTION_FOR_PRINCIPAL",
                                      "access-analyzer:MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s) || !s.principal || !s.action.present()) return;
    unsigned kinds = 0;
    if (s.principal->wildcard || !trust::principalValues(s, "AWS").empty()) kinds |= kAws;
    if (!trust::principalValues(s, "Service").empty()) kinds |= kService;
    for (const model::StringItem* v : trust::principalValues(s, "Federated")) {
      if (auto f = trust::classifyFederated(v->value)) kinds |= f->kind == trust::FederatedKind::Saml ? kSaml : kOidc;
    }
    if (kinds == 0) return;
    for (const model::StringItem& a : s.action.items) {
      if (core::findWildcard(a.value) != std::string::npos) continue;
      const unsigned f = fits(a.value);
      if (f == 0 || (f & kinds) != 0) continue;
      r.report(p, *a.node,
               "`" + a.value + "` is for " + kindNames(f) + ", but this statement trusts " + kindNames(kinds) +
                   ", so the role can never be assumed this way",
               "Use `" + actionFor(kinds) + "`");
    }
    // IAM Roles Anywhere needs all three actions.
    for (const model::StringItem* v : trust::principalValues(s, "Service")) {
      if (v->value != "rolesanywhere.amazonaws.com") continue;
      std::string missing;
      int count = 0;
      for (const char* need : {"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"})
        if (!trust::actionListCovers(s.action, need)) {
          missing += (missing.empty() ? "`" : ", `") + std::string(need) + "`";
          ++count;
        }
      if (!missing.empty())
        r.report(p, *v->node,
                 "IAM Roles Anywhere needs `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession` in the "
                 "trust policy; " + missing + (count > 1 ? " are" : " is") +
                     " missing, so CreateSession fails",
                 "Add " + missing + " to Action");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL409() { return engine::makeRule<TrustActionMismatch>(); }

}  // namespace rolelint::rules
