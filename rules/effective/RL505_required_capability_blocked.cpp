// RL505 required-capability-blocked: the role's identity policies grant an
// action its trusted service needs (per the service profile: MediaConvert
// needs s3:GetObject to read job inputs and s3:PutObject to write outputs),
// but the permissions boundary does not allow it, or an explicit Deny always
// denies it, so the service fails with AccessDenied at run time.
// Sources: effective permissions = identity Allow ∩ boundary Allow − explicit
// Deny (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
// the capabilities and their sources are in rules/profiles/*.json.
#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

class RequiredCapabilityBlocked final : public engine::Rule {
 public:
  RequiredCapabilityBlocked()
      : engine::Rule({.id = "RL505",
                      .name = "required-capability-blocked",
                      .category = engine::Category::Effective,
                      .severity = core::Severity::Error,
                      .summary = "An action the trusted service needs is granted, but the permissions boundary or an explicit Deny blocks it."}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.trust) return;
    std::vector<std::string> unresolved;
    const analysis::Policies policies = analysis::policiesOf(role, &unresolved);
    if (!unresolved.empty()) return;  // a policy we cannot see might change the answer: RL007 says so
    const bool boundaryUnknown = role.boundary && !role.boundary->document;
    if (boundaryUnknown) return;
    for (const model::Statement& s : role.trust->statements) {
      if (!trust::isAllow(s)) continue;
      for (const model::StringItem* v : trust::principalValues(s, "Service")) {
        const trust::Profile* prof = trust::profiles().forPrincipal(v->value);
        if (prof == nullptr) continue;
        for (const trust::Capability& cap : prof->capabilities) {
          if (!cap.required) continue;
          for (const std::string& action : cap.actions) report(role, policies, *prof, cap, action, *v->node, r);
        }
      }
    }
  }

 private:
  static void report(const model::Role& role, const analysis::Policies& policies, const trust::Profile& prof,
                     const trust::Capability& cap, const std::string& action, const json::Value& at,
                     engine::Reporter& r) {
    const model::PolicyDocument* grantor = nullptr;
    for (const model::PolicyDocument* d : policies.identity) {
      if (analysis::mayAllow(*d, action)) {
        grantor = d;
        break;
      }
    }
    if (grantor == nullptr) return;  // not granted at all: RL414 (missing-service-capability)
    std::string blocker;
    for (const model::PolicyDocument* d : policies.identity) {
      if (analysis::alwaysDenies(*d, action) != nullptr) blocker = "an explicit Deny in `" + d->label + "` denies it";
    }
    if (policies.boundary != nullptr) {
      if (analysis::alwaysDenies(*policies.boundary, action) != nullptr) {
        blocker = "an explicit Deny in the permissions boundary `" + role.boundary->arn + "` denies it";
      } else if (blocker.empty() && !analysis::mayAllow(*policies.boundary, action)) {
        blocker = "the permissions boundary `" + role.boundary->arn + "` does not allow it";
      }
    }
    if (blocker.empty()) return;
    r.report(*role.trust, at,
             prof.title + " assumes this role to " + cap.name + ", which needs `" + action + "`; `" + grantor->label +
                 "` grants it, but " + blocker +
                 ", so the action is not effective and the service fails with AccessDenied",
             blocker.find("Deny") != std::string::npos
                 ? "Narrow the Deny so that it leaves `" + action + "` on the service's resources"
                 : "Allow `" + action + "` in the boundary, on the resources the service uses");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL505() { return engine::makeRule<RequiredCapabilityBlocked>(); }

}  // namespace rolelint::rules
