// Shared by the RL5xx rules: a role's identity grants, action by action, and
// an example request for a grant (used in messages).
#pragma once
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "model/model.h"

namespace rolelint::rules::effective {

// One Action item of an Allow statement of an identity policy, with the actions it stands for.
struct Grant {
  const model::PolicyDocument* policy = nullptr;
  const model::PolicyRef* managed = nullptr;  // the role's ManagedPolicyArns entry, for managed policies
  const model::Statement* statement = nullptr;
  const model::StringItem* item = nullptr;
  std::vector<std::string> actions;  // expansion (catalog, or the literal action)
};

// Every Allow/Action item of the role's inline and resolved managed policies whose
// actions can be determined (NotAction grants are not listed).
std::vector<Grant> grantsOf(const model::Role& role, const catalog::Catalog* catalog);

// A concrete resource for a request the statement's Resource element covers:
// its first Resource value with `*` replaced by "example" and `?` by "x", or "*".
std::string exampleResource(const model::Statement& s);

}  // namespace rolelint::rules::effective
