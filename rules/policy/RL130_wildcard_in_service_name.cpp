// RL130 wildcard-in-service-name: a wildcard in the service prefix of an action
// ("s3*:GetObject", "*:Get*") can match actions of other, unrelated services.
// Source: IAM User Guide, IAM JSON policy elements: Action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html) and IAM Access
// Analyzer policy check reference, "Wildcard in service name"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class WildcardInServiceName final : public engine::Rule {
 public:
  WildcardInServiceName()
      : engine::Rule({.id = "RL130",
                      .name = "wildcard-in-service-name",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "An action's service prefix contains a wildcard, so it can match other services.",
                      .equivalents = {"access-analyzer:WILDCARD_IN_SERVICE_NAME"}}) {}

  void checkAction(const model::StringItem& a, bool /*negated*/, const model::Statement& /*s*/,
                   const model::PolicyDocument& p, engine::Reporter& r) const override {
    const size_t colon = a.value.find(':');
    if (colon == std::string::npos) return;  // "*" or a malformed action (RL131)
    const size_t w = core::findWildcard(a.value);
    if (w == std::string::npos || w > colon) return;
    r.reportSubstring(p, *a.node, 0, colon,
                            "the service prefix \"" + a.value.substr(0, colon) + "\" of \"" + a.value +
                                "\" contains a wildcard, so it also matches actions of other services that "
                                "share the pattern (now or in the future)",
                            "Write the service prefix in full");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL130() { return engine::makeRule<WildcardInServiceName>(); }

}  // namespace rolelint::rules
