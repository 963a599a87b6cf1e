// RL353 boundary-not-allowed: a permissions boundary that is not one of conventions.allowedBoundaries.
// Source for boundaries: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr const char* kAllowedBoundariesKey = "conventions.allowedBoundaries";

class BoundaryNotAllowed final : public engine::Rule {
 public:
  BoundaryNotAllowed()
      : engine::Rule({.id = "RL353",
                      .name = "boundary-not-allowed",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Warning,
                      .summary = "The permissions boundary is not one of the boundaries the organisation allows "
                                 "(conventions.allowedBoundaries).",
                      .options = {role::conventionOption("allowedBoundaries", "array", "the permissions boundaries roles may use")},
                      .equivalents = {},
                      .securitySeverity = 5.0}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    if (const json::Value* v = role::convention(c, "allowedBoundaries")) role::conventionStrings(c, *v, kAllowedBoundariesKey, &r);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(options_, "allowedBoundaries");
    if (v == nullptr || !role.boundary || role.boundary->node == nullptr || role.boundary->definedInRun) return;
    auto allowed = role::conventionStrings(options_, *v, kAllowedBoundariesKey, nullptr);
    if (!allowed) return;
    if (core::hasUnknown(role.boundary->arn)) return;  // depends on a parameter: present, value unknown
    std::string list;
    for (const json::Value* a : *allowed) {
      if (a->text == role.boundary->arn) return;
      list += (list.empty() ? "" : ", ") + a->text;
    }
    r.report(role, *role.boundary->node,
             "permissions boundary \"" + role.boundary->arn + "\" is not one the organisation allows (" + kAllowedBoundariesKey + ": " +
                 (list.empty() ? std::string("none") : list) +
                 "); a different boundary may not enforce the organisation's guardrails",
             list.empty() ? std::string() : "Use one of the allowed boundaries");
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL353() { return engine::makeRule<BoundaryNotAllowed>(); }

}  // namespace rolelint::rules
