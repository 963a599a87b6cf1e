// RL405 service-principal-weak-condition-key: a service principal is restricted
// only by aws:Referer / aws:SourceOwner / aws:UserAgent instead of aws:SourceArn
// or aws:SourceAccount.
// Sources: Access Analyzer check RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// IAM global condition keys, aws:Referer
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer).
#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

class ServicePrincipalWeakConditionKey final : public engine::Rule {
 public:
  ServicePrincipalWeakConditionKey()
      : engine::Rule({.id = "RL405",
                      .name = "service-principal-weak-condition-key",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Note,
                      .summary = "A service principal is restricted only by aws:Referer, aws:SourceOwner or aws:UserAgent instead of aws:SourceArn or aws:SourceAccount.",
                      .equivalents = {"access-analyzer:RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"},
                      .securitySeverity = 3.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    if (trust::principalValues(s, "Service").empty() || trust::hasSourceRestriction(s)) return;
    for (const auto& weak : {"aws:Referer", "aws:SourceOwner", "aws:UserAgent"}) {
      for (const model::Condition* c : trust::conditionsOn(s, weak)) {
        const std::string why = trust::iequals(weak, "aws:SourceOwner")
                                    ? "is an older key that few services set"
                                    : "is a header the caller chooses, so it proves nothing";
        r.reportKey(p, c->keyMember->value,
                    "`" + c->key + "` " + why,
                    "Use `aws:SourceArn` and `aws:SourceAccount`, which the service sets itself, to restrict which "
                    "requests of a service principal may assume the role");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL405() { return engine::makeRule<ServicePrincipalWeakConditionKey>(); }

}  // namespace rolelint::rules
