// RL138 null-with-ifexists: the IfExists suffix can be added to every condition
// operator except Null.
// Source: IAM User Guide, IAM JSON policy elements: Condition operators, "...IfExists condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class NullWithIfExists final : public engine::Rule {
 public:
  NullWithIfExists()
      : engine::Rule({.id = "RL138",
                      .name = "null-with-ifexists",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "The Null condition operator is used with the IfExists suffix.",
                      .equivalents = {"access-analyzer:NULL_WITH_IF_EXISTS"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.condition == nullptr || !s.condition->isObject()) return;
    for (const json::Member& m : s.condition->members) {
      const policy::Operator o = policy::parseOperator(m.key);
      if (o.base != "Null" || !o.ifExists) continue;
      r.reportKey(p, m.value,
                  "\"" + m.key + "\": IfExists cannot be combined with Null, which already tests whether the key "
                      "exists; IAM rejects the operator",
                  "Write \"Null\"");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL138() { return engine::makeRule<NullWithIfExists>(); }

}  // namespace rolelint::rules
