// RL404 service-principal-without-source-condition: a service principal may
// assume the role without aws:SourceArn / aws:SourceAccount, so the service can
// be made to use the role on behalf of another account (cross-service confused deputy).
// Sources: IAM User Guide, The confused deputy problem, Cross-service confused deputy prevention
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention);
// MediaConvert User Guide (https://docs.aws.amazon.com/mediaconvert/latest/ug/cross-service-confused-deputy-prevention.html);
// Access Analyzer check RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

class ServicePrincipalWithoutSourceCondition final : public engine::Rule {
 public:
  ServicePrincipalWithoutSourceCondition()
      : engine::Rule({.id = "RL404",
                      .name = "service-principal-without-source-condition",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "A service principal may assume the role without an aws:SourceArn or aws:SourceAccount condition (confused deputy).",
                      .equivalents = {"access-analyzer:RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    if (trust::hasSourceRestriction(s)) return;
    for (const auto& weak : {"aws:Referer", "aws:SourceOwner", "aws:UserAgent"})
      if (!trust::conditionsOn(s, weak).empty()) return;  // RL405
    for (const model::StringItem* v : trust::principalValues(s, "Service")) {
      const trust::Profile* prof = trust::profiles().forPrincipal(v->value);
      if (prof != nullptr && !prof->confusedDeputyKeys) continue;  // the service documents no such keys for this role
      std::string example = "`\"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT\"}`";
      if (prof != nullptr && !prof->sourceArns.empty())
        example += " and `\"ArnLike\": {\"aws:SourceArn\": \"" + prof->sourceArns.front() + "\"}`";
      r.report(p, *v->node,
               "`" + v->value +
                   "` can assume this role without an `aws:SourceArn` or `aws:SourceAccount` condition, so the "
                   "service can be made to use the role for another account's resources (cross-service confused "
                   "deputy)",
               "Add " + example);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL404() { return engine::makeRule<ServicePrincipalWithoutSourceCondition>(); }

}  // namespace rolelint::rules
