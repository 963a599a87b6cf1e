// RL207 condition-operator-type-mismatch: the operator family does not fit the
// condition key's type. Sources: IAM User Guide, "IAM JSON policy elements:
// Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
// "AWS global condition context keys" (each key's data type; for ARN keys AWS
// recommends ARN operators but String operators work, so they are accepted)
// and the Service Authorization Reference (service key types); Access
// Analyzer check TYPE_MISMATCH.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

std::string_view typeWord(catalog::ConditionType t) {
  switch (t) {
    case catalog::ConditionType::String: return "String";
    case catalog::ConditionType::Arn: return "ARN";
    case catalog::ConditionType::Bool: return "Bool";
    case catalog::ConditionType::Numeric: return "Numeric";
    case catalog::ConditionType::Date: return "Date";
    case catalog::ConditionType::IpAddress: return "IP address";
    case catalog::ConditionType::Binary: return "Binary";
    case catalog::ConditionType::Unknown: break;
  }
  return "";
}

std::string_view operatorsFor(catalog::ConditionType t) {
  switch (t) {
    case catalog::ConditionType::String: return "a String operator (`StringEquals`, `StringLike`, …)";
    case catalog::ConditionType::Arn: return "an ARN operator (`ArnEquals`, `ArnLike`, …)";
    case catalog::ConditionType::Bool: return "`Bool`";
    case catalog::ConditionType::Numeric: return "a Numeric operator (`NumericEquals`, `NumericLessThan`, …)";
    case catalog::ConditionType::Date: return "a Date operator (`DateGreaterThan`, `DateLessThan`, …)";
    case catalog::ConditionType::IpAddress: return "`IpAddress` or `NotIpAddress`";
    case catalog::ConditionType::Binary: return "`BinaryEquals`";
    case catalog::ConditionType::Unknown: break;
  }
  return "";
}

std::string article(std::string_view word) {
  return (!word.empty() && (word[0] == 'A' || word[0] == 'I')) ? "an " : "a ";
}

std::string typeNote(const catalog::ConditionKey& k) {
  return k.typeName == typeWord(k.type) ? std::string() : " (" + std::string(k.typeName) + ")";
}

bool fits(OpFamily f, const catalog::ConditionKey& k) {
  using T = catalog::ConditionType;
  switch (k.type) {
    // ARN operators work on String keys that hold ARNs (kms:EncryptionContext:aws:s3:arn,
    // aws:SourceVpcArn, tags holding ARNs); AWS's own managed policies use them so.
    case T::String: return f == OpFamily::String || f == OpFamily::Arn;
    case T::Arn: return f == OpFamily::Arn || f == OpFamily::String;
    case T::Bool: return f == OpFamily::Bool;
    case T::Numeric: return f == OpFamily::Numeric;
    case T::Date: return f == OpFamily::Date;
    case T::IpAddress: return f == OpFamily::Ip;
    case T::Binary: return f == OpFamily::Binary;
    case T::Unknown: break;
  }
  return true;
}

class ConditionOperatorTypeMismatch final : public engine::Rule {
 public:
  ConditionOperatorTypeMismatch()
      : engine::Rule({.id = "RL207",
                      .name = "condition-operator-type-mismatch",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "A condition operator does not fit the data type of its condition key.",
                      .equivalents = {"access-analyzer:TYPE_MISMATCH", "parliament:MISMATCHED_TYPE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.opMember == nullptr) continue;
      const Operator op = cond.parsedOp;
      if (op.family == OpFamily::Unknown || op.family == OpFamily::Null) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      if (info.key == nullptr || info.key->type == catalog::ConditionType::Unknown) continue;
      if (fits(op.family, *info.key)) continue;
      r.reportKey(p, cond.opMember->value,
                  "`" + cond.op + "` is " + article(familyName(op.family)) + std::string(familyName(op.family)) +
                      " operator but `" + cond.key + "` is " + article(typeWord(info.key->type)) +
                      std::string(typeWord(info.key->type)) + " key" + typeNote(*info.key) +
                      ": IAM compares the value with the wrong rules, so the condition does not do what it says",
                  "Use " + std::string(operatorsFor(info.key->type)));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL207() { return engine::makeRule<ConditionOperatorTypeMismatch>(); }

}  // namespace rolelint::rules
