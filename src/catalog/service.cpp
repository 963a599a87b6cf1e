// Service: one service's actions, resource types and condition keys, and action pattern matching.
#include "catalog/catalog.h"

#include <atomic>
#include <mutex>

#include "catalog/text_format.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <utility>

namespace rolelint::catalog {

using namespace internal;

std::string_view accessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::List: return "List";
    case AccessLevel::Read: return "Read";
    case AccessLevel::Write: return "Write";
    case AccessLevel::PermissionsManagement: return "Permissions management";
    case AccessLevel::Tagging: return "Tagging";
  }
  return "Unknown";
}

bool ConditionKey::matches(std::string_view key) const {
  return core::iequals(name, key) || (templated && templateMatch(name, key));
}

// ---- Service --------------------------------------------------------------------

Service::~Service() = default;

const Action* Service::findAction(std::string_view name) const {
  const auto it = std::lower_bound(actions_.begin(), actions_.end(), name,
                                   [](const Action& a, std::string_view n) { return core::icompare(a.name, n) < 0; });
  return it != actions_.end() && core::iequals(it->name, name) ? &*it : nullptr;
}

const ResourceType* Service::findResourceType(std::string_view name) const {
  const auto it = std::lower_bound(resourceTypes_.begin(), resourceTypes_.end(), name,
                                   [](const ResourceType& r, std::string_view n) { return core::icompare(r.name, n) < 0; });
  return it != resourceTypes_.end() && core::iequals(it->name, name) ? &*it : nullptr;
}

const ConditionKey* Service::findConditionKey(std::string_view key) const {
  const auto it = std::lower_bound(conditionKeys_.begin(), conditionKeys_.end(), key,
                                   [](const ConditionKey& c, std::string_view k) { return core::icompare(c.name, k) < 0; });
  if (it != conditionKeys_.end() && core::iequals(it->name, key)) return &*it;
  const ConditionKey* best = nullptr;
  std::size_t bestLiteral = 0;
  for (const std::uint32_t i : templatedKeys_) {
    const ConditionKey& c = conditionKeys_[i];
    if (templateMatch(c.name, key)) {
      const std::size_t literal = literalLength(c.name);
      if (best == nullptr || literal > bestLiteral) {
        best = &c;
        bestLiteral = literal;
      }
    }
  }
  return best;
}

const Service::MatchIndex& Service::matchIndex() const {
  std::call_once(matchIndexOnce_, [this] {
    MatchIndex& index = matchIndex_;
    std::size_t total = 0;
    for (const Action& a : actions_) total += a.name.size() + 1;
    index.lowerNames.reserve(total);
    for (const Action& a : actions_) {
      for (const char c : a.name) index.lowerNames.push_back(lowerAscii(c));
      index.lowerNames.push_back('\n');  // no match can span two names
    }
    index.lower.reserve(actions_.size());
    std::size_t at = 0;
    for (const Action& a : actions_) {
      index.lower.push_back(std::string_view(index.lowerNames).substr(at, a.name.size()));
      at += a.name.size() + 1;
    }
    index.bySuffix.resize(actions_.size());
    std::iota(index.bySuffix.begin(), index.bySuffix.end(), std::uint32_t{0});
    std::sort(index.bySuffix.begin(), index.bySuffix.end(), [&index](std::uint32_t a, std::uint32_t b) {
      return ciCompareReversed(index.lower[a], index.lower[b]) < 0;
    });
  });
  return matchIndex_;
}

void Service::appendMatches(std::string_view pattern, std::vector<ActionRef>& out) const {
  if (pattern.empty()) return;
  if (allStars(pattern)) {
    for (const Action& a : actions_) out.push_back(a.ref);
    return;
  }
  if (!hasWildcard(pattern)) {
    if (const Action* a = findAction(pattern)) out.push_back(a->ref);
    return;
  }
  const std::size_t first = core::findWildcard(pattern);
  const std::size_t last = pattern.find_last_of("*?");
  const std::string_view literalPrefix = pattern.substr(0, first);
  const std::string_view literalSuffix = pattern.substr(last + 1);

  if (!literalPrefix.empty()) {
    // Actions are sorted case-insensitively: the ones starting with the
    // literal prefix form one contiguous run ("Get*" matches all of it).
    const bool prefixOnly = allStars(pattern.substr(first));
    auto it = std::lower_bound(actions_.begin(), actions_.end(), literalPrefix,
                               [](const Action& a, std::string_view p) { return core::icompare(a.name, p) < 0; });
    for (; it != actions_.end() && core::istartsWith(it->name, literalPrefix); ++it) {
      if (prefixOnly || globMatch(pattern, it->name)) out.push_back(it->ref);
    }
    return;
  }
  const MatchIndex& index = matchIndex();
  // Star-only patterns compare lower-cased text with string_view::find.
  const bool starOnly = pattern.find('?') == std::string_view::npos;
  std::string lowerPattern;
  if (starOnly) {
    lowerPattern.reserve(pattern.size());
    for (const char c : pattern) lowerPattern.push_back(lowerAscii(c));
  }
  auto matches = [&](std::uint32_t i) {
    return starOnly ? starMatchLower(lowerPattern, index.lower[i]) : globMatch(pattern, actions_[i].name);
  };
  if (!literalSuffix.empty()) {
    // Names ending with the literal suffix are one run of the suffix order.
    auto it = std::lower_bound(index.bySuffix.begin(), index.bySuffix.end(), literalSuffix,
                               [&index](std::uint32_t a, std::string_view s) {
                                 return ciCompareReversed(index.lower[a], s) < 0;
                               });
    const std::size_t start = out.size();
    for (; it != index.bySuffix.end() && core::iendsWith(index.lower[*it], literalSuffix); ++it) {
      if (matches(*it)) out.push_back(actions_[*it].ref);
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
    return;
  }
  if (starOnly) {
    // "*Tag*", "*Access*Key*": search the longest segment in the blob of all
    // lower-cased names (one memchr-driven pass), then check each hit's name.
    std::string_view needle;
    for (std::string_view rest = lowerPattern; !rest.empty();) {
      const std::size_t star = rest.find('*');
      const std::string_view segment = rest.substr(0, star);
      if (segment.size() > needle.size()) needle = segment;
      rest = star == std::string_view::npos ? std::string_view() : rest.substr(star + 1);
    }
    const std::string_view blob = index.lowerNames;
    std::size_t pos = 0;
    while ((pos = blob.find(needle, pos)) != std::string_view::npos) {
      const char* hit = blob.data() + pos;
      // The name containing the hit: the last one starting at or before it.
      const auto it = std::upper_bound(index.lower.begin(), index.lower.end(), hit,
                                       [](const char* h, std::string_view name) { return h < name.data(); });
      const auto i = static_cast<std::uint32_t>(it - index.lower.begin()) - 1;
      if (matches(i)) out.push_back(actions_[i].ref);
      pos = static_cast<std::size_t>(index.lower[i].data() - blob.data()) + index.lower[i].size() + 1;
    }
    return;
  }
  for (std::uint32_t i = 0; i < actions_.size(); ++i) {
    if (matches(i)) out.push_back(actions_[i].ref);
  }
}

std::vector<const Action*> Service::matchActions(std::string_view namePattern) const {
  std::vector<ActionRef> refs;
  appendMatches(namePattern, refs);
  std::vector<const Action*> out;
  out.reserve(refs.size());
  for (const ActionRef r : refs) out.push_back(&actions_[r - firstAction_]);
  return out;
}


}  // namespace rolelint::catalog
