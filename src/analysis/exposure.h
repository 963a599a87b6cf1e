// Exposure on effective permissions (the RL6xx exposure rules, docs/security-analysis.md):
// which actions of a list, or of an access level, a role can perform on an
// *unscoped* resource — "*", NotResource, or a pattern that names every resource
// of the action's types in an account (`arn:aws:s3:::*/*`, `table/*`,
// `arn:aws:ssm:*:*:parameter/*`) — confirmed by the request evaluator. Actions
// that accept only Resource "*" are not counted: no narrower Resource exists.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analysis/action_set.h"
#include "analysis/escalation.h"
#include "catalog/catalog.h"

namespace rolelint::analysis {

// True if `pattern` (one Resource item) names every resource of one of the
// action's resource types: "*", or the type's fixed ARN prefix followed by
// wildcards only. False for actions that accept only "*" and for unknown actions.
bool unscopedFor(const catalog::Catalog& catalog, std::string_view action, std::string_view pattern);

struct UnscopedAccess {
  std::string action;   // canonical name
  std::string pattern;  // the granting statement's Resource item ("NotResource" for NotResource)
  EscalationWitness witness;
};

// Which actions the subject can perform on an unscoped resource: every action of
// `actions` (concrete names) when `levelMask` is 0, else every action of its
// effective permissions whose access levels intersect `levelMask`
// (catalog::accessBit), reads named Get/Describe/List left out. Each entry is
// confirmed by the evaluator; at most `limit` entries, `count` receives how many
// actions qualify at the action level (before confirmation; may be larger).
// The catalog actions of a list of names (the curated lists of exposure.json),
// looked up a service at a time and only in the services some subject may act in:
// a role of one service parses that service, not the twenty the list names.
// Callers that ask for many subjects build it once and pass it to the overload
// below; safe to share between threads.
class ActionList {
 public:
  ActionList(const catalog::Catalog& catalog, const std::vector<std::string>& names);
  // The list's catalog actions that `mayDo` holds.
  ActionSet within(const ActionSet& mayDo) const;

 private:
  struct Entry {
    std::string name;
    catalog::Catalog::ActionRange service;  // the actions of its service
    std::unique_ptr<std::once_flag> once;
    mutable catalog::ActionRef ref = catalog::kNoAction;  // set under `once`
  };
  const catalog::Catalog* catalog_;
  std::vector<Entry> entries_;  // names whose service is in the catalog
};
std::vector<UnscopedAccess> unscopedAccess(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                           const ActionList& candidates, size_t limit, size_t* count = nullptr,
                                           std::shared_ptr<const AccessCore> core = nullptr);
std::vector<UnscopedAccess> unscopedAccess(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                           const std::vector<std::string>& actions, std::uint8_t levelMask,
                                           size_t limit, size_t* count = nullptr,
                                           std::shared_ptr<const AccessCore> core = nullptr);

}  // namespace rolelint::analysis
