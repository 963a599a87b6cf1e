// RL406 source-arn-wrong-resource: aws:SourceArn names an ARN the trusted
// service never sends, e.g. a MediaConvert job or preset instead of a queue.
// The condition then never matches and the service cannot assume the role.
// Sources: MediaConvert User Guide, Cross-service confused deputy prevention ("the value of
// aws:SourceArn must be the MediaConvert queue")
// (https://docs.aws.amazon.com/mediaconvert/latest/ug/cross-service-confused-deputy-prevention.html);
// the ARN forms per service are in rules/profiles/*.json with their sources.
#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

class SourceArnWrongResource final : public engine::Rule {
 public:
  SourceArnWrongResource()
      : engine::Rule({.id = "RL406",
                      .name = "source-arn-wrong-resource",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "aws:SourceArn names an ARN that the trusted service never sends (e.g. not a MediaConvert queue), so the condition never matches."}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    const auto services = trust::principalValues(s, "Service");
    if (services.empty()) return;
    std::vector<const trust::Profile*> profs;
    for (const model::StringItem* v : services) {
      const trust::Profile* prof = trust::profiles().forPrincipal(v->value);
      if (prof == nullptr || prof->sourceArns.empty()) return;  // cannot tell what the service sends
      profs.push_back(prof);
    }
    for (const model::Condition* c : trust::conditionsOn(s, "aws:SourceArn")) {
      if (!trust::isPositiveConcrete(*c)) continue;
      for (const json::Value* v : c->values) {
        bool ok = false;
        for (const trust::Profile* prof : profs)
          for (const std::string& pat : prof->sourceArns) ok = ok || trust::arnGlobsIntersect(trust::placeholderGlob(pat), v->text);
        if (ok) continue;
        std::string forms;
        for (const trust::Profile* prof : profs)
          for (const std::string& pat : prof->sourceArns) forms += (forms.empty() ? "`" : ", `") + pat + "`";
        r.report(p, *v,
                 "`" + v->text + "` is not an ARN that " + profs.front()->title +
                     " sends as `aws:SourceArn` when it assumes the role (" + forms +
                     "), so this condition never matches and the service cannot assume the role",
                 "Use an ARN of one of the forms " + profs.front()->title + " sends");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL406() { return engine::makeRule<SourceArnWrongResource>(); }

}  // namespace rolelint::rules
