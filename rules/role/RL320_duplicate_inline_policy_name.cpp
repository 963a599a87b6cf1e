// RL320 duplicate-inline-policy-name: two inline policies of a role with the same PolicyName.
// Source: IAM API Reference, PutRolePolicy ("Adds or updates an inline policy document": a name that exists is updated)
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html) and IAM and AWS STS quotas (inline
// policy names are unique per role) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
#include <map>

#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class DuplicateInlinePolicyName final : public engine::Rule {
 public:
  DuplicateInlinePolicyName()
      : engine::Rule({.id = "RL320",
                      .name = "duplicate-inline-policy-name",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Warning,
                      .summary = "Two inline policies of the role have the same PolicyName, so one replaces the other.",
                      .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* policies = role.root->find("Policies");
    if (policies == nullptr || !policies->isArray()) return;
    std::map<std::string, const json::Value*> seen;
    for (const json::Value& p : policies->elements) {
      const json::Value* name = p.isObject() ? p.find("PolicyName") : nullptr;
      if (name == nullptr || !name->isString() || name->text.empty()) continue;
      const auto [it, inserted] = seen.emplace(name->text, name);
      if (inserted) continue;
      r.report(role.locate(*name),
               "inline policy name \"" + name->text +
                   "\" is used twice; a role has one inline policy per name, and PutRolePolicy with an existing name "
                   "replaces that policy, so the statements of one of the two never apply",
               role.displayName, "inline:" + name->text,
               {core::RelatedLocation{role.locate(*it->second), "the first inline policy with this name"}},
               "Rename one or merge them");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL320() { return engine::makeRule<DuplicateInlinePolicyName>(); }

}  // namespace rolelint::rules
