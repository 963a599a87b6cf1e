// RL112 resource-in-trust-policy: a role trust policy must not have Resource or
// NotResource (the role itself is the resource); IAM answers "Has prohibited field Resource".
// Source: IAM User Guide, IAM JSON policy elements: Resource
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html) and IAM Access
// Analyzer policy check reference, "Role trust policy syntax error resource"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class ResourceInTrustPolicy final : public engine::Rule {
 public:
  ResourceInTrustPolicy()
      : engine::Rule({.id = "RL112",
                      .name = "resource-in-trust-policy",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A role trust policy statement has Resource or NotResource.",
                      .equivalents = {"access-analyzer:ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;
    for (const model::StringList* l : {&s.resource, &s.notResource}) {
      if (!l->present()) continue;
      const std::string name = l == &s.resource ? "Resource" : "NotResource";
      r.reportKey(p, *l->node,
                  policy::label(s) + " of the trust policy has \"" + name +
                      "\"; IAM rejects it (\"Has prohibited field Resource\") because the role itself is the "
                      "resource of a trust policy",
                  "Remove \"" + name + "\"");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL112() { return engine::makeRule<ResourceInTrustPolicy>(); }

}  // namespace rolelint::rules
