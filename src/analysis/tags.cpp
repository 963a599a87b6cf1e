#include "analysis/tags.h"

#include <map>

#include "analysis/catalog_lookup.h"

namespace rolelint::analysis::lookup {
namespace {

bool isTagKey(std::string_view key) {
  const std::string l = lower(key);
  auto starts = [&](std::string_view p) { return l.size() > p.size() && l.compare(0, p.size(), p) == 0; };
  return starts("aws:resourcetag/") || starts("aws:requesttag/") || l == "aws:tagkeys";
}

bool positive(const Operator& op) {
  // ForAllValues and ...IfExists are true when the key is absent: not this gap.
  if (op.family == OpFamily::Unknown || op.family == OpFamily::Null || op.ifExists || op.forAll) return false;
  return op.base.find("Not") == std::string_view::npos;
}

}  // namespace

std::vector<TagKeyGap> tagKeyGaps(const catalog::Catalog& c, const model::Statement& s) {
  std::vector<TagKeyGap> out;
  std::vector<const model::Condition*> tagConds;
  for (const model::Condition& cond : s.conditions) {
    if (cond.keyMember != nullptr && isTagKey(cond.key) && positive(parseOperator(cond.op))) tagConds.push_back(&cond);
  }
  if (tagConds.empty()) return out;
  if (s.notAction.present() && !s.action.present()) {
    for (const model::Condition* cond : tagConds) out.push_back({cond, {}, true});
    return out;
  }
  // Actions of the statement grouped by literal service prefix.
  std::map<std::string, std::vector<const catalog::Action*>> byService;
  for (const auto& item : s.action.items) {
    const SplitAction a = splitAction(item.value);
    if (!a.ok || hasWildcard(a.prefix) || hasVariable(item.value)) continue;
    const catalog::Service* svc = c.findService(a.prefix);
    if (svc == nullptr) continue;
    auto& list = byService[std::string(svc->prefix())];
    if (!hasWildcard(a.name)) {
      if (const catalog::Action* act = svc->findAction(a.name)) list.push_back(act);
    } else {
      for (const catalog::Action* act : svc->matchActions(a.name)) list.push_back(act);
    }
  }
  for (const model::Condition* cond : tagConds) {
    TagKeyGap gap{cond, {}, false};
    for (const auto& [prefix, actions] : byService) {
      if (actions.empty()) continue;
      bool supported = false;
      for (const catalog::Action* a : actions) {
        if (actionSupportsKey(*a, cond->key)) {
          supported = true;
          break;
        }
      }
      if (!supported) gap.services.push_back(prefix);
    }
    if (!gap.services.empty()) out.push_back(std::move(gap));
  }
  return out;
}

}  // namespace rolelint::analysis::lookup
