// RL204 unknown-global-condition-key: an `aws:` condition key that is not an
// AWS global condition context key. Sources: IAM User Guide, "AWS global
// condition context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
// and "IAM JSON policy elements: Condition" (key names are case-insensitive);
// Access Analyzer checks INVALID_GLOBAL_CONDITION_KEY, UNSUPPORTED_GLOBAL_CONDITION_KEY
// (aws:ARN) and MISSING_TAG_KEY_IN_CONDITION.
#include "rules/registry.h"
#include "rules/support/catalog_common.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class UnknownGlobalConditionKey final : public engine::Rule {
 public:
  UnknownGlobalConditionKey()
      : engine::Rule({.id = "RL204",
                      .name = "unknown-global-condition-key",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "A condition key with the `aws:` prefix is not an AWS global condition key.",
                      .equivalents = {"access-analyzer:INVALID_GLOBAL_CONDITION_KEY",
                                      "access-analyzer:UNSUPPORTED_GLOBAL_CONDITION_KEY",
                                      "access-analyzer:MISSING_TAG_KEY_IN_CONDITION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      if (info.kind != KeyKind::UnknownGlobal) continue;
      std::string msg;
      const std::string l = lower(cond.key);
      if (l == "aws:arn") {
        msg = "`" + cond.key + "` is not supported as a condition key: it is in no request context, so the "
              "condition never matches as intended; use `aws:PrincipalArn` for the caller or `aws:SourceArn` for "
              "the resource a service acts for";
      } else if (l == "aws:resourcetag/" || l == "aws:requesttag/" || l == "aws:principaltag/") {
        msg = "`" + cond.key + "` has no tag key after the `/`, so it names no key of the request context; write "
              "the tag key, e.g. `" + cond.key + "team`";
      } else {
        msg = "`" + cond.key + "` is not an AWS global condition key " + dataNote(*c) +
              ": it is absent from every request context, so positive operators never match and negated ones "
              "always do";
        const auto hint = suggestKeys(c->globalConditionKeys(), cond.key, 3);
        if (!hint.empty()) msg += "; did you mean " + quoteList(hint) + "?";
      }
      r.reportKey(p, cond.keyMember->value, std::move(msg));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL204() { return std::make_unique<UnknownGlobalConditionKey>(); }

}  // namespace rolelint::rules
