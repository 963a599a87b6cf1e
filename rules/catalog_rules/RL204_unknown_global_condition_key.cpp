// RL204 unknown-global-condition-key: an `aws:` condition key that is not an
// AWS global condition context key. Sources: IAM User Guide, "AWS global
// condition context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
// and "IAM JSON policy elements: Condition" (key names are case-insensitive);
// Access Analyzer check INVALID_GLOBAL_CONDITION_KEY. aws:ARN (UNSUPPORTED_GLOBAL_CONDITION_KEY)
// is RL153's and a tag key without its name (MISSING_TAG_KEY_IN_CONDITION) is RL141's.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/catalog_names.h"

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
                                      "parliament:UNKNOWN_CONDITION_FOR_ACTION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      if (info.kind != KeyKind::UnknownGlobal) continue;
      // A key an AWS managed policy uses exists (aws:PrincipalOrgMasterAccountId…).
      if (managedPolicyNames().hasConditionKey(cond.key)) continue;
      const std::string l = lower(cond.key);
      // aws:ARN is RL153's finding, a tag key without its name RL141's: one finding per mistake.
      if (l == "aws:arn" || l == "aws:resourcetag/" || l == "aws:requesttag/" || l == "aws:principaltag/") continue;
      std::string msg = "`" + cond.key + "` is not an AWS global condition key " + dataNote(*c) +
                        ": it is absent from every request context, so positive operators never match and negated "
                        "ones always do";
      const auto hint = suggestKeys(c->globalConditionKeys(), cond.key, 3);
      std::string help = hint.empty() ? std::string() : "Did you mean " + quoteList(hint) + "?";
      r.reportKey(p, cond.keyMember->value, std::move(msg), std::move(help));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL204() { return engine::makeRule<UnknownGlobalConditionKey>(); }

}  // namespace rolelint::rules
