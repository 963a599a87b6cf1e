// RL111 principal-and-notprincipal: a statement may have Principal or NotPrincipal, not both.
// Source: IAM User Guide, IAM JSON policy elements: NotPrincipal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class PrincipalAndNotPrincipal final : public engine::Rule {
 public:
  PrincipalAndNotPrincipal()
      : engine::Rule({.id = "RL111",
                      .name = "principal-and-notprincipal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement has both Principal and NotPrincipal.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_ELEMENT_COMBINATION", "parliament:MALFORMED",
                                      "cfn-lint:E3510", "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!s.principal || !s.notPrincipal) return;
    r.reportKey(p, *s.notPrincipal->node,
                policy::label(s) +
                    " has both \"Principal\" and \"NotPrincipal\"; IAM rejects the policy",
                "Keep \"Principal\" and list who the statement applies to");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL111() { return engine::makeRule<PrincipalAndNotPrincipal>(); }

}  // namespace rolelint::rules
