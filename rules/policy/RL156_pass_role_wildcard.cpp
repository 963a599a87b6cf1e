// RL156 pass-role-wildcard: an Allow that covers iam:PassRole (named, through a
// wildcard action or through NotAction) on every role (Resource "*", a role/*
// pattern, or NotResource) lets the role hand any role, admin roles included,
// to a service: a privilege escalation path.
// Source: IAM User Guide, Granting a user permissions to pass a role to an AWS service
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html) and IAM Access Analyzer policy
// check reference, "Pass role with …" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_grants.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

using policy::ActionCover;
using policy::ResourceCover;

class PassRoleWildcard final : public engine::Rule {
 public:
  PassRoleWildcard()
      : engine::Rule({.id = "RL156",
                      .name = "pass-role-wildcard",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow statement lets the role pass any role (iam:PassRole on \"*\", role/* or "
                                 "through NotAction/NotResource).",
                      .equivalents = {"access-analyzer:PASS_ROLE_WITH_STAR_IN_RESOURCE",
                                      "access-analyzer:PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
                                      "access-analyzer:PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                                      "access-analyzer:PASS_ROLE_WITH_NOT_RESOURCE",
                                      "access-analyzer:PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                                      "access-analyzer:PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
                                      "trivy:filter_iam_pass_role"},
                      .securitySeverity = 7.5}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    // A permissions boundary is validated as the identity policy it is (Access Analyzer does): it
    // grants nothing, but it lets through whatever the role's policies grant within it.
    if (policy::isTrust(p) || s.effect != model::Effect::Allow) return;
    const bool boundary = p.kind == model::PolicyKind::Boundary;
    if (policy::hasConditionKey(s, "iam:PassedToService")) return;
    const policy::ActionMatch a = policy::coversAction(s, "iam:PassRole");
    if (a.cover == ActionCover::None) return;
    const policy::ResourceMatch res = policy::coversAllResources(s, "role/rolelint-probe/rolelint-probe");
    if (res.cover == ResourceCover::None) return;
    std::string how;
    switch (a.cover) {
      case ActionCover::Explicit: how = "allows iam:PassRole"; break;
      case ActionCover::Wildcard: how = "allows iam:PassRole through the wildcard action \"" + a.at->text + "\""; break;
      default: how = "allows iam:PassRole through NotAction (every action it does not list)"; break;
    }
    const std::string on = res.cover == ResourceCover::Wildcard
                               ? "on \"" + res.at->text + "\""
                               : std::string("on every role that NotResource does not exclude");
    // At the Resource "*" (or the NotResource) when there is one: that is where the role
    // must be named, as Access Analyzer's PASS_ROLE_WITH_STAR_IN_RESOURCE points at the resource.
    const json::Value& at = res.at != nullptr ? *res.at : *a.at;
    if (boundary) {
      r.report(p, at,
               "the boundary's " + policy::label(s) + " " + how + " " + on +
                   ": a boundary only caps, so it lets the role's policies pass any role (privilege escalation)",
               "Name the role ARNs or add a condition on iam:PassedToService");
      return;
    }
    const std::string fix = "Name the role ARNs it may pass and add a condition on iam:PassedToService";
    // Access Analyzer's finding is about the document; when the effective permissions of every
    // role using it leave the grant dead, it stays, as a note that says why (issue 18's decision).
    if (const std::string moot = security::mootFor(r.roles(), r, "iam:PassRole", "arn:aws:iam::*:role/*");
        !moot.empty()) {
      r.reportMoot(p, at,
                   policy::label(s) + " " + how + " " + on + ", " + moot +
                       "; it lets the role pass any role as soon as that changes",
                   fix);
      return;
    }
    r.report(p, at,
             policy::label(s) + " " + how + " " + on +
                 ": the role can pass any role, including administrator roles, to a service it controls (privilege "
                 "escalation)",
             fix);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL156() { return engine::makeRule<PassRoleWildcard>(); }

}  // namespace rolelint::rules
