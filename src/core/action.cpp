#include "core/action.h"

#include "core/unknown.h"
#include "core/wildcard.h"

namespace rolelint::core {

ActionParts splitAction(std::string_view action) {
  ActionParts out;
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= action.size()) return out;
  if (action.find(':', colon + 1) != std::string_view::npos) return out;
  out.prefix = action.substr(0, colon);
  out.name = action.substr(colon + 1);
  out.ok = true;
  return out;
}

Action::Action(std::string_view text) {
  const ActionParts p = splitAction(text);
  ok_ = p.ok;
  colon_ = static_cast<uint32_t>(p.ok ? p.prefix.size() : 0);
  glob_ = core::findWildcard(text) != std::string_view::npos;
  unknown_ = hasUnknown(text);
}

}  // namespace rolelint::core
