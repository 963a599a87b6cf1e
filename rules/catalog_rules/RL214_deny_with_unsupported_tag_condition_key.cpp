// RL214 deny-with-unsupported-tag-condition-key: a Deny conditioned on a
// global tag key that some of its services do not support, so it silently
// does not deny their actions. Sources: IAM User Guide, "AWS services that
// work with IAM"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html),
// "IAM JSON policy elements: Condition operators" (an absent key makes
// positive operators false) and the Service Authorization Reference; Access
// Analyzer checks DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE and
// DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/tags.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class DenyWithUnsupportedTagConditionKey final : public engine::Rule {
 public:
  DenyWithUnsupportedTagConditionKey()
      : engine::Rule({.id = "RL214",
                      .name = "deny-with-unsupported-tag-condition-key",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "A Deny is conditioned on a tag key that some of its services do not support.",
                      .equivalents = {"access-analyzer:DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                                      "access-analyzer:DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"},
                      .securitySeverity = 5.5}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p) || s.effect != model::Effect::Deny) return;
    for (const TagKeyGap& gap : tagKeyGaps(*c, s)) {
      const model::Condition& cond = *gap.condition;
      std::string msg;
      std::string help;
      if (gap.notAction) {
        msg = "`" + cond.key + "` conditions a Deny with NotAction, which covers the actions of every service, but "
              "many services do not put this tag key in their request context: for their actions the key is absent "
              "and `" + cond.op + "` is false, so the Deny silently does not apply to them";
        help = "Deny those services with a condition they support, or list the actions with Action";
      } else {
        msg = "`" + cond.key + "` is not supported by any listed action of " + quoteList(gap.services, "and") + " " +
              dataNote(*c) + ": for them the key is absent from the request context and `" + cond.op +
              "` is false, so this Deny silently does not deny them";
        help = "Deny those actions with a condition they support (a resource ARN or a service-specific key)";
      }
      r.reportKey(p, cond.keyMember->value, std::move(msg), std::move(help));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL214() { return engine::makeRule<DenyWithUnsupportedTagConditionKey>(); }

}  // namespace rolelint::rules
