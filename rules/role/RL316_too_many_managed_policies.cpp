// RL316 too-many-managed-policies: more managed policies attached than the quota (10 by default).
// Source: IAM and AWS STS quotas ("Managed policies attached to an IAM role": default 10, adjustable)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
#include <set>

#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class TooManyManagedPolicies final : public engine::Rule {
 public:
  TooManyManagedPolicies()
      : engine::Rule(
            {.id = "RL316",
             .name = "too-many-managed-policies",
             .category = engine::Category::Role,
             .severity = core::Severity::Error,
             .summary = "More managed policies are attached to the role than the quota allows (10 by default).",
             .options = {role::quotaOption("managedPoliciesPerRole", 10)},
             .equivalents = {}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override {
    limit_ = o.integer(role::kLimitOption, 10);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.managedNode == nullptr) return;
    const int64_t limit = limit_;
    std::set<std::string> distinct;
    const model::PolicyRef* over = nullptr;
    for (const model::PolicyRef& ref : role.managed) {
      if (distinct.insert(ref.arn).second && static_cast<int64_t>(distinct.size()) == limit + 1) over = &ref;
    }
    if (over == nullptr) return;
    r.report(role, *over->node,
             "the role has " + std::to_string(distinct.size()) + " managed policies attached; " +
                 (limit == 10 ? std::string("IAM's default quota is 10")
                              : "the configured quota is " + std::to_string(limit) + " (AWS's default is 10)") +
                 " per role, so AttachRolePolicy fails from this one on",
             "Combine policies, or request a quota increase and set quotas.managedPoliciesPerRole in .rolelint.json");
  }

 private:
  int64_t limit_ = 10;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL316() { return engine::makeRule<TooManyManagedPolicies>(); }

}  // namespace rolelint::rules
