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
// The candidate set of a list of action names: callers that ask for many subjects
// compute it once and pass it to the overload below.
ActionSet unscopedCandidates(const catalog::Catalog& catalog, const std::vector<std::string>& actions);
std::vector<UnscopedAccess> unscopedAccess(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                           const ActionSet& candidates, size_t limit, size_t* count = nullptr,
                                           std::shared_ptr<const AccessCore> core = nullptr);
std::vector<UnscopedAccess> unscopedAccess(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                           const std::vector<std::string>& actions, std::uint8_t levelMask,
                                           size_t limit, size_t* count = nullptr,
                                           std::shared_ptr<const AccessCore> core = nullptr);

}  // namespace rolelint::analysis
