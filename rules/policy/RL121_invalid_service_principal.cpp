// RL121 invalid-service-principal: a service principal is the service's
// lowercase DNS-style name, e.g. "mediaconvert.amazonaws.com" (case-sensitive).
// Source: IAM User Guide, IAM JSON policy elements: Principal, "AWS service principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services).
#include "rules/registry.h"
#include "rules/support/policy_util.h"

namespace rolelint::rules {
namespace {

class InvalidServicePrincipal final : public engine::Rule {
 public:
  InvalidServicePrincipal()
      : engine::Rule({.id = "RL121",
                      .name = "invalid-service-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Service principal is not a lowercase service name such as "
                                 "\"mediaconvert.amazonaws.com\".",
                      .equivalents = {"access-analyzer:INVALID_SERVICE_PRINCIPAL_FORMAT"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;  // in identity policies the Principal itself is RL114's finding
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!pr->has_value()) continue;
      for (const policy::PrincipalValue& v : policy::principalValues(**pr)) {
        if (v.entry->type != "Service") continue;
        const std::string& t = v.item->value;
        if (t.find_first_of("*?") != std::string::npos) continue;  // RL119
        if (policy::isLowerHostname(t)) continue;
        std::string fix;
        const std::string l = policy::lower(t);
        if (t.rfind("arn:", 0) == 0) {
          fix = "a service principal is the service's name, not an ARN, e.g. \"mediaconvert.amazonaws.com\"";
        } else if (policy::isLowerHostname(l)) {
          fix = "service principals are case-sensitive: write \"" + l + "\"";
        } else if (l.find_first_of(". ") == std::string::npos && !l.empty()) {
          fix = "write the full service principal, e.g. \"" + l + ".amazonaws.com\"";
        } else {
          fix = "write the service's principal as documented, e.g. \"mediaconvert.amazonaws.com\"";
        }
        r.report(p, *v.item->node,
                 "\"" + t + "\" is not a valid service principal, so IAM rejects the trust policy (or no service "
                     "matches it): " + fix);
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL121() { return std::make_unique<InvalidServicePrincipal>(); }

}  // namespace rolelint::rules
