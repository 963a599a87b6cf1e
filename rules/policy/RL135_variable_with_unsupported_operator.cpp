// RL135 variable-with-unsupported-operator: policy variables in condition
// values work only with the String and ARN operators (Access Analyzer follows
// this; the operators page also mentions Bool, the variables page does not).
// Source: IAM User Guide, IAM policy elements: Variables and tags
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html) and IAM Access Analyzer
// policy check reference, "Invalid variable for operator"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class VariableWithUnsupportedOperator final : public engine::Rule {
 public:
  VariableWithUnsupportedOperator()
      : engine::Rule({.id = "RL135",
                      .name = "variable-with-unsupported-operator",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A policy variable is used in the value of a condition operator other than String or ARN.",
                      .equivalents = {"access-analyzer:INVALID_VARIABLE_FOR_OPERATOR"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::OperatorFamily fam = policy::familyOf(c.parsedOp.base);
    if (fam == policy::OperatorFamily::String || fam == policy::OperatorFamily::Arn ||
        fam == policy::OperatorFamily::Unknown) {
      return;
    }
    for (const json::Value* v : c.values) {
      if (!v->isString()) continue;
      const auto vars = policy::variables(v->text);
      if (vars.empty()) continue;
      r.reportSubstring(p, *v, vars.front().pos, vars.front().len,
                              "the policy variable \"" + v->text.substr(vars.front().pos, vars.front().len) +
                                  "\" is not supported with \"" + c.op +
                                  "\": variables work only with String and ARN operators, so the value is "
                                  "compared as written",
                              "Use a literal value or a String/ARN operator");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL135() { return engine::makeRule<VariableWithUnsupportedOperator>(); }

}  // namespace rolelint::rules
