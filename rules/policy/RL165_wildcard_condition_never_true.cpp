// RL165 wildcard-condition-never-true: ForAnyValue:StringNotLike with a bare "*"
// value is false for every request, so its statement never applies. Sources: IAM
// Access Analyzer policy check reference, "Suggestion – Redundant statement due to
// wildcard in condition" ("The key … does not match any values … an unreachable
// condition that will never be satisfied")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// IAM User Guide, "Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
// `*` in StringLike/StringNotLike matches any run of characters) and
// "Single-valued vs. multivalued context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
// ForAnyValue is false when the key is absent). The AWS page does not list the
// operator/value combinations; see support/policy_star_condition.h.
#include "rules/registry.h"
#include "analysis/policy_star_condition.h"

namespace rolelint::rules {
namespace {

class WildcardConditionNeverTrue final : public engine::Rule {
 public:
  WildcardConditionNeverTrue()
      : engine::Rule({.id = "RL165",
                      .name = "wildcard-condition-never-true",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A ForAnyValue:StringNotLike condition with the value \"*\" matches no request, so "
                                 "its statement never applies.",
                      .equivalents = {"access-analyzer:REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& s, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::StarCondition sc = policy::classifyStarCondition(c);
    if (sc.outcome != policy::StarOutcome::NeverTrue) return;
    const bool deny = s.effect == model::Effect::Deny;
    r.report(p, *sc.star,
             "\"" + c.op + "\" with \"" + sc.star->text + "\" on \"" + c.key + "\" is false for every request (" + sc.why +
                 "), so this statement never " + (deny ? "denies anything" : "allows anything"),
             "Remove the statement, or list only the values the key must not match");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL165() { return engine::makeRule<WildcardConditionNeverTrue>(); }

}  // namespace rolelint::rules
