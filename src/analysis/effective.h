// What a role can really do, per service and access level (design.md §8, the
// core of `rolelint effective`): the catalog actions that some request could be
// allowed for, i.e. granted by an identity policy AND allowed by the boundary
// (when there is one) AND not denied by an unconditional Deny on every
// resource. Action-level and over-approximating in the same way as
// analysis/match.h (conditions and narrow resources count as "may allow"), so
// an action missing from the result is denied for every request.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/evaluate.h"
#include "catalog/catalog.h"

namespace rolelint::analysis {

struct ServiceAccess {
  std::string service;  // prefix, e.g. "s3"
  size_t granted = 0;   // actions the identity policies may allow
  size_t effective = 0; // of those, what the boundary may allow and no Deny always denies
  // Effective actions by primary access level, indexed by catalog::AccessLevel
  // (List, Read, Write, PermissionsManagement, Tagging).
  std::array<size_t, 5> byLevel{};
  std::vector<std::string> examples;  // up to 3 effective actions, canonical names
  std::vector<std::string> blocked;   // up to 3 granted but not effective actions
  // Effective actions that are effective only under conditions: every identity
  // Allow statement covering the action has a Condition, or every boundary Allow
  // statement covering it has one (both sides must allow, so either side being
  // conditional makes the action conditional).
  size_t conditionalOnly = 0;
  // Up to 3 of them with their conditions (ActionAccess::when):
  // "s3:GetObject when aws:SourceAccount = 111122223333".
  std::vector<std::string> conditional;
};

// The set-level answer for one action (what effectiveAccess counts).
struct ActionAccess {
  bool granted = false;          // some identity Allow statement (with Resource/NotResource) covers it
  bool effective = false;        // granted, the boundary may allow it, and no policy always denies it
  bool conditionalOnly = false;  // effective, and only under conditions (see ServiceAccess)
  std::vector<std::string> conditionKeys;  // when conditionalOnly: the keys, sorted, unique
  // When conditionalOnly: the conditions under which it is effective, as a
  // sentence fragment, e.g. "aws:SourceAccount = 111122223333" or
  // "aws:SourceVpc = vpc-1 and aws:SourceArn matches arn:aws:sns:*". The
  // statements of one side are alternatives ("… or …"); when both the identity
  // policies and the boundary are conditional, both must hold ("(…) and (…)").
  std::string when;
};

// One condition as text: "aws:SourceAccount = 111122223333",
// "aws:SourceArn matches arn:aws:sns:*", "aws:SourceIp IpAddress 10.0.0.0/8".
std::string describeCondition(const model::Condition& c);

// `action` is a concrete action name ("s3:GetObject"), matched case-insensitively.
ActionAccess actionAccess(const Policies& policies, std::string_view action);

// One entry per service with at least one granted action, by prefix. The
// session policy and each SCP level intersect like the boundary; SCP, RCP and
// session Deny statements remove actions like identity ones (RCPs only for the
// services they apply to). sts:GetCallerIdentity, once granted, is effective
// whatever denies it (it needs no permission: alwaysAllowedReason()).
std::vector<ServiceAccess> effectiveAccess(const Policies& policies, const catalog::Catalog& catalog);

// Why sts:GetCallerIdentity is always allowed, with the AWS page saying so.
std::string_view alwaysAllowedReason();

// A request whose action is a pattern (`s3:Get*`, `*`), decided action by action
// over the catalog actions it matches: analysis::evaluate on each, sorted into
// what is allowed, what a Deny refuses, and what the identity policies allow but
// the permissions boundary does not (`boundaryBlocked`). Canonical names, in
// catalog order. `matched` is false when the pattern matches no catalog action.
struct Expansion {
  bool matched = false;
  std::vector<std::string> allowed, explicitlyDenied, boundaryBlocked;
  std::vector<std::string> notModelled;  // the union over the actions, each sentence once
};
Expansion expandRequest(const Policies& policies, const Request& request, const catalog::Catalog& catalog);

}  // namespace rolelint::analysis
