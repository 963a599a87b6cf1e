// RL353 boundary-not-allowed: a permissions boundary that is not one of conventions.allowedBoundaries.
// Source for boundaries: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
#include "rules/registry.h"
#include "core/unknown.h"
#include "rules/support/role_support.h"

namespace rolelint::rules {
namespace {

constexpr const char* kName = "conventions.allowedBoundaries";

class BoundaryNotAllowed final : public engine::Rule {
 public:
  BoundaryNotAllowed()
      : engine::Rule({.id = "RL353",
                      .name = "boundary-not-allowed",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Warning,
                      .summary = "The permissions boundary is not one of the boundaries the organisation allows "
                                 "(conventions.allowedBoundaries).",
                      .equivalents = {},
                      .securitySeverity = 5.0}) {}

  void checkConfig(const engine::Config& c, const engine::SuppressionUse&, engine::Reporter& r) const override {
    if (const json::Value* v = role::convention(c, "allowedBoundaries")) role::conventionStrings(c, *v, kName, &r);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(r.config(), "allowedBoundaries");
    if (v == nullptr || !role.boundary || role.boundary->node == nullptr || role.boundary->definedInRun) return;
    auto allowed = role::conventionStrings(r.config(), *v, kName, nullptr);
    if (!allowed) return;
    if (core::hasUnknown(role.boundary->arn)) return;  // depends on a parameter: present, value unknown
    std::string list;
    for (const json::Value* a : *allowed) {
      if (a->text == role.boundary->arn) return;
      list += (list.empty() ? "" : ", ") + a->text;
    }
    r.report(role, *role.boundary->node,
             "permissions boundary \"" + role.boundary->arn + "\" is not one the organisation allows (" + kName + ": " +
                 (list.empty() ? std::string("none") : list) +
                 "); a different boundary may not enforce the organisation's guardrails");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL353() { return std::make_unique<BoundaryNotAllowed>(); }

}  // namespace rolelint::rules
