// RL602 possible-privilege-escalation: the role's effective permissions reach
// compute or roles that already exist (classes E and T of the escalation table:
// PE-02, PE-19, PE-37 … PE-44): an escalation if one of those targets is more
// privileged than the role. The analysis is src/analysis/escalation.*; the methods
// and their sources are rules/security/escalation.json and docs/security-analysis.md.
#include "rules/registry.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class PossiblePrivilegeEscalation final : public engine::Rule {
 public:
  PossiblePrivilegeEscalation()
      : engine::Rule({.id = "RL602",
                      .name = "possible-privilege-escalation",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "The role's effective permissions reach existing compute or roles that may be more "
                                 "privileged (a target-dependent PE method).",
                      .equivalents = {"parliament:PRIVILEGE_ESCALATION", "cloudsplaining:PRIVILEGE_ESCALATION",
                                      "checkov:CKV_AWS_110", "checkov:CKV_AWS_286"},
                      .securitySeverity = 5.5}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    security::reportEscalations(role, "ET", r);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL602() { return engine::makeRule<PossiblePrivilegeEscalation>(); }

}  // namespace rolelint::rules
