// Shared by the RL5xx rules: a role's identity grants, action by action, and
// an example request for a grant (used in messages).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analysis/action_set.h"
#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "catalog/catalog.h"
#include "model/model.h"

namespace rolelint::analysis::effective {

// One Action item of an Allow statement of an identity policy, with the actions it stands for.
struct Grant {
  const model::PolicyDocument* policy = nullptr;
  const model::Statement* statement = nullptr;
  const model::StringItem* item = nullptr;
  // The catalog actions of the item (cached per pattern for the process; null
  // without a catalog or when there are none), or the literal action itself
  // when the catalog does not know it.
  const analysis::ActionSet* known = nullptr;
  std::string_view unknown;

  analysis::ActionQuery query() const { return {known, unknown}; }
  size_t actionCount() const { return (known ? known->knownCount() : 0) + (unknown.empty() ? 0 : 1); }
  std::string firstAction(const catalog::Catalog* catalog) const;  // canonical name
};

// Every Allow/Action item of one policy whose actions can be determined
// (NotAction grants are not listed). Computed once per document and catalog.
const std::vector<Grant>& grantsOf(const model::PolicyDocument& doc, const catalog::Catalog* catalog);

// statementActionSet of each statement of `doc`, by statement index. Computed
// once per document and catalog: a dump attaches the same managed policy to
// thousands of roles, and every security rule asks for the role's access. Shared:
// the engine drops a role's own documents' sets when its walk is over (release()).
std::shared_ptr<const std::vector<analysis::ActionSet>> statementActionSets(const model::PolicyDocument& doc,
                                                                            const catalog::Catalog& catalog);

// A statement's Action (or, without one, NotAction) items keyed by the literal
// service prefix of each ("s3" for "s3:Get*"; "" when the text before the ':'
// holds a wildcard or an unknown part, or there is no ':'), sorted by key. An
// action can only match the items of its own service and the "" ones, so the
// evaluator looks at those alone. Built only for statements with many items (AWS
// managed policies list hundreds of actions); `items` is empty for the others.
struct ActionItemIndex {
  std::vector<std::pair<std::string, const model::StringItem*>> items;
};
// One per statement of `doc`, by statement position; computed once per document.
const std::vector<ActionItemIndex>& actionItemIndexes(const model::PolicyDocument& doc);

// A role's identity policies with their grants: inline, then resolved managed ones.
struct PolicyGrants {
  const model::PolicyDocument* policy = nullptr;
  const model::PolicyRef* managed = nullptr;  // the role's ManagedPolicyArns entry, for managed policies
  const std::vector<Grant>* grants = nullptr;
};
std::vector<PolicyGrants> grantsOf(const model::Role& role, const catalog::Catalog* catalog);

// The role's identity policies: inline, then resolved managed ones, in order.
std::vector<const model::PolicyDocument*> identityPolicies(const model::Role& role);

// For each grant of `doc` (in grantsOf order): whether `boundary` allows none of
// its actions on the resources it names (a dead grant). Computed once per
// (document, boundary, catalog): thousands of roles of a dump pair the same
// managed policy with the same boundary.
const std::vector<char>& deadGrants(const model::PolicyDocument& doc, const model::PolicyDocument& boundary,
                                    const catalog::Catalog* catalog);

// Does `boundary` allow some action of the grant, on some resource the grant names?
// `index` is the boundary's AllowIndex (with a catalog); without one, by name.
bool boundaryMayAllow(const model::PolicyDocument& boundary, const analysis::AllowIndex* index, const Grant& g);

// A concrete request for the grant that the evaluator confirms the identity
// policies allow and the boundary does not: "s3:GetObject on
// arn:aws:s3:::media-in/example is implicitly denied"; "" when it cannot confirm
// one (a condition on the grant, an explicit Deny…).
std::string deniedExample(const analysis::Policies& all, const Grant& g, const catalog::Catalog* catalog);

// A concrete resource for a request the statement's Resource element covers:
// its first Resource value with `*` replaced by "example" and `?` by "x", or "*".
std::string exampleResource(const model::Statement& s);

}  // namespace rolelint::analysis::effective
