// RL142 duplicate-condition-key-case: condition key names are case-insensitive,
// so two keys under one operator that differ only in case are the same key.
// Source: IAM User Guide, IAM JSON policy elements: Condition, "Condition key names are not case-sensitive"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class DuplicateConditionKeyCase final : public engine::Rule {
 public:
  DuplicateConditionKeyCase()
      : engine::Rule({.id = "RL142",
                      .name = "duplicate-condition-key-case",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "One condition operator lists the same key twice, differing only in case.",
                      .equivalents = {"access-analyzer:DUPLICATE_KEYS_WITH_DIFFERENT_CASE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.condition == nullptr || !s.condition->isObject()) return;
    for (const json::Member& op : s.condition->members) {
      if (!op.value.isObject()) continue;
      const auto& ms = op.value.members;
      for (size_t i = 0; i < ms.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (ms[i].key == ms[j].key || !policy::iequals(ms[i].key, ms[j].key)) continue;  // exact: RL002
          r.reportKey(p, ms[i].value,
                      "\"" + ms[i].key + "\" repeats \"" + ms[j].key + "\" under \"" + op.key +
                          "\": condition key names are case-insensitive, so this is the same key twice and IAM "
                          "rejects it",
                      "Merge the values into one key");
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL142() { return engine::makeRule<DuplicateConditionKeyCase>(); }

}  // namespace rolelint::rules
