// RL504 allow-shadowed-by-deny: every action of an Allow grant is denied by an
// unconditional Deny on every resource, so the grant can never take effect.
// Source: IAM User Guide, Policy evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// "An explicit deny in any policy overrides any allows."
#include <optional>

#include "analysis/match.h"
#include "rules/registry.h"
#include "analysis/effective_grants.h"

namespace rolelint::rules {
namespace {

class AllowShadowedByDeny final : public engine::Rule {
 public:
  AllowShadowedByDeny()
      : engine::Rule({.id = "RL504",
                      .name = "allow-shadowed-by-deny",
                      .category = engine::Category::Effective,
                      .severity = core::Severity::Warning,
                      .summary = "Every action of an Allow grant is explicitly denied on every resource, so the grant never takes effect."}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    std::vector<const model::PolicyDocument*> all = effective::identityPolicies(role);
    if (role.boundary && role.boundary->document) all.push_back(role.boundary->document.get());
    const catalog::Catalog* catalog = r.catalog();
    std::optional<analysis::DenyIndex> denies;
    if (catalog != nullptr) denies.emplace(*catalog, all);
    for (const auto& pg : effective::grantsOf(role, catalog)) {
      if (pg.policy->awsManaged) continue;
      for (const auto& g : *pg.grants) {
      const model::Statement* by = nullptr;
      const model::PolicyDocument* byPolicy = nullptr;
      if (denies) {
        if (!denies->deniesAll(g.query())) continue;
        // The Deny that covers the grant's first action, as the message names one.
        const auto first = g.known ? denies->denying(g.known->firstRef()) : denies->denying(g.unknown);
        by = first.first;
        byPolicy = first.second;
      } else {
        for (const auto* p : all) {
          if ((by = analysis::alwaysDenies(*p, g.unknown)) != nullptr) {
            byPolicy = p;
            break;
          }
        }
      }
      if (by == nullptr) continue;
      core::Location loc = byPolicy->locate(*by->node);
      r.report(g.policy->locate(*g.item->node),
               "`" + g.item->value + "` is allowed here but an unconditional Deny on every resource (" +
                   byPolicy->label + " statement " + std::to_string(by->index) +
                   ") covers all of its actions, and an explicit Deny always wins; the grant is dead",
               role.displayName, g.policy->label, {{loc, "the Deny statement"}}, "Remove it, or narrow the Deny");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL504() { return engine::makeRule<AllowShadowedByDeny>(); }

}  // namespace rolelint::rules
