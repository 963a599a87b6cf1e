// Role-name clashes across the roles of one run, for RL302 (one file, or files
// that deploy to one account) and RL323 (files that may deploy to different
// accounts). Source: IAM API Reference, CreateRole ("Role names are not
// distinguished by case"; names are unique within an account),
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html.
#pragma once
#include <string>
#include <vector>

#include "model/model.h"

namespace rolelint::analysis::role {

struct NameClash {
  const model::Role* role = nullptr;   // the later role (by file, then position)
  const model::Role* first = nullptr;  // the earlier role with the same name ignoring case
  bool sameFile = false;               // both in one input file (a template, plan, dump or bundle)
};

// Each role whose name equals an earlier role's ignoring ASCII case, paired with the first such
// role of its own file when there is one, else with the first of the run.
std::vector<NameClash> roleNameClashes(const std::vector<const model::Role*>& roles);

// The message start: `role name "b" is also used by …` / `role name "b" differs from "a" … only in case`.
std::string clashText(const NameClash& c);

}  // namespace rolelint::analysis::role
