// RL414 missing-service-capability: a role trusted by a service whose profile
// says every such role needs some actions (MediaConvert: s3:GetObject to read
// job inputs, s3:PutObject to write outputs) has no permissions policy that
// grants them, so the service's jobs fail with AccessDenied.
// Sources: the capability facts and their sources are in rules/profiles/*.json; for MediaConvert
// https://docs.aws.amazon.com/mediaconvert/latest/ug/creating-the-iam-role-in-mediaconvert-configured.html.
#include <algorithm>

#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

class MissingServiceCapability final : public engine::Rule {
 public:
  MissingServiceCapability()
      : engine::Rule({.id = "RL414",
                      .name = "missing-service-capability",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "The role's permissions policies grant none of an action its trusted service needs (per the service profile)."}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.trust) return;
    std::vector<const model::PolicyDocument*> docs;
    for (const auto& d : role.inlinePolicies) docs.push_back(&d);
    for (const auto& m : role.managed) {
      if (!m.document) return;  // unresolved: cannot tell what the role grants
      docs.push_back(&*m.document);
    }
    auto granted = [&](std::string_view action) {
      return std::any_of(docs.begin(), docs.end(), [&](const model::PolicyDocument* d) {
        return std::any_of(d->statements.begin(), d->statements.end(),
                           [&](const model::Statement& s) { return trust::statementAllows(s, action); });
      });
    };
    for (const model::Statement& s : role.trust->statements) {
      if (!trust::isAllow(s)) continue;
      for (const model::StringItem* v : trust::principalValues(s, "Service")) {
        const trust::Profile* prof = trust::profiles().forPrincipal(v->value);
        if (prof == nullptr) continue;
        for (const trust::Capability& cap : prof->capabilities) {
          if (!cap.required) continue;
          std::string missing;
          for (const std::string& a : cap.actions)
            if (!granted(a)) missing += (missing.empty() ? "`" : ", `") + a + "`";
          if (missing.empty()) continue;
          r.report(*role.trust, *v->node,
                   prof->title + " assumes this role to " + cap.name + ", which needs " + missing +
                       ", but no permissions policy of the role allows it, so its jobs fail with AccessDenied",
                   "Add a statement allowing it on the resources the service uses");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL414() { return engine::makeRule<MissingServiceCapability>(); }

}  // namespace rolelint::rules
