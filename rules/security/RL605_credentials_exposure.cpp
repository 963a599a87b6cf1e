// RL605 credentials-exposure: an action whose response holds credentials (rules/security/exposure.json "credentialsExposure") is effective on an unscoped Resource, confirmed by the request evaluator; scoped ones are not reported.
// Sources: the API references listed per action in rules/security/exposure.json.
#include "rules/registry.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class RuleRL605 final : public engine::Rule {
 public:
  RuleRL605()
      : engine::Rule({.id = "RL605",
                      .name = "credentials-exposure",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "The role can obtain credentials (access keys, passwords, tokens) for every resource of a service.",
                      .equivalents = {"parliament:CREDENTIALS_EXPOSURE", "cloudsplaining:CREDENTIALS_EXPOSURE", "checkov:CKV_AWS_107", "checkov:CKV_AWS_287"},
                      .securitySeverity = 7.5}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    security::reportUnscoped(role, r, security::exposureList("credentialsExposure"), 0, "obtain credentials", "Name the users, roles, registries or clusters whose credentials it needs");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL605() { return engine::makeRule<RuleRL605>(); }

}  // namespace rolelint::rules
