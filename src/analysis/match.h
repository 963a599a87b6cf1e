// Set-level questions over a role's policies, at the level of actions (the
// RL5xx rules): which actions an Action/NotAction pattern stands for, whether a
// permissions boundary may allow an action at all, and whether an action is
// denied outright. Resources and conditions are deliberately over-approximated
// in the permissive direction (a boundary statement with a narrow Resource or a
// Condition counts as "may allow"; only unconditional Deny on every resource
// counts as "always denies"), so that what these functions call dead really is
// dead for every request.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "model/model.h"

namespace rolelint::analysis {

// True if some string matches both globs (`*` and `?`); case-insensitive by
// default, as action names are.
bool patternsIntersect(std::string_view a, std::string_view b, bool ignoreCase = true);

// True if some resource ARN may match both Resource patterns: "*" matches
// everything; otherwise the six colon-separated segments must intersect one by
// one, case-sensitively. A pattern with a policy variable counts as intersecting
// (its value is unknown before the request).
bool arnPatternsIntersect(std::string_view a, std::string_view b);

// The concrete actions an IAM action pattern stands for: the catalog's expansion,
// or the pattern itself when it has no wildcard (an action the catalog does not
// know). nullopt when the pattern has wildcards and the catalog is missing or
// knows no action it matches (then nothing can be concluded).
std::optional<std::vector<std::string>> expandActions(std::string_view pattern, const catalog::Catalog* catalog);

// Does the statement's Action/NotAction cover `action`?
bool statementCoversAction(const model::Statement& s, std::string_view action);

// May any Allow statement of `policy` allow `action` for some context, on some
// resource (or, with `grant`, on some resource that the grant's Resource names)?
bool mayAllow(const model::PolicyDocument& policy, std::string_view action, const model::Statement* grant = nullptr);

// An unconditional Deny statement of `policy` that denies `action` on every
// resource (Resource "*" or no NotResource exclusion…), or nullptr.
const model::Statement* alwaysDenies(const model::PolicyDocument& policy, std::string_view action);

// True if the statement allows every action on every resource without conditions.
bool allowsEverything(const model::Statement& s);

}  // namespace rolelint::analysis
