// RL106 missing-action: a statement needs Action or NotAction.
// Source: IAM User Guide, policy grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class MissingAction final : public engine::Rule {
 public:
  MissingAction()
      : engine::Rule({.id = "RL106",
                      .name = "missing-action",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement has neither Action nor NotAction.",
                      .equivalents = {"access-analyzer:MISSING_ACTION", "parliament:MALFORMED", "cfn-lint:E3510",
                                      "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.action.present() || s.notAction.present() || !s.node->isObject()) return;
    const std::string hint = p.kind == model::PolicyKind::Trust
                                 ? "Add the assume action, e.g. \"Action\": \"sts:AssumeRole\""
                                 : "Add \"Action\" with the actions the statement covers, e.g. \"s3:GetObject\"";
    r.report(p, *s.node,
             "statement " + std::to_string(s.index) + " has neither \"Action\" nor \"NotAction\"; IAM rejects the "
                 "policy as malformed",
             hint);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL106() { return engine::makeRule<MissingAction>(); }

}  // namespace rolelint::rules
