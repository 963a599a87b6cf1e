// RL608 resource-star: an Allow statement grants, on Resource "*", actions that
// support resource-level permissions, so it applies to every resource where it
// could name the ones the role needs (parliament's RESOURCE_STAR). Actions that
// accept only "*" (no resource types in the Service Authorization Reference) are
// not counted. AWS managed policies are not checked (the user cannot edit them);
// boundaries are ceilings, where "*" is the norm.
// Source: resource types per action, Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
// IAM best practice "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege).
#include "analysis/action_set.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class ResourceStar final : public engine::Rule {
 public:
  ResourceStar()
      : engine::Rule({.id = "RL608",
                      .name = "resource-star",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow statement uses Resource \"*\" for actions that support specific resources.",
                      .equivalents = {"parliament:RESOURCE_STAR", "checkov:CKV_AWS_355", "checkov:CKV_AWS_356"},
                      .securitySeverity = 4.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (policy::isTrust(p) || p.kind == model::PolicyKind::Boundary || p.awsManaged) return;
    if (s.effect != model::Effect::Allow || !s.action.present() || r.catalog() == nullptr) return;
    const model::StringItem* star = nullptr;
    for (const auto& item : s.resource.items)
      if (item.value == "*") star = &item;
    if (star == nullptr || star->node == nullptr) return;
    std::vector<std::string> scopable;
    size_t count = 0;
    for (const auto& item : s.action.items) {
      analysis::ActionSet::cached(*r.catalog(), item.value).forEachRef([&](catalog::ActionRef ref) {
        const catalog::Action* a = r.catalog()->action(ref);
        if (a == nullptr || a->resources.empty()) return true;
        ++count;
        if (scopable.size() < 3) scopable.push_back(r.catalog()->actionName(ref));
        return true;
      });
    }
    if (count == 0) return;
    std::string names;
    for (size_t i = 0; i < scopable.size(); ++i) names += (i ? ", " : "") + scopable[i];
    if (count > scopable.size()) names += " and " + std::to_string(count - scopable.size()) + " more";
    r.report(p, *star->node,
             policy::label(s) + " allows " + names + " on Resource \"*\", though " +
                 (count == 1 ? "it supports" : "they support") +
                 " specific resources",
             "Name the resources (ARNs) the role needs");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL608() { return engine::makeRule<ResourceStar>(); }

}  // namespace rolelint::rules
