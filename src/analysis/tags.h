// Tag condition keys (aws:ResourceTag/…, aws:RequestTag/…, aws:TagKeys) that
// some services of a statement do not support, for RL213 (Allow) and RL214
// (Deny). Source: IAM User Guide, "AWS services that work with IAM" (ABAC
// support varies by service) and the Service Authorization Reference
// (condition keys per action and resource type).
#pragma once
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "model/model.h"

namespace rolelint::analysis::lookup {

struct TagKeyGap {
  const model::Condition* condition = nullptr;
  std::vector<std::string> services;  // prefixes whose listed actions never support the key
  bool notAction = false;             // the statement uses NotAction (every service not listed)
};

// Positive (non-negated, non-IfExists) conditions on a global tag key whose
// support is incomplete for the statement's actions.
std::vector<TagKeyGap> tagKeyGaps(const catalog::Catalog& c, const model::Statement& s);

}  // namespace rolelint::analysis::lookup
