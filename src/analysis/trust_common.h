// Helpers shared by the trust-policy rules (RL4xx): principal classification,
// condition-awareness (does a condition really restrict who can assume the
// role?), glob matching of actions and ARN patterns, accounts.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "model/model.h"

namespace rolelint::analysis::trust {

using core::iequals;
using core::lower;

// The trust policy statements the rules look at: Allow statements of a trust policy.
bool isTrust(const model::PolicyDocument& p);
bool isAllow(const model::Statement& s);

// A condition whose operator is positive (StringEquals, StringLike, ArnLike…,
// optionally ForAnyValue:), without IfExists, and whose values include no bare
// wildcard: when the key is absent from the request the condition is false.
bool isPositiveConcrete(const model::Condition& c);
// A positive, concrete condition on one of `keys` (compared case-insensitively).
const model::Condition* findRestricting(const model::Statement& s, std::initializer_list<std::string_view> keys);
// Keys that restrict who the principal of a statement really is.
bool hasPrincipalRestriction(const model::Statement& s);
// Keys AWS recommends against confused deputies (aws:SourceArn, aws:SourceAccount, and
// the org variants aws:SourceOrgID / aws:SourceOrgPaths).
bool hasSourceRestriction(const model::Statement& s);

// Every condition (any operator) on `key`, case-insensitively.
std::vector<const model::Condition*> conditionsOn(const model::Statement& s, std::string_view key);

// Principal entries of one type ("AWS", "Service", "Federated"), type compared exactly.
std::vector<const model::StringItem*> principalValues(const model::Statement& s, std::string_view type);

// Federated principal kinds.
enum class FederatedKind { Saml, Oidc };
struct Federated {
  FederatedKind kind = FederatedKind::Oidc;
  std::string host;  // OIDC: provider host (the condition-key prefix); SAML: ""
};
std::optional<Federated> classifyFederated(std::string_view value);

// The audience keys ("<provider host>:aud", lower case) of the OIDC providers
// the statement's Federated principal trusts.
std::set<std::string> oidcAudienceKeys(const model::Statement& s);

// The 12-digit account of an AWS principal value ("123456789012", an IAM or STS ARN), if any.
std::optional<std::string> principalAccount(std::string_view value);
// The account segment of an ARN (may be empty or contain wildcards).
std::optional<std::string> arnAccount(std::string_view arn);

// Glob match with * and ? (case-insensitive when `icase`).
inline bool globMatch(std::string_view pattern, std::string_view text, bool icase) {
  return core::wildcardMatch(pattern, text, icase);
}
// Whether two globs (* and ?) can match a common string.
bool globsIntersect(std::string_view a, std::string_view b);
// The same for ARNs: the six colon-separated parts are matched separately (as ArnLike does).
bool arnGlobsIntersect(std::string_view a, std::string_view b);
// A profile ARN pattern as a glob: upper-case placeholder words become *.
std::string placeholderGlob(std::string_view pattern);

// Whether an Action / NotAction list of a statement covers `action` (case-insensitive globs).
bool actionListCovers(const model::StringList& list, std::string_view action);
// Whether an Allow statement grants `action` through Action, or through NotAction not excluding it.
bool statementAllows(const model::Statement& s, std::string_view action);

// The role's own account, from an "Arn" member of the role definition (get-role output), if any.
std::optional<std::string> ownAccount(const model::Role& role);
std::optional<std::string> ownAccount(const model::PolicyDocument& trust);

bool isAccountId(std::string_view s);

// Levenshtein distance, case-sensitive.
inline size_t editDistance(std::string_view a, std::string_view b) {
  return core::editDistance(a, b, {.ignoreCase = false});
}

}  // namespace rolelint::analysis::trust
