// RL354 forbidden-managed-policy: a managed policy the organisation forbids (conventions.forbiddenManagedPolicies)
// is attached to the role. Managed policies per IAM User Guide, Managed policies and inline policies
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr const char* kForbiddenPoliciesKey = "conventions.forbiddenManagedPolicies";

class ForbiddenManagedPolicy final : public engine::Rule {
 public:
  ForbiddenManagedPolicy()
      : engine::Rule({.id = "RL354",
                      .name = "forbidden-managed-policy",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Warning,
                      .summary = "A managed policy the organisation forbids (conventions.forbiddenManagedPolicies) is "
                                 "attached to the role.",
                      .options = {role::conventionOption("forbiddenManagedPolicies", "array", "managed policy ARNs no role may attach")},
                      .equivalents = {},
                      .securitySeverity = 5.0}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    if (const json::Value* v = role::convention(c, "forbiddenManagedPolicies"))
      role::conventionStrings(c, *v, kForbiddenPoliciesKey, &r);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(options_, "forbiddenManagedPolicies");
    if (v == nullptr) return;
    auto forbidden = role::conventionStrings(options_, *v, kForbiddenPoliciesKey, nullptr);
    if (!forbidden) return;
    for (const model::PolicyRef& ref : role.managed) {
      for (const json::Value* f : *forbidden) {
        if (f->text != ref.arn) continue;
        r.report(role, *ref.node,
                 "managed policy \"" + ref.arn + "\" is forbidden by the organisation (" + kForbiddenPoliciesKey + ")",
                 "Attach a policy scoped to what the role needs instead");
        break;
      }
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL354() { return engine::makeRule<ForbiddenManagedPolicy>(); }

}  // namespace rolelint::rules
