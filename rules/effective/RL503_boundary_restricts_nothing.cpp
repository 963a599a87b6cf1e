// RL503 boundary-restricts-nothing: a permissions boundary that allows every
// action on every resource without conditions, and denies nothing, limits nothing.
// Source: IAM User Guide, Permissions boundaries for IAM entities
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
#include <algorithm>

#include "analysis/match.h"
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class BoundaryRestrictsNothing final : public engine::Rule {
 public:
  BoundaryRestrictsNothing()
      : engine::Rule({.id = "RL503",
                      .name = "boundary-restricts-nothing",
                      .category = engine::Category::Effective,
                      .severity = core::Severity::Note,
                      .summary = "The permissions boundary allows every action on every resource, so it restricts nothing."}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.boundary || !role.boundary->document || role.boundary->node == nullptr) return;
    const model::PolicyDocument& pb = *role.boundary->document;
    if (std::any_of(pb.statements.begin(), pb.statements.end(),
                    [](const model::Statement& s) { return s.effect == model::Effect::Deny; }))
      return;
    const auto it = std::find_if(pb.statements.begin(), pb.statements.end(),
                                 [](const model::Statement& s) { return analysis::allowsEverything(s); });
    if (it == pb.statements.end()) return;
    const std::string msg = "the permissions boundary `" + role.boundary->arn +
                            "` allows \"Action\": \"*\" on \"Resource\": \"*\" without conditions and denies nothing, so "
                            "it does not limit the role's permissions; a boundary is meant to cap what identity "
                            "policies can grant";
    const std::string help = "Allow only the services the role may ever use";
    if (pb.awsManaged) r.report(role, *role.boundary->node, msg, help);
    else r.report(pb, *it->node, msg, help);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL503() { return engine::makeRule<BoundaryRestrictsNothing>(); }

}  // namespace rolelint::rules
