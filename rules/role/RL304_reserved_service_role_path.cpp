// RL304 reserved-service-role-path: a role definition placed under /aws-service-role/.
// Source: IAM User Guide, Using service-linked roles
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html), IAM identifiers
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html) and IAM API Reference,
// CreateServiceLinkedRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class ReservedServiceRolePath final : public engine::Rule {
 public:
  ReservedServiceRolePath()
      : engine::Rule({.id = "RL304",
                      .name = "reserved-service-role-path",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "A role to be created has a path under /aws-service-role/, which is reserved for "
                                 "service-linked roles.",
                      .equivalents = {}}) {}

  void checkUnit(const model::Unit& unit, engine::Reporter& r) const override {
    // Dumps of existing roles (get-role, authorization details) legitimately
    // contain service-linked roles; only definitions of roles to create are checked.
    if (unit.file == nullptr || unit.file->format == input::Format::GetRole ||
        unit.file->format == input::Format::AuthorizationDetails)
      return;
    for (const model::Role& role : unit.roles) {
      if (role.path == nullptr || !role::isServiceLinked(role)) continue;
      r.report(role, *role.path,
               "path \"" + role.path->text +
                   "\" is reserved for service-linked roles, which only an AWS service creates "
                   "(CreateServiceLinkedRole) and which you cannot define or edit yourself",
               "Use another path such as \"/service-role/\" for a service role you manage");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL304() { return engine::makeRule<ReservedServiceRolePath>(); }

}  // namespace rolelint::rules
