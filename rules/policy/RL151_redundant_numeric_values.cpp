// RL151 redundant-numeric-values: several values under NumericLessThan(Equals)
// or NumericGreaterThan(Equals) are ORed, so only the largest (resp. smallest) matters.
// Source: IAM User Guide, Creating a condition with multiple keys or values
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html)
// and IAM Access Analyzer policy check reference, "Redundant condition value num"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "core/condition_value.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cstdlib>

namespace rolelint::rules {
namespace {

class RedundantNumericValues final : public engine::Rule {
 public:
  RedundantNumericValues()
      : engine::Rule({.id = "RL151",
                      .name = "redundant-numeric-values",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A numeric comparison lists several values where only the largest or smallest matters.",
                      .equivalents = {"access-analyzer:REDUNDANT_CONDITION_VALUE_NUM"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const std::string base = c.parsedOp.base;
    const bool less = base == "NumericLessThan" || base == "NumericLessThanEquals";
    const bool greater = base == "NumericGreaterThan" || base == "NumericGreaterThanEquals";
    if ((!less && !greater) || c.values.size() < 2) return;
    const json::Value* best = nullptr;
    double bestValue = 0;
    bool numeric = true;
    for (const json::Value* v : c.values) {
      if (!v->isNumber() && !v->isString()) {
        numeric = false;
        break;
      }
      const std::optional<double> n = core::parseNumber(v->text).value;
      if (!n) {
        numeric = false;
        break;
      }
      const double d = *n;
      if (best == nullptr || (less ? d > bestValue : d < bestValue)) {
        best = v;
        bestValue = d;
      }
    }
    if (!numeric || best == nullptr) return;
    r.report(p, c.keyMember->value,
             "\"" + c.key + "\" under \"" + c.op + "\" lists " + std::to_string(c.values.size()) +
                 " values; they are ORed, so only the " + (less ? "largest" : "smallest") + ", " + best->text +
                 ", has an effect",
             "Keep that one value");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL151() { return engine::makeRule<RedundantNumericValues>(); }

}  // namespace rolelint::rules
