// RL601 privilege-escalation: the role's effective permissions (all its identity
// policies, after the permissions boundary, explicit Denies and conditions) carry
// out a privilege escalation method of the table (PE-01 … PE-36, classes S, P and
// N): it can widen itself, take over another principal, or pass a role to compute
// it controls. The analysis is src/analysis/escalation.*; the methods, their
// neutralisers and their sources are rules/security/escalation.json and docs/security-analysis.md.
#include "rules/registry.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class PrivilegeEscalation final : public engine::Rule {
 public:
  PrivilegeEscalation()
      : engine::Rule({.id = "RL601",
                      .name = "privilege-escalation",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Error,
                      .summary = "The role's effective permissions let it escalate its privileges (a PE method of the "
                                 "escalation table).",
                      .equivalents = {"parliament:PRIVILEGE_ESCALATION", "cloudsplaining:PRIVILEGE_ESCALATION",
                                      "checkov:CKV_AWS_110", "checkov:CKV_AWS_286",
                                      "trivy:no_attach_policy_escalation", "trivy:no_create_policy_version_escalation",
                                      "trivy:no_delete_permissions_boundary_escalation",
                                      "trivy:no_passrole_ec2_escalation", "trivy:no_passrole_lambda_escalation",
                                      "trivy:no_put_policy_escalation", "trivy:no_update_assume_role_escalation"},
                      .securitySeverity = 8.8}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    security::reportEscalations(role, "SPN", r);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL601() { return engine::makeRule<PrivilegeEscalation>(); }

}  // namespace rolelint::rules
