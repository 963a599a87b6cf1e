// RL122 invalid-federated-principal: a Federated principal in a role trust
// policy is a SAML provider ARN, an OIDC provider ARN, or a web identity
// provider domain (cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com).
// Source: IAM User Guide, IAM JSON policy elements: Principal, "Federated user principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity).
#include "core/unknown.h"
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

bool validProviderArn(const std::string& t) {
  const auto parts = policy::splitArn(t);
  if (!parts) return false;
  const auto& f = *parts;
  if (f[0] != "arn" || f[2] != "iam" || !f[3].empty() || f[4].size() != 12) return false;
  for (char c : f[4]) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  for (std::string_view type : {"saml-provider/", "oidc-provider/"}) {
    if (f[5].rfind(type, 0) == 0 && f[5].size() > type.size()) return true;
  }
  return false;
}

class InvalidFederatedPrincipal final : public engine::Rule {
 public:
  InvalidFederatedPrincipal()
      : engine::Rule({.id = "RL122",
                      .name = "invalid-federated-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Federated principal in a trust policy is neither a SAML/OIDC provider ARN nor an "
                                 "identity provider domain.",
                      .equivalents = {"access-analyzer:INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
                                      "parliament:UNKNOWN_FEDERATION_SOURCE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p) || !s.principal) return;
    for (const policy::PrincipalValue& v : policy::principalValues(*s.principal)) {
      if (v.entry->type != "Federated") continue;
      const json::Text& t = v.item->value;
      if (core::findWildcard(t) != std::string::npos) continue;  // RL119
      if (core::hasUnknown(t)) continue;  // present, value unknown (core/unknown.h)
      if (t.rfind("arn:", 0) == 0 ? validProviderArn(t) : policy::isLowerHostname(t)) continue;
      std::string why;
      std::string fix;
      if (t.rfind("arn:", 0) == 0) {
        why = ": a provider ARN has the form arn:aws:iam::ACCOUNT:saml-provider/NAME or "
              "arn:aws:iam::ACCOUNT:oidc-provider/HOST (a 12-digit account, no Region)";
        fix = "Correct the ARN to that form";
      } else {
        fix = "Write the identity provider's ARN (arn:aws:iam::ACCOUNT:oidc-provider/token.actions."
              "githubusercontent.com) or a web identity domain such as \"cognito-identity.amazonaws.com\"";
      }
      r.report(p, *v.item->node,
               "\"" + t + "\" is not a valid Federated principal; IAM rejects the trust policy" + why, fix);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL122() { return engine::makeRule<InvalidFederatedPrincipal>(); }

}  // namespace rolelint::rules
