// RL610 mfa-condition-pitfall: a condition on aws:MultiFactorAuthPresent that
// does not do what it seems, because the key is absent from requests made with
// long-term access keys (and a Bool condition on an absent key does not match):
//   - Deny with Bool "false" does not deny those requests (use BoolIfExists);
//   - Allow with BoolIfExists "true" allows them (use Bool);
//   - Allow with Bool "false" matches only MFA-less temporary sessions.
// Sources: IAM User Guide, global condition keys, aws:MultiFactorAuthPresent
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent);
// AWS re:Post knowledge center "MFA condition policy works in the console but not the AWS CLI"
// (https://repost.aws/knowledge-center/mfa-iam-user-aws-cli).
#include "core/text.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MfaConditionPitfall final : public engine::Rule {
 public:
  MfaConditionPitfall()
      : engine::Rule({.id = "RL610",
                      .name = "mfa-condition-pitfall",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "A condition on aws:MultiFactorAuthPresent misses requests made with long-term "
                                 "access keys, where the key is absent.",
                      .equivalents = {"parliament:BAD_PATTERN_FOR_MFA"},
                      .securitySeverity = 6.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (policy::isTrust(p) || p.awsManaged) return;
    for (const model::Condition& c : s.conditions) {
      if (!core::iequals(c.key, "aws:MultiFactorAuthPresent") || c.keyMember == nullptr) continue;
      const policy::Operator op = policy::parseOperator(c.op);
      if (op.base != "Bool" || !op.qualifier.empty()) continue;
      bool isFalse = false, isTrue = false;
      for (const json::Value* v : c.values) {
        const std::string t = v == nullptr ? "" : v->isBool() ? (v->boolean ? "true" : "false") : policy::lower(v->text);
        isFalse = isFalse || t == "false";
        isTrue = isTrue || t == "true";
      }
      std::string why, help;
      if (s.effect == model::Effect::Deny && isFalse && !op.ifExists) {
        why = "this Deny with Bool \"false\" does not deny requests signed with long-term access keys, which carry no "
              "aws:MultiFactorAuthPresent";
        help = "Use BoolIfExists";
      } else if (s.effect == model::Effect::Allow && isTrue && op.ifExists) {
        why = "this Allow with BoolIfExists \"true\" also allows requests signed with long-term access keys, which carry "
              "no aws:MultiFactorAuthPresent";
        help = "Use Bool";
      } else if (s.effect == model::Effect::Allow && isFalse) {
        why = "this Allow with \"false\" grants access to sessions without MFA, not to MFA-protected ones";
        help = "Require \"true\" with Bool";
      }
      if (!why.empty()) r.reportKey(p, c.keyMember->value, policy::label(s) + ": " + why, help);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL610() { return engine::makeRule<MfaConditionPitfall>(); }

}  // namespace rolelint::rules
