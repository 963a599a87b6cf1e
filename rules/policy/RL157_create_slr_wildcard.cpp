// RL157 create-slr-wildcard: an Allow that covers iam:CreateServiceLinkedRole
// (named, through a wildcard action or NotAction) on every role lets the role
// create service-linked roles for any service.
// Source: IAM User Guide, Service-linked role permissions
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html#service-linked-role-permissions)
// and IAM Access Analyzer policy check reference, "Create SLR with …"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_grants.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

using policy::ActionCover;
using policy::ResourceCover;

class CreateSlrWildcard final : public engine::Rule {
 public:
  CreateSlrWildcard()
      : engine::Rule({.id = "RL157",
                      .name = "create-slr-wildcard",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow statement lets the role create any service-linked role "
                                 "(iam:CreateServiceLinkedRole on \"*\" or through NotAction/NotResource).",
                      .equivalents = {"access-analyzer:CREATE_SLR_WITH_STAR_IN_RESOURCE",
                                      "access-analyzer:CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
                                      "access-analyzer:CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                                      "access-analyzer:CREATE_SLR_WITH_NOT_RESOURCE",
                                      "access-analyzer:CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                                      "access-analyzer:CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"},
                      .securitySeverity = 4.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    // A permissions boundary is validated as the identity policy it is (Access Analyzer does): it
    // grants nothing, but it lets through whatever the role's policies grant within it.
    if (policy::isTrust(p) || s.effect != model::Effect::Allow) return;
    const bool boundary = p.kind == model::PolicyKind::Boundary;
    if (policy::hasConditionKey(s, "iam:AWSServiceName")) return;
    const policy::ActionMatch a = policy::coversAction(s, "iam:CreateServiceLinkedRole");
    if (a.cover == ActionCover::None) return;
    const policy::ResourceMatch res =
        policy::coversAllResources(s, "role/aws-service-role/rolelint-probe.amazonaws.com/AWSServiceRoleForProbe");
    if (res.cover == ResourceCover::None) return;
    std::string how;
    switch (a.cover) {
      case ActionCover::Explicit: how = "allows iam:CreateServiceLinkedRole"; break;
      case ActionCover::Wildcard:
        how = "allows iam:CreateServiceLinkedRole through the wildcard action \"" + a.at->text + "\"";
        break;
      default: how = "allows iam:CreateServiceLinkedRole through NotAction (every action it does not list)"; break;
    }
    const std::string on = res.cover == ResourceCover::Wildcard
                               ? "on \"" + res.at->text + "\""
                               : std::string("on every role that NotResource does not exclude");
    const json::Value& at = a.cover == ActionCover::NotAction ? *res.at : *a.at;
    if (boundary) {
      r.report(p, at,
               "the boundary's " + policy::label(s) + " " + how + " " + on +
                   ": a boundary only caps, so it lets the role's policies create any service-linked role",
               "Limit the resource to aws-service-role/SERVICE/* ARNs or add a condition on iam:AWSServiceName");
      return;
    }
    const std::string fix =
        "Limit the resource to the service-linked role ARNs it needs "
        "(arn:aws:iam::*:role/aws-service-role/SERVICE/*) or add a condition on iam:AWSServiceName";
    // As RL156: a grant the effective permissions of every role using it leave dead is a note.
    if (const std::string moot = security::mootFor(r.roles(), r, "iam:CreateServiceLinkedRole",
                                                   "arn:aws:iam::*:role/aws-service-role/*");
        !moot.empty()) {
      r.reportMoot(p, at,
                   policy::label(s) + " " + how + " " + on + ", " + moot +
                       "; it lets the role create service-linked roles for any service as soon as that changes",
                   fix);
      return;
    }
    r.report(p, at,
             policy::label(s) + " " + how + " " + on +
                 ": the role can create service-linked roles for any service",
             fix);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL157() { return engine::makeRule<CreateSlrWildcard>(); }

}  // namespace rolelint::rules
