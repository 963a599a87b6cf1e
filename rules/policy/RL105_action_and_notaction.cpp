// RL105 action-and-notaction: a statement may have Action or NotAction, not both.
// Source: IAM User Guide, IAM JSON policy elements: NotAction
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html).
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class ActionAndNotAction final : public engine::Rule {
 public:
  ActionAndNotAction()
      : engine::Rule({.id = "RL105",
                      .name = "action-and-notaction",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement has both Action and NotAction.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_ELEMENT_COMBINATION", "parliament:MALFORMED",
                                      "cfn-lint:E3510", "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!s.action.present() || !s.notAction.present()) return;
    r.reportKey(p, *s.notAction.node,
                "statement " + std::to_string(s.index) +
                    " has both \"Action\" and \"NotAction\"; IAM rejects the policy",
                "Keep \"Action\" to list what the statement covers, or \"NotAction\" to cover everything except "
                "the list, not both");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL105() { return engine::makeRule<ActionAndNotAction>(); }

}  // namespace rolelint::rules
