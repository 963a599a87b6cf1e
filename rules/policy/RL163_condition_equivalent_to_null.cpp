// RL163 condition-equivalent-to-null: a StringLike/StringNotLike condition with a
// bare "*" value only tests whether the key is present, which is what Null says.
// Sources: IAM Access Analyzer policy check reference, "Suggestion – Equivalent
// to null false" and "Suggestion – Equivalent to null true"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// the reductions follow from IAM User Guide, "Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
// `*` in StringLike matches any run of characters, an absent key makes a positive
// operator false and a negated one true, …IfExists is true for an absent key, Null
// "false"/"true" tests presence/absence) and "Single-valued vs. multivalued context
// keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
// ForAllValues is true and ForAnyValue false when the key is absent). The AWS page
// does not list the operator/value combinations; see support/policy_star_condition.h.
#include "rules/registry.h"
#include "analysis/policy_star_condition.h"

namespace rolelint::rules {
namespace {

class ConditionEquivalentToNull final : public engine::Rule {
 public:
  ConditionEquivalentToNull()
      : engine::Rule({.id = "RL163",
                      .name = "condition-equivalent-to-null",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A StringLike or StringNotLike condition with the value \"*\" only tests whether the "
                                 "key is present, which a Null condition says directly.",
                      .equivalents = {"access-analyzer:EQUIVALENT_TO_NULL_FALSE",
                                      "access-analyzer:EQUIVALENT_TO_NULL_TRUE"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::StarCondition sc = policy::classifyStarCondition(c);
    if (sc.outcome != policy::StarOutcome::KeyPresent && sc.outcome != policy::StarOutcome::KeyAbsent) return;
    const bool present = sc.outcome == policy::StarOutcome::KeyPresent;
    r.report(p, *sc.star,
             "\"" + c.op + "\" with \"" + sc.star->text + "\" on \"" + c.key + "\" is true exactly when the key is " +
                 (present ? "present in" : "absent from") + " the request (" + sc.why + ")",
             R"(Write "Null": {")" + c.key + R"(": ")" + (present ? "false" : "true") +
                 "\"} instead, which says so directly");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL163() { return engine::makeRule<ConditionEquivalentToNull>(); }

}  // namespace rolelint::rules
