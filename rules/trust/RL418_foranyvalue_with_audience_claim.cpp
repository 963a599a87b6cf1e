// RL418 foranyvalue-with-audience-claim: a role trust policy statement that trusts
// an OIDC provider tests the provider's audience key `<provider>:aud` with the
// ForAnyValue: set operator.
// Sources: IAM Access Analyzer policy check reference, "Security Warning – ForAnyValue
// with audience claim type" ("Using ForAnyValue qualifier with the single-valued condition
// key {{key}} can be overly permissive. We recommend that you remove ForAnyValue:.")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-foranyvalue-with-audience-claim-type);
// Single-valued vs. multivalued context keys ("Do not use condition set operators
// ForAllValues or ForAnyValue with single-valued context keys. Using condition set
// operators with single-valued context keys can lead to overly permissive policies.";
// ForAnyValue: "if the key does not exist, the condition returns false")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html);
// Available keys for AWS web identity federation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
// With ForAnyValue: a token whose aud claim holds several audiences matches when any one of
// them matches (Set operators for multivalued context keys: ForAnyValue is true when at least
// one value in the request matches one of the policy's values), and the condition is false when
// the claim is absent. The fix, the plain operator, gets no finding
// from RL416 (the CONFIRM_AUDIENCE_CLAIM_TYPE note), which reports ForAllValues: only and stays
// silent on ForAnyValue: audience conditions.

#include "rules/registry.h"
#include "analysis/policy_util.h"
#include "analysis/trust_common.h"
#include "analysis/trust_conditions.h"

namespace rolelint::rules {
namespace {

bool isNegated(std::string_view base) {
  return base.find("Not") != std::string_view::npos;  // StringNotEquals, StringNotLike, ArnNotLike…
}

class ForAnyValueWithAudienceClaim final : public engine::Rule {
 public:
  ForAnyValueWithAudienceClaim()
      : engine::Rule({.id = "RL418",
                      .name = "foranyvalue-with-audience-claim",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "An OIDC audience (aud) condition uses ForAnyValue:, which accepts a token if "
                                 "any one of its audiences matches.",
                      .equivalents = {"access-analyzer:FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE",
                                      "access-analyzer:CONFIRM_AUDIENCE_CLAIM_TYPE"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p)) return;
    for (const auto& [cond, o] : trust::oidcAudienceConditions(s)) {  // Null: RL139's case
      const model::Condition& c = *cond;
      if (o.qualifier != "ForAnyValue") continue;
      if (c.keyMember == nullptr) continue;
      const std::string plain = o.base + (o.ifExists ? "IfExists" : "");
      std::string msg = "`" + c.key + "` is tested with `" + c.op +
                        "`; AWS treats the audience claim as single-valued and warns that `ForAnyValue:` on it can "
                        "be overly permissive: ";
      if (!isNegated(o.base)) {
        msg += "with `ForAnyValue:`, a token that carries several audiences matches if any one of them is in the "
               "list, even when the token was also issued for other applications";
      } else {
        msg += "with `ForAnyValue:`, the condition is true when any one of the token's audiences is not in the list, "
               "and false when the token has no `aud` claim";
        if (s.effect == model::Effect::Deny)
          msg += ", so this Deny does not apply to tokens without the claim, as it would with `" + plain + "`";
      }
      r.reportKey(p, c.keyMember->value, std::move(msg), "Remove `ForAnyValue:`: write `" + plain + "`");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL418() { return engine::makeRule<ForAnyValueWithAudienceClaim>(); }

}  // namespace rolelint::rules
