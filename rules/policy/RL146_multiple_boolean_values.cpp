// RL146 multiple-boolean-values: a Bool condition key takes one value; listing
// both true and false (or one twice) is rejected or makes the condition always true.
// Source: IAM User Guide, IAM JSON policy elements: Condition operators, Boolean condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean)
// and IAM Access Analyzer policy check reference, "Invalid condition multiple Boolean"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MultipleBooleanValues final : public engine::Rule {
 public:
  MultipleBooleanValues()
      : engine::Rule({.id = "RL146",
                      .name = "multiple-boolean-values",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Bool condition key is given more than one value.",
                      .equivalents = {"access-analyzer:INVALID_CONDITION_MULTIPLE_BOOLEAN"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    if (policy::familyOf(c.parsedOp.base) != policy::OperatorFamily::Bool) return;
    if (c.values.size() < 2) return;
    r.report(p, c.keyMember->value,
             "\"" + c.key + "\" under \"" + c.op + "\" lists " + std::to_string(c.values.size()) +
                 " values; a Boolean key takes exactly one (\"true\" or \"false\"), and both together match "
                 "every request that has the key",
             "Keep the one value you mean");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL146() { return engine::makeRule<MultipleBooleanValues>(); }

}  // namespace rolelint::rules
