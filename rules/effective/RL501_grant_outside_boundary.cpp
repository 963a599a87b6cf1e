// RL501 grant-outside-boundary: an identity-policy grant whose actions the
// permissions boundary never allows is dead: effective permissions are the
// intersection of the identity-based policies and the boundary.
// Source: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html) and
// Policy evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
#include <algorithm>
#include <map>
#include <optional>

#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "rules/registry.h"
#include "analysis/effective_grants.h"

namespace rolelint::rules {
namespace {

class GrantOutsideBoundary final : public engine::Rule {
 public:
  GrantOutsideBoundary()
      : engine::Rule({.id = "RL501",
                      .name = "grant-outside-boundary",
                      .category = engine::Category::Effective,
                      .severity = core::Severity::Note,
                      .summary = "An identity-policy grant is never effective because the permissions boundary allows none of its actions."}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.boundary || !role.boundary->document) return;
    const model::PolicyDocument& pb = *role.boundary->document;
    struct Dead {
      const effective::Grant* grant;
      const model::PolicyRef* managed;
    };
    std::vector<Dead> dead;
    size_t total = 0;
    for (const auto& pg : effective::grantsOf(role, r.catalog())) {
      total += pg.grants->size();
      const std::vector<char>& flags = effective::deadGrants(*pg.policy, pb, r.catalog());
      for (size_t i = 0; i < pg.grants->size(); ++i)
        if (flags[i] != 0) dead.push_back({&(*pg.grants)[i], pg.managed});
    }
    // When nothing at all gets through, RL502 reports it once at the boundary.
    if (dead.empty() || dead.size() == total) return;
    const analysis::Policies policies = analysis::policiesOf(role);
    std::map<const model::PolicyRef*, size_t> perManaged;
    for (const auto& [g, managed] : dead) {
      if (g->policy->awsManaged && managed != nullptr) {
        if (perManaged[managed]++ == 0) {
          r.report(role, *managed->node,
                   "the permissions boundary `" + role.boundary->arn + "` allows none of the actions of `" +
                       g->item->value + "` granted by " + managed->arn + example(policies, *g, r.catalog()) +
                       "; those grants never take effect",
                   "Widen the boundary if the role needs them, or attach a narrower policy");
        }
        continue;
      }
      const size_t n = g->actionCount();
      const std::string count = n == 1 ? "" : " (" + std::to_string(n) + " actions)";
      // A managed policy shared by several roles (a dump) has no role of its own: name this one.
      const std::string who = g->policy->roleName.empty() ? "for role `" + role.displayName + "`, " : "";
      r.report(g->policy->locate(*g->item->node),
               who + "`" + g->item->value + "`" + count + " is granted here but the permissions boundary `" +
                   role.boundary->arn + "` allows none of its actions" + onResources(*g->statement) +
                   ", so the grant never takes effect" + example(policies, *g, r.catalog()),
               role.displayName, g->policy->label, {}, "Remove the grant, or widen the boundary if the role needs it");
    }
  }

 private:
  static std::string onResources(const model::Statement& s) {
    if (!s.resource.present()) return "";
    for (const auto& i : s.resource.items)
      if (i.value == "*") return "";
    return " on the resources this statement names";
  }

  static std::string example(const analysis::Policies& all, const effective::Grant& g, const catalog::Catalog* catalog) {
    const std::string req = effective::deniedExample(all, g, catalog);
    return req.empty() ? "" : " (e.g. " + req + ")";
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL501() { return engine::makeRule<GrantOutsideBoundary>(); }

}  // namespace rolelint::rules
