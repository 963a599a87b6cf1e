// RL413 malformed-service-profile: a service profile (rules/profiles/*.json,
// or a file in $ROLELINT_PROFILES_DIR) is not valid; it is ignored, so the
// profile rules (RL404, RL406, RL408, RL414, RL415) know less about that service.
// Format: docs/profiles.md.
#include "rules/registry.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

class MalformedServiceProfile final : public engine::Rule {
 public:
  MalformedServiceProfile()
      : engine::Rule({.id = "RL413",
                      .name = "malformed-service-profile",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Error,
                      .summary = "A service profile is malformed and is ignored."}) {}

  void checkConfig(const engine::ConfigFindings&, const engine::SuppressionUse&, engine::Reporter& r) const override {
    for (const trust::ProfileProblem& p : trust::profiles().problems)
      r.report(core::Location{p.file, p.range, ""}, p.message + "; the profile is ignored", {}, {}, {},
               "Correct the profile following the format in docs/profiles.md");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL413() { return engine::makeRule<MalformedServiceProfile>(); }

}  // namespace rolelint::rules
