// RL110 resource-and-notresource: a statement may have Resource or NotResource, not both.
// Source: IAM User Guide, IAM JSON policy elements: NotResource
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class ResourceAndNotResource final : public engine::Rule {
 public:
  ResourceAndNotResource()
      : engine::Rule({.id = "RL110",
                      .name = "resource-and-notresource",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement has both Resource and NotResource.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_ELEMENT_COMBINATION", "parliament:MALFORMED",
                                      "cfn-lint:E3510"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!s.resource.present() || !s.notResource.present()) return;
    r.reportKey(p, *s.notResource.node,
                policy::label(s) +
                    " has both \"Resource\" and \"NotResource\"; IAM rejects the policy",
                "Keep \"Resource\" to list the resources the statement covers, or \"NotResource\" to cover "
                "everything else, not both");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL110() { return engine::makeRule<ResourceAndNotResource>(); }

}  // namespace rolelint::rules
