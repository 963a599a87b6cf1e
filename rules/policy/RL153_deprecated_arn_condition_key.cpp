// RL153 deprecated-arn-condition-key: aws:ARN is not a supported global
// condition key; compare the principal with aws:PrincipalArn or the source with aws:SourceArn.
// Source: IAM Access Analyzer policy check reference, "Unsupported global condition key" and "Deprecated global
// condition key" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// AWS global condition context keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class DeprecatedArnConditionKey final : public engine::Rule {
 public:
  DeprecatedArnConditionKey()
      : engine::Rule({.id = "RL153",
                      .name = "deprecated-arn-condition-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A condition uses the unsupported, deprecated global key aws:ARN.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_GLOBAL_CONDITION_KEY",
                                      "access-analyzer:DEPRECATED_GLOBAL_CONDITION_KEY"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    if (!policy::iequals(c.key, "aws:ARN")) return;
    r.reportKey(p, c.keyMember->value,
                "\"" + c.key + "\" is a deprecated global condition key that IAM no longer supports, so the "
                    "condition does not work",
                "Use \"aws:PrincipalArn\" to compare the caller's ARN or \"aws:SourceArn\" for the resource a "
                "service acts for");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL153() { return engine::makeRule<DeprecatedArnConditionKey>(); }

}  // namespace rolelint::rules
