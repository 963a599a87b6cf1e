// RL213 allow-with-unsupported-tag-condition-key: an Allow conditioned on a
// global tag key that some of its services do not support. Sources: IAM User
// Guide, "AWS services that work with IAM"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html:
// authorization based on tags is per service), "IAM JSON policy elements:
// Condition operators" (an absent key makes positive operators false) and the
// Service Authorization Reference (keys per action); Access Analyzer checks
// ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE and
// ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/tags.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class AllowWithUnsupportedTagConditionKey final : public engine::Rule {
 public:
  AllowWithUnsupportedTagConditionKey()
      : engine::Rule({.id = "RL213",
                      .name = "allow-with-unsupported-tag-condition-key",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Note,
                      .summary = "An Allow is conditioned on a tag key that some of its services do not support.",
                      .equivalents = {"access-analyzer:ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                                      "access-analyzer:ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p) || s.effect != model::Effect::Allow) return;
    for (const TagKeyGap& gap : tagKeyGaps(*c, s)) {
      const model::Condition& cond = *gap.condition;
      std::string msg;
      std::string help;
      if (gap.notAction) {
        msg = "`" + cond.key + "` conditions an Allow with NotAction, which covers the actions of every service, "
              "but many services do not put this tag key in their request context: for their actions the key is "
              "absent and `" + cond.op + "` is false, so this statement allows only actions of services that "
              "support the key";
        help = "List the intended actions with Action instead";
      } else {
        msg = "`" + cond.key + "` is not supported by any listed action of " + quoteList(gap.services, "and") + " " +
              dataNote(*c) + ": for them the key is absent from the request context and `" + cond.op +
              "` is false, so this statement never allows them";
        help = "Move those actions to a statement with a condition they support (a resource ARN or a "
               "service-specific key)";
      }
      r.reportKey(p, cond.keyMember->value, std::move(msg), std::move(help));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL213() { return engine::makeRule<AllowWithUnsupportedTagConditionKey>(); }

}  // namespace rolelint::rules
