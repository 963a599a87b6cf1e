// RL318 boundary-on-service-linked-role: a permissions boundary on a role under /aws-service-role/.
// Source: IAM API Reference, PutRolePermissionsBoundary ("You cannot set the boundary for a service-linked role")
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html) and Using
// service-linked roles (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class BoundaryOnServiceLinkedRole final : public engine::Rule {
 public:
  BoundaryOnServiceLinkedRole()
      : engine::Rule({.id = "RL318",
                      .name = "boundary-on-service-linked-role",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "A service-linked role (path /aws-service-role/) has a permissions boundary, which "
                                 "IAM does not allow.",
                      .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.boundary || role.boundary->node == nullptr || role.boundary->definedInRun || !role::isServiceLinked(role)) return;
    r.report(role, *role.boundary->node,
             "the role's path \"" + role::rolePath(role) +
                 "\" makes it a service-linked role, and IAM cannot set a permissions boundary on a service-linked "
                 "role (its permissions are defined by the service)",
             "Remove PermissionsBoundary, or use a service role outside /aws-service-role/ if you need a boundary");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL318() { return engine::makeRule<BoundaryOnServiceLinkedRole>(); }

}  // namespace rolelint::rules
