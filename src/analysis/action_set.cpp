#include "analysis/action_set.h"

#include "core/wildcard.h"

#include <algorithm>
#include <bit>
#include <cctype>

namespace rolelint::analysis {
namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void insertSorted(std::vector<std::string>& v, std::string s) {
  const auto it = std::lower_bound(v.begin(), v.end(), s);
  if (it == v.end() || *it != s) v.insert(it, std::move(s));
}

}  // namespace

bool actionGlobMatch(std::string_view pattern, std::string_view text) { return core::wildcardMatch(pattern, text, true); }

ActionSet::ActionSet(const catalog::Catalog& catalog)
    : catalog_(&catalog), bits_((static_cast<std::size_t>(catalog.actionCount()) + 63) / 64, 0) {}

ActionSet ActionSet::all(const catalog::Catalog& catalog) {
  ActionSet s(catalog);
  for (catalog::ActionRef r = 0; r < catalog.actionCount(); ++r) s.add(r);
  s.patterns_.push_back("*");
  return s;
}

ActionSet ActionSet::fromPattern(const catalog::Catalog& catalog, std::string_view pattern) {
  if (pattern == "*") return all(catalog);
  ActionSet s(catalog);
  const bool wild = pattern.find_first_of("*?") != std::string_view::npos;
  if (!wild) {
    if (const catalog::Action* a = catalog.findAction(pattern)) {
      s.add(a->ref);
    } else if (pattern.find(':') != std::string_view::npos) {
      s.unknown_.push_back(lowered(pattern));
    }
    return s;
  }
  for (const catalog::ActionRef r : catalog.expandActionPattern(pattern)) s.add(r);
  s.patterns_.push_back(lowered(pattern));
  return s;
}

ActionSet ActionSet::fromPatterns(const catalog::Catalog& catalog, const std::vector<std::string>& patterns) {
  ActionSet s(catalog);
  for (const std::string& p : patterns) s.unite(fromPattern(catalog, p));
  return s;
}

void ActionSet::add(catalog::ActionRef ref) {
  if (ref / 64 < bits_.size()) bits_[ref / 64] |= std::uint64_t{1} << (ref % 64);
}

bool ActionSet::contains(catalog::ActionRef ref) const {
  return ref / 64 < bits_.size() && (bits_[ref / 64] >> (ref % 64) & 1u) != 0;
}

bool ActionSet::coveredByPatterns(std::string_view lowerAction) const {
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const std::string& p) { return actionGlobMatch(p, lowerAction); });
}

bool ActionSet::containsName(std::string_view action) const {
  if (const catalog::Action* a = catalog_->findAction(action)) return contains(a->ref);
  const std::string l = lowered(action);
  return std::binary_search(unknown_.begin(), unknown_.end(), l) || coveredByPatterns(l);
}

ActionSet& ActionSet::unite(const ActionSet& other) {
  for (std::size_t i = 0; i < bits_.size() && i < other.bits_.size(); ++i) bits_[i] |= other.bits_[i];
  for (const std::string& u : other.unknown_) insertSorted(unknown_, u);
  for (const std::string& p : other.patterns_) insertSorted(patterns_, p);
  return *this;
}

ActionSet& ActionSet::intersect(const ActionSet& other) {
  for (std::size_t i = 0; i < bits_.size(); ++i) bits_[i] &= i < other.bits_.size() ? other.bits_[i] : 0;
  std::vector<std::string> keep;
  for (const std::string& u : unknown_) {
    if (other.containsName(u)) keep.push_back(u);
  }
  for (const std::string& u : other.unknown_) {
    if (coveredByPatterns(u)) insertSorted(keep, u);
  }
  unknown_ = std::move(keep);
  patterns_.clear();  // the intersection of two patterns is not a pattern of either
  return *this;
}

ActionSet& ActionSet::subtract(const ActionSet& other) {
  for (std::size_t i = 0; i < bits_.size() && i < other.bits_.size(); ++i) bits_[i] &= ~other.bits_[i];
  std::erase_if(unknown_, [&](const std::string& u) { return other.containsName(u); });
  return *this;
}

bool ActionSet::isSubsetOf(const ActionSet& other) const {
  for (std::size_t i = 0; i < bits_.size(); ++i) {
    const std::uint64_t theirs = i < other.bits_.size() ? other.bits_[i] : 0;
    if ((bits_[i] & ~theirs) != 0) return false;
  }
  return std::all_of(unknown_.begin(), unknown_.end(), [&](const std::string& u) { return other.containsName(u); });
}

std::size_t ActionSet::knownCount() const {
  std::size_t n = 0;
  for (const std::uint64_t w : bits_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

std::vector<catalog::ActionRef> ActionSet::refs() const {
  std::vector<catalog::ActionRef> out;
  for (std::size_t i = 0; i < bits_.size(); ++i) {
    std::uint64_t w = bits_[i];
    while (w != 0) {
      const int b = std::countr_zero(w);
      out.push_back(static_cast<catalog::ActionRef>(i * 64 + static_cast<std::size_t>(b)));
      w &= w - 1;
    }
  }
  return out;
}

catalog::AccessLevel accessLevelOf(const catalog::Catalog& catalog, catalog::ActionRef ref) {
  return catalog.accessLevel(ref);
}

}  // namespace rolelint::analysis
