// RL416 oidc-audience-claim-type-unconfirmed: a trust policy statement that
// trusts an OIDC provider tests the provider's audience claim `<provider>:aud`.
// The `aud` claim of a JSON web token may hold one value or several; a plain
// operator (StringEquals) is for a single-valued claim, a set operator
// (ForAnyValue:/ForAllValues:) for a multivalued one. Like Access Analyzer, the
// rule asks to confirm which it is, with the advice that fits the operator used.
// Sources: Access Analyzer check CONFIRM_AUDIENCE_CLAIM_TYPE ("Audience claims can be
// multivalued or single-valued. If the claim is multivalued, use a ForAllValues or
// ForAnyValue condition set operator. If the claim is single-valued, do not use a
// condition set operator.")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-suggestion-confirm-audience-claim-type);
// Available keys for AWS web identity federation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif);
// Set operators for multivalued context keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
// Public reports of Access Analyzer runs show the suggestion also for a plain
// `StringEquals` on `token.actions.githubusercontent.com:aud`, so the rule
// fires for every operator except Null (which tests presence, not values) and
// ForAnyValue:, which RL418 reports (Access Analyzer's FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE
// security warning: remove the qualifier) so the two rules do not give two answers.

#include "rules/registry.h"
#include "rules/support/policy_util.h"
#include "rules/support/trust_common.h"
#include "rules/support/trust_conditions.h"

namespace rolelint::rules {
namespace {

class OidcAudienceClaimTypeUnconfirmed final : public engine::Rule {
 public:
  OidcAudienceClaimTypeUnconfirmed()
      : engine::Rule({.id = "RL416",
                      .name = "oidc-audience-claim-type-unconfirmed",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Note,
                      .summary = "An OIDC audience (aud) condition uses an operator whose single- or multivalued form should be confirmed against the provider's tokens.",
                      .equivalents = {"access-analyzer:CONFIRM_AUDIENCE_CLAIM_TYPE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p)) return;
    for (const auto& [cond, o] : trust::oidcAudienceConditions(s)) {
      const model::Condition& c = *cond;
      if (o.qualifier == "ForAnyValue") continue;  // RL418 reports it
      const std::string plain = o.base + (o.ifExists ? "IfExists" : "");
      std::string msg;
      if (o.qualifier.empty()) {
        msg = "`" + c.key + "` is tested with `" + c.op +
              "`, a single-value operator: confirm that the provider puts exactly one audience (the client ID) in "
              "the token's `aud` claim. If its tokens can carry several audiences, the claim is multivalued and "
              "needs a set operator: write `ForAllValues:" + plain +
              "` and add `\"Null\": {\"" + c.key +
              "\": \"false\"}` so that a token without the claim does not match (AWS warns against `ForAnyValue:` "
              "on the audience key)";
      } else {
        msg = "`" + c.key + "` is tested with `" + c.op +
              "`, a set operator for multivalued claims: confirm that the provider's tokens can carry several "
              "audiences. If the `aud` claim is single-valued (one client ID per token, as for most providers), "
              "do not use a qualifier: write `" + plain + "`";
        if (o.qualifier == "ForAllValues")
          msg += "; `ForAllValues:` is also true when the claim is absent from the token";
      }
      r.reportKey(p, c.opMember->value, std::move(msg));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL416() { return std::make_unique<OidcAudienceClaimTypeUnconfirmed>(); }

}  // namespace rolelint::rules
