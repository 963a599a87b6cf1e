// RL504 allow-shadowed-by-deny: every action of an Allow grant is denied by an
// unconditional Deny on every resource, so the grant can never take effect.
// Source: IAM User Guide, Policy evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// "An explicit deny in any policy overrides any allows."
#include "analysis/match.h"
#include "rules/registry.h"
#include "rules/support/effective_grants.h"

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
    std::vector<const model::PolicyDocument*> all;
    for (const auto& d : role.inlinePolicies) all.push_back(&d);
    for (const auto& m : role.managed)
      if (m.document) all.push_back(&*m.document);
    if (role.boundary && role.boundary->document) all.push_back(&*role.boundary->document);
    for (const auto& g : effective::grantsOf(role, r.catalog())) {
      if (g.policy->awsManaged) continue;
      const model::Statement* by = nullptr;
      const model::PolicyDocument* byPolicy = nullptr;
      bool allDenied = true;
      for (const auto& a : g.actions) {
        const model::Statement* d = nullptr;
        for (const auto* p : all) {
          if ((d = analysis::alwaysDenies(*p, a)) != nullptr) {
            if (by == nullptr) {
              by = d;
              byPolicy = p;
            }
            break;
          }
        }
        if (d == nullptr) {
          allDenied = false;
          break;
        }
      }
      if (!allDenied || by == nullptr) continue;
      core::Location loc = byPolicy->locate(*by->node);
      r.report(g.policy->locate(*g.item->node),
               "`" + g.item->value + "` is allowed here but an unconditional Deny on every resource (" +
                   byPolicy->label + " statement " + std::to_string(by->index) +
                   ") covers all of its actions, and an explicit Deny always wins; the grant is dead. Remove it, "
                   "or narrow the Deny",
               role.displayName, g.policy->label, {{loc, "the Deny statement"}});
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL504() { return std::make_unique<AllowShadowedByDeny>(); }

}  // namespace rolelint::rules
