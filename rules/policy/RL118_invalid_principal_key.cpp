// RL118 invalid-principal-key: the keys of a Principal object are AWS, Service,
// Federated and CanonicalUser (case-sensitive).
// Source: IAM User Guide, IAM JSON policy elements: Principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html) and the policy
// grammar (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class InvalidPrincipalKey final : public engine::Rule {
 public:
  InvalidPrincipalKey()
      : engine::Rule({.id = "RL118",
                      .name = "invalid-principal-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Principal object has a key other than AWS, Service, Federated or CanonicalUser.",
                      .equivalents = {"access-analyzer:INVALID_PRINCIPAL_KEY", "parliament:UNKNOWN_PRINCIPAL"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;  // in identity policies the Principal itself is RL114's finding
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!pr->has_value()) continue;
      for (const model::Principal::Entry& e : (*pr)->entries) {
        std::string_view fix;
        bool ok = false;
        for (std::string_view k : {"AWS", "Service", "Federated", "CanonicalUser"}) {
          if (e.type == k) ok = true;
          if (policy::iequals(e.type, k) || policy::iequals(e.type, std::string(k) + "s")) fix = k;
        }
        if (ok) continue;
        std::string msg = "\"" + e.type + "\" is not a principal type; IAM rejects the policy as malformed";
        std::string help;
        if (!fix.empty()) {
          msg += ": principal types are case-sensitive and singular";
          help = "Write \"" + std::string(fix) + "\"";
        } else {
          help = "Use \"AWS\" (accounts, roles, users), \"Service\" (AWS services), \"Federated\" (identity "
                 "providers) or \"CanonicalUser\"";
        }
        r.reportKey(p, e.member->value, std::move(msg), std::move(help));
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL118() { return engine::makeRule<InvalidPrincipalKey>(); }

}  // namespace rolelint::rules
