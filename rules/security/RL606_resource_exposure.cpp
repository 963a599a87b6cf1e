// RL606 resource-exposure: an action of access level "Permissions management" (from the IAM catalog: resource policies, grants, IAM) is effective on an unscoped Resource, so the role can open any such resource to others.
// Sources: access levels from the Service Authorization Reference (rules/catalog/iam-catalog.txt), https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html.
#include "rules/registry.h"
#include "catalog/catalog.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class RuleRL606 final : public engine::Rule {
 public:
  RuleRL606()
      : engine::Rule({.id = "RL606",
                      .name = "resource-exposure",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "The role can change the permissions of every resource of a service (a Permissions management action on an unscoped resource).",
                      .equivalents = {"cloudsplaining:RESOURCE_EXPOSURE", "parliament:PERMISSIONS_MANAGEMENT_ACTIONS", "checkov:CKV_AWS_109", "checkov:CKV_AWS_289"},
                      .securitySeverity = 7.0}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    security::reportUnscoped(role, r, {}, catalog::accessBit(catalog::AccessLevel::PermissionsManagement), "change permissions", "Name the resources whose policies it manages");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL606() { return engine::makeRule<RuleRL606>(); }

}  // namespace rolelint::rules
