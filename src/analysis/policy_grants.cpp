#include "analysis/policy_grants.h"

#include "analysis/policy_util.h"
#include "core/unknown.h"

namespace rolelint::analysis::policy {

ActionMatch coversAction(const model::Statement& s, std::string_view action) {
  if (s.notAction.present()) {
    for (const model::StringItem& a : s.notAction.items) {
      // An entry with unknown parts may exclude the action: an unknown never creates a finding.
      if (core::hasUnknown(a.value) || wildcardMatch(a.value, action, true)) return {};
    }
    return {ActionCover::NotAction, s.notAction.node};
  }
  ActionMatch best;
  for (const model::StringItem& a : s.action.items) {
    if (core::hasUnknown(a.value)) continue;  // present, value unknown (core/unknown.h): no finding on it
    if (!wildcardMatch(a.value, action, true)) continue;
    if (core::findWildcard(a.value) == std::string::npos) return {ActionCover::Explicit, a.node};
    if (best.cover == ActionCover::None) best = {ActionCover::Wildcard, a.node};
  }
  return best;
}

ResourceMatch coversAllResources(const model::Statement& s, std::string_view probe) {
  if (s.notResource.present()) {
    for (const model::StringItem& r : s.notResource.items) {
      if (r.value == "*") return {};
    }
    return {ResourceCover::NotResource, s.notResource.node};
  }
  for (const model::StringItem& r : s.resource.items) {
    if (r.value == "*") return {ResourceCover::Wildcard, r.node};
    const auto f = splitArn(r.value);
    if (!f) continue;
    if ((*f)[2] != "iam" && (*f)[2] != "*") continue;
    if (wildcardMatch((*f)[5], probe, false) && core::findWildcard((*f)[5]) != std::string::npos) {
      return {ResourceCover::Wildcard, r.node};
    }
  }
  return {};
}

bool hasConditionKey(const model::Statement& s, std::string_view key) {
  for (const model::Condition& c : s.conditions) {
    if (iequals(c.key, key)) return true;
  }
  return false;
}

}  // namespace rolelint::analysis::policy
