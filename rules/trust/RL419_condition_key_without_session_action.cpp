// RL419 condition-key-without-session-action: a trust policy tests a key that
// is only in the request when the caller passes session tags (aws:RequestTag/…,
// aws:TagKeys, sts:TransitiveTagKeys) or a source identity (sts:SourceIdentity),
// but allows neither sts:TagSession nor sts:SetSourceIdentity: passing them
// needs that action too, so the role can never be assumed with the key set
// (issue 17, item 3).
// Sources: IAM User Guide, Pass session tags in AWS STS ("Permissions required to
// add session tags": sts:TagSession in the role's trust policy; the examples test
// aws:RequestTag and aws:TagKeys in the sts:TagSession statement)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html);
// Monitor and control actions taken with assumed roles (sts:SetSourceIdentity and
// the sts:SourceIdentity key)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html);
// Access Analyzer check MISSING_ACTION_FOR_CONDITION_KEY
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

// The action a key needs, or "" when the key needs none.
std::string_view neededAction(std::string_view key) {
  const std::string k = trust::lower(key);
  if (k.rfind("aws:requesttag/", 0) == 0 || k == "aws:tagkeys" || k == "sts:transitivetagkeys") {
    return "sts:TagSession";
  }
  if (k == "sts:sourceidentity") return "sts:SetSourceIdentity";
  return {};
}

class ConditionKeyWithoutSessionAction final : public engine::Rule {
 public:
  ConditionKeyWithoutSessionAction()
      : engine::Rule({.id = "RL419",
                      .name = "condition-key-without-session-action",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Error,
                      .summary = "A trust policy tests session tags or the source identity but allows neither "
                                 "sts:TagSession nor sts:SetSourceIdentity, which passing them needs.",
                      .equivalents = {"access-analyzer:MISSING_ACTION_FOR_CONDITION_KEY"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    for (const model::Condition& c : s.conditions) {
      const std::string_view action = neededAction(c.key);
      if (action.empty() || c.keyMember == nullptr || allowedAnywhere(p, action)) continue;
      r.reportKey(p, c.keyMember->value,
                  "`" + c.key + "` is set only when the caller passes " +
                      (action == "sts:TagSession" ? "session tags" : "a source identity") + ", which needs `" +
                      std::string(action) + "`; no statement allows it, so no such request succeeds",
                  "Add `" + std::string(action) + "` to Action");
    }
  }

 private:
  // Whether some Allow statement of the trust policy allows `action` (Action, a
  // wildcard, or NotAction that does not exclude it).
  static bool allowedAnywhere(const model::PolicyDocument& p, std::string_view action) {
    for (const model::Statement& t : p.statements) {
      if (trust::isAllow(t) && trust::statementAllows(t, action)) return true;
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL419() { return engine::makeRule<ConditionKeyWithoutSessionAction>(); }

}  // namespace rolelint::rules
