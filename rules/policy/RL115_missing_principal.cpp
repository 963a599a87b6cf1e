// RL115 missing-principal: every statement of a role trust policy needs a Principal.
// Source: IAM User Guide, IAM JSON policy elements: Principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MissingPrincipal final : public engine::Rule {
 public:
  MissingPrincipal()
      : engine::Rule({.id = "RL115",
                      .name = "missing-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement of a role trust policy has no Principal.",
                      .equivalents = {"access-analyzer:MISSING_PRINCIPAL", "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    // NotPrincipal without Principal is RL116's finding.
    if (!policy::isTrust(p) || !s.node->isObject() || s.principal || s.notPrincipal) return;
    r.report(p, *s.node,
             policy::label(s) +
                 " of the trust policy has no \"Principal\"; IAM rejects it as malformed",
             "Name who may assume the role, e.g. \"Principal\": {\"Service\": \"mediaconvert.amazonaws.com\"}");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL115() { return engine::makeRule<MissingPrincipal>(); }

}  // namespace rolelint::rules
