// RL129 empty-condition: an empty Condition object or operator block does
// nothing, and a condition key with an empty value array never matches —
// or, with ForAllValues or IfExists, matches only when the key is absent.
// Source: IAM User Guide, Condition element and set operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
// and IAM Access Analyzer policy check reference, "Empty object condition", "Empty array condition*"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class EmptyCondition final : public engine::Rule {
 public:
  EmptyCondition()
      : engine::Rule({.id = "RL129",
                      .name = "empty-condition",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A Condition or operator block is empty, or a condition key has an empty array of values.",
                      .equivalents = {"access-analyzer:EMPTY_OBJECT_CONDITION", "access-analyzer:EMPTY_ARRAY_CONDITION",
                                      "access-analyzer:EMPTY_ARRAY_CONDITION_FORALLVALUES",
                                      "access-analyzer:EMPTY_ARRAY_CONDITION_FORANYVALUE",
                                      "access-analyzer:EMPTY_ARRAY_CONDITION_IFEXISTS"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.condition == nullptr || !s.condition->isObject()) return;
    if (s.condition->members.empty()) {
      r.report(p, *s.condition, "\"Condition\" is an empty object and restricts nothing", "Remove it or add conditions");
      return;
    }
    for (const json::Member& op : s.condition->members) {
      if (op.value.isObject() && op.value.members.empty()) {
        r.report(p, op.value,
                 "the \"" + op.key + "\" block is an empty object and restricts nothing",
                 "Add a condition key or remove the operator");
      }
    }
    for (const model::Condition& c : s.conditions) {
      const json::Value& v = c.keyMember->value;
      if (!v.isArray() || !v.elements.empty()) continue;
      const policy::Operator o = c.parsedOp;
      std::string msg = "\"" + c.key + "\" under \"" + c.op + "\" has an empty array of values: ";
      std::string help;
      if (o.qualifier == "ForAllValues") {
        msg += "ForAllValues with no values is true only when the key is absent or empty";
        help = "To require that, use \"Null\": {\"" + c.key + "\": \"true\"}";
      } else if (o.qualifier == "ForAnyValue") {
        msg += "ForAnyValue with no values never matches, so the statement never applies";
        help = "List the values or remove the key";
      } else if (o.ifExists) {
        msg += "with IfExists it is true only when the key is absent";
        help = "To require that, use \"Null\": {\"" + c.key + "\": \"true\"}";
      } else {
        msg += "it never matches, so the statement never applies";
        help = "List the values or remove the key";
      }
      r.report(p, v, std::move(msg), std::move(help));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL129() { return engine::makeRule<EmptyCondition>(); }

}  // namespace rolelint::rules
