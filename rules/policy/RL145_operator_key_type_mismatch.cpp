// RL145 operator-key-type-mismatch: the operator family must match the type of
// the condition key (aws:SourceIp is an IP address, aws:CurrentTime a date,
// aws:MultiFactorAuthAge a number, aws:SecureTransport a boolean, aws:SourceArn an ARN).
// Only global condition keys with a documented type are checked (iam-facts §2.7).
// Source: IAM User Guide, AWS global condition context keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html) and Condition
// operators (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
#include "rules/registry.h"
#include "rules/support/policy_util.h"

namespace rolelint::rules {
namespace {

using policy::KeyType;
using policy::OperatorFamily;

bool fits(KeyType k, OperatorFamily f) {
  if (f == OperatorFamily::Null || f == OperatorFamily::Unknown) return true;
  switch (k) {
    case KeyType::String:
    case KeyType::ArrayOfString: return f == OperatorFamily::String;
    case KeyType::Arn: return f == OperatorFamily::Arn || f == OperatorFamily::String;
    case KeyType::Bool: return f == OperatorFamily::Bool;
    case KeyType::Date: return f == OperatorFamily::Date;
    case KeyType::Numeric: return f == OperatorFamily::Numeric;
    case KeyType::Ip: return f == OperatorFamily::Ip;
    case KeyType::Unknown: return true;
  }
  return true;
}

std::string_view suggestion(KeyType k) {
  switch (k) {
    case KeyType::String:
    case KeyType::ArrayOfString: return "a String operator such as StringEquals or StringLike";
    case KeyType::Arn: return "an ARN operator such as ArnLike or ArnEquals";
    case KeyType::Bool: return "Bool";
    case KeyType::Date: return "a Date operator such as DateLessThan";
    case KeyType::Numeric: return "a Numeric operator such as NumericLessThan";
    case KeyType::Ip: return "IpAddress or NotIpAddress";
    case KeyType::Unknown: break;
  }
  return "";
}

class OperatorKeyTypeMismatch final : public engine::Rule {
 public:
  OperatorKeyTypeMismatch()
      : engine::Rule({.id = "RL145",
                      .name = "operator-key-type-mismatch",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "A condition operator does not match the type of its global condition key.",
                      .equivalents = {"access-analyzer:TYPE_MISMATCH", "parliament:MISMATCHED_TYPE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::Condition& c : s.conditions) {
      const KeyType k = policy::globalKeyType(c.key);
      const OperatorFamily f = policy::familyOf(policy::parseOperator(c.op).base);
      if (fits(k, f)) continue;
      // aws:EpochTime is documented with both Date and Numeric operators.
      if (f == OperatorFamily::Numeric && policy::iequals(c.key, "aws:EpochTime")) continue;
      r.reportKey(p, c.keyMember->value,
                  "\"" + c.key + "\" is of type " + std::string(policy::keyTypeName(k)) + " but \"" + c.op +
                      "\" compares another type, so the condition does not match as intended; use " +
                      std::string(suggestion(k)));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL145() { return std::make_unique<OperatorKeyTypeMismatch>(); }

}  // namespace rolelint::rules
