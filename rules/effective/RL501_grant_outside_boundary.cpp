// RL501 grant-outside-boundary: an identity-policy grant whose actions the
// permissions boundary never allows is dead: effective permissions are the
// intersection of the identity-based policies and the boundary.
// Source: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html) and
// Policy evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
#include <map>

#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "rules/registry.h"
#include "rules/support/effective_grants.h"

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
    auto grants = effective::grantsOf(role, r.catalog());
    std::vector<const effective::Grant*> dead;
    for (const auto& g : grants) {
      bool any = false;
      for (const auto& a : g.actions)
        if (analysis::mayAllow(pb, a, g.statement)) {
          any = true;
          break;
        }
      if (!any) dead.push_back(&g);
    }
    // When nothing at all gets through, RL502 reports it once at the boundary.
    if (dead.empty() || dead.size() == grants.size()) return;
    std::map<const model::PolicyRef*, size_t> perManaged;
    for (const auto* g : dead) {
      if (g->policy->awsManaged && g->managed != nullptr) {
        if (perManaged[g->managed]++ == 0) {
          r.report(role, *g->managed->node,
                   "the permissions boundary `" + role.boundary->arn + "` allows none of the actions of `" +
                       g->item->value + "` granted by " + g->managed->arn + example(role, *g) +
                       "; those grants never take effect. Widen the boundary if the role needs them, or attach a "
                       "narrower policy");
        }
        continue;
      }
      const std::string count =
          g->actions.size() == 1 ? "" : " (" + std::to_string(g->actions.size()) + " actions)";
      r.report(*g->policy, *g->item->node,
               "`" + g->item->value + "`" + count + " is granted here but the permissions boundary `" +
                   role.boundary->arn + "` allows none of its actions" + onResources(*g->statement) +
                   ", so the grant never takes effect" +
                   example(role, *g) + ". Remove the grant, or widen the boundary if the role needs it");
    }
  }

 private:
  static std::string onResources(const model::Statement& s) {
    if (!s.resource.present()) return "";
    for (const auto& i : s.resource.items)
      if (i.value == "*") return "";
    return " on the resources this statement names";
  }

  // A concrete request the evaluator confirms: allowed by the identity policies, not by the boundary.
  static std::string example(const model::Role& role, const effective::Grant& g) {
    auto ps = analysis::policiesOf(role);
    analysis::Request req{"", g.actions.front(), effective::exampleResource(*g.statement), {}};
    auto e = analysis::evaluate(ps, req);
    if (e.identity.decision != analysis::Decision::Allowed || !e.boundary ||
        e.boundary->decision != analysis::Decision::ImplicitlyDenied)
      return "";
    return " (e.g. " + req.action + " on " + req.resource + " is implicitly denied)";
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL501() { return std::make_unique<GrantOutsideBoundary>(); }

}  // namespace rolelint::rules
