// RL607 unconstrained-infrastructure-modification: an action of access level Write, Permissions management or Tagging is effective on an unscoped Resource, so the role can change every resource of a service.
// Sources: access levels from the Service Authorization Reference (rules/catalog/iam-catalog.txt), https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html.
#include "rules/registry.h"
#include "catalog/catalog.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class RuleRL607 final : public engine::Rule {
 public:
  RuleRL607()
      : engine::Rule({.id = "RL607",
                      .name = "unconstrained-infrastructure-modification",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Note,
                      .summary = "The role can modify every resource of a service (a Write, Permissions management or Tagging action on an unscoped resource).",
                      .equivalents = {"cloudsplaining:INFRASTRUCTURE_MODIFICATION", "checkov:CKV_AWS_111", "checkov:CKV_AWS_290"},
                      .securitySeverity = 4.0}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    security::reportUnscoped(role, r, {}, catalog::accessBit(catalog::AccessLevel::Write) | catalog::accessBit(catalog::AccessLevel::PermissionsManagement) | catalog::accessBit(catalog::AccessLevel::Tagging), "modify resources", "Name the resources it changes");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL607() { return engine::makeRule<RuleRL607>(); }

}  // namespace rolelint::rules
