// RL416 oidc-audience-claim-type-unconfirmed: a trust policy statement that
// trusts an OIDC provider tests the provider's audience claim `<provider>:aud`
// with the ForAllValues: set operator, where AWS treats the claim as
// single-valued.
// Sources: Access Analyzer check CONFIRM_AUDIENCE_CLAIM_TYPE, message: "The "{{key}}"
// ({{audienceType}}) claim key identifies the recipients that the JSON web token is intended
// for. Because this claim is single-valued, do not use a qualifier."; resolution: "Audience
// claims can be multivalued or single-valued. If the claim is multivalued, use a ForAllValues or
// ForAnyValue condition set operator. If the claim is single-valued, do not use a condition set
// operator."
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-confirm-audience-claim-type);
// Available keys for AWS web identity federation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif);
// Set operators for multivalued context keys (ForAllValues: "returns true if there are no
// keys in the request")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
// The message is about a qualifier ("do not use a qualifier"), so the rule fires only when the
// audience condition has one: a plain operator (StringEquals, as in AWS's GitHub OIDC trust
// policy, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html)
// is what the check asks for and is not reported. ForAnyValue: is reported by RL418 (Access
// Analyzer's FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE security warning), so this rule reports
// ForAllValues: only. Null tests presence, not values, and is not reported.

#include "rules/registry.h"
#include "analysis/policy_util.h"
#include "analysis/trust_common.h"
#include "analysis/trust_conditions.h"

namespace rolelint::rules {
namespace {

class OidcAudienceClaimTypeUnconfirmed final : public engine::Rule {
 public:
  OidcAudienceClaimTypeUnconfirmed()
      : engine::Rule({.id = "RL416",
                      .name = "oidc-audience-claim-type-unconfirmed",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Note,
                      .summary = "An OIDC audience (aud) condition uses the ForAllValues: set operator, while AWS treats the audience claim as single-valued.",
                      .equivalents = {"access-analyzer:CONFIRM_AUDIENCE_CLAIM_TYPE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p)) return;
    for (const auto& [cond, o] : trust::oidcAudienceConditions(s)) {
      const model::Condition& c = *cond;
      if (o.qualifier != "ForAllValues" || c.keyMember == nullptr) continue;  // ForAnyValue: RL418
      const std::string plain = o.base + (o.ifExists ? "IfExists" : "");
      r.reportKey(p, c.keyMember->value,
                  "`" + c.key + "` is tested with `" + c.op +
                      "`, a set operator for multivalued keys, but AWS treats the audience claim as single-valued "
                      "(one audience, the client ID, per token) and advises no qualifier for it; as written, "
                      "`ForAllValues:` is also true when the token has no `aud` claim, so this condition does not "
                      "require an audience",
                  "Confirm the claim type of the provider's tokens: if each carries one audience, remove the "
                  "qualifier and write `" + plain + "`");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL416() { return engine::makeRule<OidcAudienceClaimTypeUnconfirmed>(); }

}  // namespace rolelint::rules
