// RL609 notresource-with-allow: an Allow statement with NotResource grants its
// actions on every resource it does not list — in every service its actions
// reach, including resources created later (parliament's NOTRESOURCE_WITH_ALLOW).
// AWS managed policies and boundaries are not checked.
// Source: IAM User Guide, "IAM JSON policy elements: NotResource"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class NotResourceWithAllow final : public engine::Rule {
 public:
  NotResourceWithAllow()
      : engine::Rule({.id = "RL609",
                      .name = "notresource-with-allow",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow statement uses NotResource, so it grants its actions on every resource it "
                                 "does not list.",
                      .equivalents = {"parliament:NOTRESOURCE_WITH_ALLOW"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (policy::isTrust(p) || p.kind == model::PolicyKind::Boundary || p.awsManaged) return;
    if (s.effect != model::Effect::Allow || !s.notResource.present()) return;
    r.reportKey(p, *s.notResource.node,
                policy::label(s) +
                    " is an Allow with NotResource: it grants its actions on every resource not listed, including "
                    "ones created later and in other services",
                "List the resources in Resource instead");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL609() { return engine::makeRule<NotResourceWithAllow>(); }

}  // namespace rolelint::rules
