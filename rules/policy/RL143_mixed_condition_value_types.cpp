// RL143 mixed-condition-value-types: the values listed for one condition key
// must share one JSON type (all strings, all numbers or all booleans).
// Source: IAM Access Analyzer policy check reference, "Invalid condition data type"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html) and IAM User
// Guide, Condition element (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MixedConditionValueTypes final : public engine::Rule {
 public:
  MixedConditionValueTypes()
      : engine::Rule({.id = "RL143",
                      .name = "mixed-condition-value-types",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "The values listed for one condition key mix JSON types (e.g. strings and numbers).",
                      .equivalents = {"access-analyzer:INVALID_CONDITION_DATA_TYPE"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const json::Value* first = nullptr;
    for (const json::Value* v : c.values) {
      if (!v->isString() && !v->isNumber() && !v->isBool()) continue;  // RL108
      if (first == nullptr) {
        first = v;
        continue;
      }
      if (v->kind == first->kind) continue;
      const json::Value* other = v->isString() ? first : v;
      const std::string asText = other->isBool() ? (other->boolean ? "true" : "false") : other->text;
      r.report(p, *v,
               "\"" + c.key + "\" lists " + policy::typeName(*first) + " and " + policy::typeName(*v) +
                   "; the values of one condition key must have one JSON type, and IAM rejects the mix",
               "Write them all as strings, e.g. \"" + asText + "\"");
      break;
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL143() { return engine::makeRule<MixedConditionValueTypes>(); }

}  // namespace rolelint::rules
