// RL119 partial-wildcard-in-principal: wildcards cannot match part of a principal
// name; only the bare "*" (in "AWS") means everyone.
// Source: IAM User Guide, IAM JSON policy elements: Principal, "All principals" and "Specifying a principal"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class PartialWildcardInPrincipal final : public engine::Rule {
 public:
  PartialWildcardInPrincipal()
      : engine::Rule({.id = "RL119",
                      .name = "partial-wildcard-in-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A principal value contains * or ? as part of a name (only a bare \"*\" is allowed).",
                      .equivalents = {"access-analyzer:UNSUPPORTED_WILDCARD_IN_PRINCIPAL"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;  // in identity policies the Principal itself is RL114's finding
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!pr->has_value()) continue;
      for (const policy::PrincipalValue& v : policy::principalValues(**pr)) {
        const json::Text& t = v.item->value;
        const size_t w = core::findWildcard(t);
        if (w == std::string::npos) continue;
        if (t == "*" && v.entry->type == "AWS") continue;  // everyone: RL401 (public-trust-principal) in trust policies
        std::string msg = "\"" + t + "\": wildcards are not supported inside a \"" + v.entry->type +
                          "\" principal; IAM rejects the policy";
        std::string help;
        if (v.entry->type == "AWS") {
          help = "Name each role or account, or trust the account (\"arn:aws:iam::ACCOUNT:root\") and narrow it "
                 "with a condition such as \"ArnLike\": {\"aws:PrincipalArn\": \"" + t + "\"}";
        } else {
          help = "List each principal explicitly";
        }
        r.reportSubstring(p, *v.item->node, w, 1, std::move(msg), std::move(help));
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL119() { return engine::makeRule<PartialWildcardInPrincipal>(); }

}  // namespace rolelint::rules
