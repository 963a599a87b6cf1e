// How a statement covers one action on a broad resource, for the PassRole and
// CreateServiceLinkedRole families: by naming it, through a wildcard action,
// or through NotAction; on a wildcard resource or through NotResource.
#pragma once
#include <string>
#include <string_view>

#include "model/model.h"

namespace rolelint::analysis::policy {

enum class ActionCover { None, Explicit, Wildcard, NotAction };
struct ActionMatch {
  ActionCover cover = ActionCover::None;
  const json::Value* at = nullptr;  // the Action entry, or the NotAction value
};
// Whether `s` applies to `action` (case-insensitive, * and ? wildcards).
ActionMatch coversAction(const model::Statement& s, std::string_view action);

enum class ResourceCover { None, Wildcard, NotResource };
struct ResourceMatch {
  ResourceCover cover = ResourceCover::None;
  const json::Value* at = nullptr;  // the Resource entry, or the NotResource value
};
// Whether `s` applies to every resource of the kind `probe` stands for (an ARN
// resource part such as "role/x/y"): a Resource entry "*" or one matching the
// probe, or a NotResource that does not exclude "*".
ResourceMatch coversAllResources(const model::Statement& s, std::string_view probe);

// Whether a condition of `s` tests `key` (case-insensitive).
bool hasConditionKey(const model::Statement& s, std::string_view key);

}  // namespace rolelint::analysis::policy
