// RL352 missing-permissions-boundary: the organisation requires a boundary (conventions.requirePermissionsBoundary)
// and the role has none. Source for boundaries: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html); service-linked roles cannot
// have one (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class MissingPermissionsBoundary final : public engine::Rule {
 public:
  MissingPermissionsBoundary()
      : engine::Rule({.id = "RL352",
                      .name = "missing-permissions-boundary",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Warning,
                      .summary = "The role has no permissions boundary although the organisation requires one "
                                 "(conventions.requirePermissionsBoundary).",
                      .options = {role::conventionOption("requirePermissionsBoundary", "boolean", "every role must have a permissions boundary"), role::conventionOption("allowedBoundaries", "array", "the permissions boundaries roles may use")},
                      .equivalents = {},
                      .securitySeverity = 5.0}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    const json::Value* v = role::convention(c, "requirePermissionsBoundary");
    if (v != nullptr && !v->isBool()) {
      r.report(role::locateConfig(c, *v), "conventions.requirePermissionsBoundary must be true or false, not " +
                                              std::string(json::kindName(v->kind)) +
                                              "; this convention is not checked",
               {}, {}, {}, "Set conventions.requirePermissionsBoundary to true or false");
    }
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(options_, "requirePermissionsBoundary");
    if (v == nullptr || !v->isBool() || !v->boolean) return;
    if (role.root->find("PermissionsBoundary") != nullptr || role::isServiceLinked(role)) return;
    std::string example = "arn:aws:iam::111122223333:policy/Boundary";
    if (const json::Value* allowed = role::convention(options_, "allowedBoundaries");
        allowed != nullptr && allowed->isArray() && !allowed->elements.empty() && allowed->elements[0].isString())
      example = allowed->elements[0].text;
    r.report(role::roleAnchor(role),
             "the role has no permissions boundary, which the organisation requires "
             "(conventions.requirePermissionsBoundary); without one, its permissions policies are the only limit on "
             "what it can do",
             role.displayName, {}, {}, "Add \"PermissionsBoundary\": \"" + example + "\"");
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL352() { return engine::makeRule<MissingPermissionsBoundary>(); }

}  // namespace rolelint::rules
