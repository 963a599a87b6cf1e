// RL164 wildcard-condition-always-true: a StringLike condition with a bare "*"
// value that is also true when the key is absent (…IfExists, ForAllValues:)
// is true for every request, so the key restricts nothing. Sources: IAM Access
// Analyzer policy check reference, "Suggestion – Redundant key due to wildcard in
// condition" ("The key … is redundant because it is always matched")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// IAM User Guide, "Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
// `*` in StringLike matches any run of characters; …IfExists is true for an absent
// key) and "Single-valued vs. multivalued context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
// ForAllValues is true when the key is absent). The AWS page does not list the
// operator/value combinations; see support/policy_star_condition.h.
// RL152 (ForAllValues: on a single-valued key) stays silent on the conditions
// reported here, so this message also says when the key is single-valued and
// how to require the key if that was meant, instead of the two rules giving
// different fixes.
#include "rules/registry.h"
#include "analysis/policy_star_condition.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class WildcardConditionAlwaysTrue final : public engine::Rule {
 public:
  WildcardConditionAlwaysTrue()
      : engine::Rule({.id = "RL164",
                      .name = "wildcard-condition-always-true",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A condition key is tested with \"*\" by an operator that is also true when the key "
                                 "is absent, so it matches every request.",
                      .equivalents = {"access-analyzer:REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::StarCondition sc = policy::classifyStarCondition(c);
    if (sc.outcome != policy::StarOutcome::AlwaysTrue) return;
    std::string msg = "\"" + c.op + "\" with \"" + sc.star->text + "\" on \"" + c.key +
                      "\" is true for every request (" + sc.why +
                      "), so this key restricts nothing";
    std::string help = "Remove it from the condition, list the values the key must have, or, if the request must "
                       "carry the key, write \"Null\": {\"" + c.key + "\": \"false\"}";
    if (c.parsedOp.qualifier == "ForAllValues" && policy::isSingleValuedGlobalKey(r.catalog(), c.key)) {
      help += "; \"" + c.key + "\" is single-valued, so a test you keep on it must not use ForAllValues:";
    }
    r.report(p, *sc.star, msg, help);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL164() { return engine::makeRule<WildcardConditionAlwaysTrue>(); }

}  // namespace rolelint::rules
