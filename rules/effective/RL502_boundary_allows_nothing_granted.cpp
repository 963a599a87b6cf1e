// RL502 boundary-allows-nothing-granted: the permissions boundary allows none of
// the actions the role's identity policies grant, so the role can do nothing.
// Source: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html):
// "the entity can perform only the actions that are allowed by both its
// identity-based policies and its permissions boundaries".
#include <optional>

#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "rules/registry.h"
#include "analysis/effective_grants.h"

namespace rolelint::rules {
namespace {

class BoundaryAllowsNothingGranted final : public engine::Rule {
 public:
  BoundaryAllowsNothingGranted()
      : engine::Rule({.id = "RL502",
                      .name = "boundary-allows-nothing-granted",
                      .category = engine::Category::Effective,
                      .severity = core::Severity::Warning,
                      .summary = "The permissions boundary allows none of the actions the role's identity policies grant, so the role can do nothing."}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.boundary || !role.boundary->document) return;
    // A boundary whose ARN is unknown until a Terraform apply has no node: point at the role.
    const json::Value* at = role.boundary->node != nullptr ? role.boundary->node : role.root;
    const model::PolicyDocument& pb = *role.boundary->document;
    size_t actions = 0;
    const effective::Grant* first = nullptr;
    for (const auto& pg : effective::grantsOf(role, r.catalog())) {
      const std::vector<char>& dead = effective::deadGrants(*pg.policy, pb, r.catalog());
      for (size_t i = 0; i < pg.grants->size(); ++i) {
        if (dead[i] == 0) return;
        actions += (*pg.grants)[i].actionCount();
        if (first == nullptr) first = &(*pg.grants)[i];
      }
    }
    if (first == nullptr) return;
    const std::string request = effective::deniedExample(analysis::policiesOf(role), *first, r.catalog());
    r.report(role, *at,
             "the permissions boundary `" + role.boundary->arn + "` allows none of the " + std::to_string(actions) +
                 " action(s) granted by the role's identity policies, on the resources they name (e.g. `" + first->item->value + "` in " +
                 first->policy->label + (request.empty() ? "" : ": " + request) +
                 "); effective permissions are the intersection of both, so every request of this role is denied",
             "Attach a boundary that allows what the role needs");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL502() { return engine::makeRule<BoundaryAllowsNothingGranted>(); }

}  // namespace rolelint::rules
