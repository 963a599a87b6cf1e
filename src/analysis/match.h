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
#include <map>
#include <string_view>
#include <vector>

#include "analysis/action_set.h"
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

// True when the statement's Condition can make it not apply. An empty block,
// or operators with no keys, restrict nothing (every condition holds
// vacuously); a malformed block counts as restricting.
bool restrictsByCondition(const model::Statement& s);

// True if the statement allows every action on every resource without conditions.
bool allowsEverything(const model::Statement& s);

// The same questions asked of many actions at once, over catalog bitsets: each
// statement's action set is built once (from per-pattern sets cached for the
// process) and each question is a few word operations instead of matching
// thousands of action names one by one.

// The catalog actions the statement's Action stands for; with NotAction, every
// other catalog action. Empty when it has neither. Catalog actions only (no
// unknown literals): ask about those by name.
ActionSet statementActionSet(const catalog::Catalog& catalog, const model::Statement& s);

// A set of actions to ask about: catalog actions, plus at most one literal
// action the catalog does not know ("" when none), which is matched by name.
struct ActionQuery {
  const ActionSet* known = nullptr;  // may be null: no catalog actions
  std::string_view unknown;
};

// The Allow statements of a policy (those with Resource or NotResource) with their action sets.
class AllowIndex {
 public:
  AllowIndex(const catalog::Catalog& catalog, const model::PolicyDocument& policy);
  // mayAllow for some action of `q`: is any of them allowed by some statement,
  // on some resource (with `grant`: one that the grant's Resource names)?
  // With `pattern`, the grant's Action pattern: only the statements that name
  // its service (or a wildcard service) are examined, so checking every grant
  // of a role costs grants x matching distinct statements, not grants x statements.
  bool mayAllowAny(const ActionQuery& q, const model::Statement* grant = nullptr,
                   std::string_view pattern = {}) const;
  // How many statements mayAllowAny examines for `pattern` (statements with the
  // same actions and resources count once).
  size_t candidates(std::string_view pattern) const;

 private:
  struct Entry {
    const model::Statement* statement;
    ActionSet actions;
  };
  std::vector<Entry> entries_;  // one per distinct (actions, resources) of the Allow statements
  std::map<std::string, std::vector<size_t>, std::less<>> byService_;  // lower-cased service -> entries
  std::vector<size_t> anyService_;  // entries with NotAction or a wildcard in a service
  bool check(const Entry& e, const ActionQuery& q, const model::Statement* grant) const;
};

// The statements of some policies that deny on every resource without a
// condition (what alwaysDenies looks for), with their action sets.
class DenyIndex {
 public:
  DenyIndex(const catalog::Catalog& catalog, const std::vector<const model::PolicyDocument*>& policies);
  // True if every action of `q` is always denied (and `q` is not empty).
  bool deniesAll(const ActionQuery& q) const;
  // The first statement (in policy order) that always denies `action`, and its policy.
  std::pair<const model::Statement*, const model::PolicyDocument*> denying(catalog::ActionRef action) const;
  std::pair<const model::Statement*, const model::PolicyDocument*> denying(std::string_view action) const;
  // Every catalog action some entry denies.
  const ActionSet& denied() const { return all_; }

 private:
  struct Entry {
    const model::Statement* statement;
    const model::PolicyDocument* policy;
    ActionSet actions;
  };
  std::vector<Entry> entries_;
  ActionSet all_;  // union of the entries' sets
};

}  // namespace rolelint::analysis
