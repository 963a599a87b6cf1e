// RL219 string-like-on-arn-key: StringLike or StringNotLike compares an
// ARN-typed condition key as plain text. Sources: IAM Access Analyzer policy
// check reference, "Security Warning – String like operator with ARN condition
// keys" (STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: "AWS recommends that you
// use ARN operators instead of string operators when comparing ARNs … Update
// the StringLike operator to the ArnLike operator"; its exceptions are five AWS
// managed policies, which the catalog rules never check)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// IAM User Guide, "IAM JSON policy elements: Condition operators", ARN
// condition operators (ArnLike checks each of the six colon-delimited
// components of the ARN separately; String operators compare the whole text)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN);
// the key's data type (ARN, ArrayOfARN) from the global condition keys page and
// the Service Authorization Reference, through the IAM catalog.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class StringLikeOnArnKey final : public engine::Rule {
 public:
  StringLikeOnArnKey()
      : engine::Rule({.id = "RL219",
                      .name = "string-like-on-arn-key",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "StringLike or StringNotLike is used on a condition key of type ARN instead of "
                                 "ArnLike or ArnNotLike.",
                      .equivalents = {"access-analyzer:STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"},
                      .securitySeverity = 4.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      const Operator op = cond.parsedOp;
      if (op.base != "StringLike" && op.base != "StringNotLike") continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      if (info.key == nullptr || info.key->type != catalog::ConditionType::Arn) continue;
      // The same qualifier and IfExists suffix around the ARN operator.
      std::string arnOp = cond.op;
      arnOp.replace(arnOp.find(op.base), 6, "Arn");
      r.reportKey(p, cond.keyMember->value,
                  "`" + cond.key + "` is an ARN key (" + std::string(info.key->typeName) + ") but `" + cond.op +
                      "` compares it as plain text, where `*` also spans the `:` between the ARN's partition, "
                      "service, Region, account and resource fields; AWS recommends ARN operators for ARN keys, "
                      "which match each field separately",
                  "Use `" + arnOp + "`");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL219() { return engine::makeRule<StringLikeOnArnKey>(); }

}  // namespace rolelint::rules
