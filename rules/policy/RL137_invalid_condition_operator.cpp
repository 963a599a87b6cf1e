// RL137 invalid-condition-operator: a condition operator is one of the
// documented String, Numeric, Date, Bool, BinaryEquals, IpAddress/NotIpAddress,
// Arn and Null operators, optionally with the IfExists suffix and a
// ForAllValues:/ForAnyValue: qualifier; names are case-sensitive.
// Source: IAM User Guide, IAM JSON policy elements: Condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class InvalidConditionOperator final : public engine::Rule {
 public:
  InvalidConditionOperator()
      : engine::Rule({.id = "RL137",
                      .name = "invalid-condition-operator",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A condition operator is not one IAM knows (names, IfExists and set qualifiers are "
                                 "case-sensitive).",
                      .equivalents = {"access-analyzer:INVALID_CONDITION_OPERATOR", "parliament:UNKNOWN_OPERATOR",
                                      "cfn-lint:E3510", "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.condition == nullptr || !s.condition->isObject()) return;
    for (const json::Member& m : s.condition->members) {
      const std::string fix = suggestion(m.key);
      if (fix == m.key) continue;
      std::string msg = "\"" + m.key + "\" is not a condition operator; IAM rejects the policy";
      std::string help;
      if (!fix.empty()) {
        msg += ": operator names are case-sensitive";
        help = "Write \"" + fix + "\"";
      } else {
        help = "Use a documented operator such as StringEquals, StringLike, ArnLike, NumericLessThan, "
               "DateGreaterThan, Bool, IpAddress or Null, optionally with IfExists or a ForAllValues:/ForAnyValue: "
               "prefix";
      }
      r.reportKey(p, m.value, std::move(msg), std::move(help));
    }
  }

 private:
  // The valid spelling of `op` ignoring case (itself when already valid), or "" when there is none.
  static std::string suggestion(std::string_view op) {
    std::string qualifier;
    for (std::string_view q : {"ForAllValues:", "ForAnyValue:"}) {
      if (op.size() > q.size() && policy::iequals(op.substr(0, q.size()), q)) {
        qualifier = std::string(q);
        op.remove_prefix(q.size());
        break;
      }
    }
    std::string suffix;
    constexpr std::string_view kIfExists = "IfExists";
    if (op.size() > kIfExists.size() && policy::iequals(op.substr(op.size() - kIfExists.size()), kIfExists)) {
      suffix = std::string(kIfExists);
      op.remove_suffix(kIfExists.size());
    }
    const std::string_view base = policy::knownOperatorIgnoringCase(op);
    if (base.empty()) return {};
    return qualifier + std::string(base) + suffix;
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL137() { return engine::makeRule<InvalidConditionOperator>(); }

}  // namespace rolelint::rules
