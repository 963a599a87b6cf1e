// RL104 missing-effect: every statement needs an Effect.
// Source: IAM User Guide, policy grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class MissingEffect final : public engine::Rule {
 public:
  MissingEffect()
      : engine::Rule({.id = "RL104",
                      .name = "missing-effect",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement has no Effect element.",
                      .equivalents = {"access-analyzer:MISSING_EFFECT", "parliament:MALFORMED", "cfn-lint:E3510",
                                      "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.effect != model::Effect::Missing || !s.node->isObject()) return;
    r.report(p, *s.node,
             "statement " + std::to_string(s.index) +
                 " has no \"Effect\"; IAM rejects the policy as malformed",
             "Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL104() { return engine::makeRule<MissingEffect>(); }

}  // namespace rolelint::rules
