// RL117 invalid-principal-format: Principal is "*" or an object keyed by
// principal type ({"AWS": …}, {"Service": …}); a bare ARN or service name is invalid.
// Source: IAM User Guide, IAM JSON policy elements: Principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class InvalidPrincipalFormat final : public engine::Rule {
 public:
  InvalidPrincipalFormat()
      : engine::Rule({.id = "RL117",
                      .name = "invalid-principal-format",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Principal is a string other than \"*\" instead of an object keyed by principal type.",
                      .equivalents = {"access-analyzer:INVALID_PRINCIPAL_FORMAT", "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;  // in identity policies the Principal itself is RL114's finding
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!pr->has_value()) continue;
      const json::Value& v = *(*pr)->node;
      if (!v.isString() || v.text == "*") continue;
      std::string key = "AWS";
      if (v.text.find(".amazonaws.com") != std::string::npos && v.text.rfind("arn:", 0) != 0) {
        key = v.text.rfind("cognito-identity", 0) == 0 ? "Federated" : "Service";
      } else if (v.text.find(":saml-provider/") != std::string::npos ||
                 v.text.find(":oidc-provider/") != std::string::npos) {
        key = "Federated";
      }
      r.report(p, v,
               "\"" + v.text + "\" is not a valid principal: a principal is \"*\" or an object keyed by type; IAM "
                   "rejects the policy as malformed",
               "Write {\"" + key + "\": \"" + v.text + "\"}");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL117() { return engine::makeRule<InvalidPrincipalFormat>(); }

}  // namespace rolelint::rules
