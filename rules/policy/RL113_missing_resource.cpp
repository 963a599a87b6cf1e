// RL113 missing-resource: statements of identity-based policies and
// permissions boundaries need Resource or NotResource (trust policies must not have one).
// Source: IAM User Guide, IAM JSON policy elements: Resource
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MissingResource final : public engine::Rule {
 public:
  MissingResource()
      : engine::Rule({.id = "RL113",
                      .name = "missing-resource",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement of an identity-based policy or boundary has neither Resource nor NotResource.",
                      .equivalents = {"access-analyzer:MISSING_RESOURCE", "parliament:MALFORMED",
                                      "cfn-lint:E3510"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (policy::isTrust(p) || !s.node->isObject()) return;
    if (s.resource.present() || s.notResource.present()) return;
    r.report(p, *s.node,
             policy::label(s) + " of the " + std::string(model::kindName(p.kind)) +
                 " policy has neither \"Resource\" nor \"NotResource\"; IAM rejects it as malformed",
             "Add \"Resource\" with the ARNs the actions apply to (\"*\" only for actions without resource-level "
             "permissions)");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL113() { return engine::makeRule<MissingResource>(); }

}  // namespace rolelint::rules
