#include "analysis/action_set.h"
#include "core/text.h"

#include "core/wildcard.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace rolelint::analysis {
namespace {

std::string lowered(std::string_view s) { return core::lower(s); }

// Plain loops over distinct word arrays, which the compiler vectorises.
void orWords(std::uint64_t* __restrict to, const std::uint64_t* __restrict from, std::size_t n) {
  for (std::size_t w = 0; w < n; ++w) to[w] |= from[w];
}

// Whether word(i) is non-zero for some i < n: blocks of eight words ORed together (a
// loop the compiler vectorises), then the rest.
template <class Word>
bool anyWord(std::size_t n, Word word) {
  std::size_t w = 0;
  for (; w + 8 <= n; w += 8) {
    std::uint64_t any = 0;
    for (std::size_t i = 0; i < 8; ++i) any |= word(w + i);
    if (any != 0) return true;
  }
  for (; w < n; ++w)
    if (word(w) != 0) return true;
  return false;
}

void insertSorted(std::vector<std::string>& v, std::string s) {
  const auto it = std::lower_bound(v.begin(), v.end(), s);
  if (it == v.end() || *it != s) v.insert(it, std::move(s));
}

}  // namespace

bool actionGlobMatch(std::string_view pattern, std::string_view text) { return core::wildcardMatch(pattern, text, true); }

ActionSet::ActionSet(const catalog::Catalog& catalog) : catalog_(&catalog) {}

std::size_t ActionSet::words() const { return (static_cast<std::size_t>(catalog_->actionCount()) + 63) / 64; }

void ActionSet::cover(std::size_t lo, std::size_t hi) {
  if (lo >= hi) return;
  if (lo_ == hi_) {
    bits_.assign(hi - lo, 0);
    lo_ = lo;
    hi_ = hi;
    return;
  }
  if (lo < lo_) {
    bits_.insert(bits_.begin(), lo_ - lo, 0);
    lo_ = lo;
  }
  if (hi > hi_) {
    bits_.resize(hi - lo_, 0);
    hi_ = hi;
  }
}

void ActionSet::trim() {
  std::size_t a = 0, b = bits_.size();
  while (a < b && bits_[a] == 0) ++a;
  while (b > a && bits_[b - 1] == 0) --b;
  if (a == b) {
    bits_.clear();
    lo_ = hi_ = 0;
    return;
  }
  if (a == 0 && b == bits_.size()) return;
  bits_.erase(bits_.begin() + static_cast<std::ptrdiff_t>(b), bits_.end());
  bits_.erase(bits_.begin(), bits_.begin() + static_cast<std::ptrdiff_t>(a));
  hi_ = lo_ + b;
  lo_ += a;
}

ActionSet ActionSet::all(const catalog::Catalog& catalog) {
  ActionSet s(catalog);
  s.complementKnown();  // word by word, the last word masked
  s.patterns_.push_back("*");
  return s;
}

ActionSet ActionSet::fromPattern(const catalog::Catalog& catalog, std::string_view pattern) {
  if (pattern == "*") return all(catalog);
  ActionSet s(catalog);
  const bool wild = core::findWildcard(pattern) != std::string_view::npos;
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

namespace {

// Pattern sets by (catalog serial, pattern as written): exact spelling, so no
// case folding on the hot path (two spellings of one pattern just take two entries).
struct PatternKey {
  std::uint64_t catalog;
  std::string_view pattern;
};
struct PatternHash {
  using is_transparent = void;
  std::size_t operator()(const PatternKey& k) const noexcept {
    return std::hash<std::string_view>{}(k.pattern) ^ (k.catalog * 0x9E3779B97F4A7C15ull);
  }
  std::size_t operator()(const std::pair<std::uint64_t, std::string>& k) const noexcept {
    return (*this)(PatternKey{k.first, k.second});
  }
};
struct PatternEq {
  using is_transparent = void;
  static PatternKey view(const PatternKey& k) { return k; }
  static PatternKey view(const std::pair<std::uint64_t, std::string>& k) { return {k.first, k.second}; }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const noexcept {
    const PatternKey x = view(a), y = view(b);
    return x.catalog == y.catalog && x.pattern == y.pattern;
  }
};

}  // namespace

const ActionSet& ActionSet::cached(const catalog::Catalog& catalog, std::string_view pattern) {
  static std::shared_mutex mu;
  // Entries are never removed: references stay valid for the process.
  static std::unordered_map<std::pair<std::uint64_t, std::string>, std::unique_ptr<const ActionSet>, PatternHash,
                            PatternEq>
      cache;
  const PatternKey key{catalog.serial(), pattern};
  {
    std::shared_lock lock(mu);
    if (auto it = cache.find(key); it != cache.end()) return *it->second;
  }
  auto fresh = std::make_unique<const ActionSet>(fromPattern(catalog, pattern));
  std::unique_lock lock(mu);
  return *cache.emplace(std::make_pair(key.catalog, std::string(pattern)), std::move(fresh)).first->second;
}

ActionSet ActionSet::fromPatterns(const catalog::Catalog& catalog, const std::vector<std::string>& patterns) {
  ActionSet s(catalog);
  for (const std::string& p : patterns) s.unite(fromPattern(catalog, p));
  return s;
}

void ActionSet::add(catalog::ActionRef ref) {
  const std::size_t w = ref / 64;
  if (w >= words()) return;
  cover(w, w + 1);
  bits_[w - lo_] |= std::uint64_t{1} << (ref % 64);
}

bool ActionSet::contains(catalog::ActionRef ref) const { return (word(ref / 64) >> (ref % 64) & 1u) != 0; }

bool ActionSet::coveredByPatterns(std::string_view lowerAction) const {
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const std::string& p) { return actionGlobMatch(p, lowerAction); });
}

bool ActionSet::containsName(std::string_view action) const {
  if (const catalog::Action* a = catalog_->findAction(action)) return contains(a->ref);
  const std::string l = lowered(action);
  return std::binary_search(unknown_.begin(), unknown_.end(), l) || coveredByPatterns(l);
}

ActionSet& ActionSet::uniteKnown(const ActionSet& other) {
  if (other.lo_ == other.hi_) return *this;
  cover(other.lo_, other.hi_);
  if (&other != this) orWords(bits_.data() + (other.lo_ - lo_), other.bits_.data(), other.hi_ - other.lo_);
  return *this;
}

ActionSet ActionSet::unionKnown(const catalog::Catalog& catalog, const ActionSet* const* sets, std::size_t count) {
  ActionSet out(catalog);
  std::size_t lo = 0, hi = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const ActionSet& s = *sets[i];
    if (s.lo_ == s.hi_) continue;
    if (lo == hi) {
      lo = s.lo_;
      hi = s.hi_;
    } else {
      lo = std::min(lo, s.lo_);
      hi = std::max(hi, s.hi_);
    }
  }
  if (lo == hi) return out;
  out.bits_.assign(hi - lo, 0);
  out.lo_ = lo;
  out.hi_ = hi;
  for (std::size_t i = 0; i < count; ++i)
    orWords(out.bits_.data() + (sets[i]->lo_ - lo), sets[i]->bits_.data(), sets[i]->hi_ - sets[i]->lo_);
  if (out.bits_.front() == 0 || out.bits_.back() == 0) out.trim();  // a set stored zero words at an end
  return out;
}

ActionSet& ActionSet::complementKnown() {
  const std::size_t n = catalog_->actionCount();
  std::vector<std::uint64_t> full((n + 63) / 64);
  for (std::size_t w = 0; w < full.size(); ++w) full[w] = ~word(w);
  if (n % 64 != 0 && !full.empty()) full.back() &= (std::uint64_t{1} << (n % 64)) - 1;
  bits_ = std::move(full);
  lo_ = 0;
  hi_ = bits_.size();
  trim();
  unknown_.clear();
  patterns_.clear();
  return *this;
}

ActionSet& ActionSet::unite(const ActionSet& other) {
  uniteKnown(other);
  for (const std::string& u : other.unknown_) insertSorted(unknown_, u);
  for (const std::string& p : other.patterns_) insertSorted(patterns_, p);
  return *this;
}

ActionSet& ActionSet::intersect(const ActionSet& other) {
  // Only the words both sets store can stay non-zero.
  const std::size_t lo = std::max(lo_, other.lo_), hi = std::min(hi_, other.hi_);
  if (lo >= hi) {
    bits_.clear();
    lo_ = hi_ = 0;
  } else {
    if (hi < hi_) bits_.resize(hi - lo_);
    if (lo > lo_) bits_.erase(bits_.begin(), bits_.begin() + static_cast<std::ptrdiff_t>(lo - lo_));
    lo_ = lo;
    hi_ = hi;
    const std::uint64_t* o = other.bits_.data() + (lo - other.lo_);
    for (std::size_t i = 0; i < bits_.size(); ++i) bits_[i] &= o[i];
    trim();
  }
  intersectUnknown(other);
  return *this;
}

ActionSet ActionSet::intersection(const ActionSet& a, const ActionSet& b) {
  // Only the words of the result are allocated: a copy of a wide set to intersect in
  // place is a large block for malloc's slow path, thousands of times per audit.
  ActionSet out(*a.catalog_);
  std::size_t lo = std::max(a.lo_, b.lo_), hi = std::min(a.hi_, b.hi_);
  auto both = [&](std::size_t w) { return a.bits_[w - a.lo_] & b.bits_[w - b.lo_]; };
  while (lo < hi && both(lo) == 0) ++lo;
  while (hi > lo && both(hi - 1) == 0) --hi;
  if (lo < hi) {
    out.bits_.resize(hi - lo);
    std::uint64_t* __restrict to = out.bits_.data();
    const std::uint64_t* __restrict x = a.bits_.data() + (lo - a.lo_);
    const std::uint64_t* __restrict y = b.bits_.data() + (lo - b.lo_);
    const std::size_t n = hi - lo;
    for (std::size_t w = 0; w < n; ++w) to[w] = x[w] & y[w];
    out.lo_ = lo;
    out.hi_ = hi;
  }
  if (!a.unknown_.empty() || !b.unknown_.empty()) {
    out.unknown_ = a.unknown_;
    out.patterns_ = a.patterns_;
  }
  out.intersectUnknown(b);
  return out;
}

void ActionSet::intersectUnknown(const ActionSet& other) {
  if (unknown_.empty() && other.unknown_.empty()) {
    patterns_.clear();  // the intersection of two patterns is not a pattern of either
    return;
  }
  std::vector<std::string> keep;
  for (const std::string& u : unknown_) {
    if (other.containsName(u)) keep.push_back(u);
  }
  for (const std::string& u : other.unknown_) {
    if (coveredByPatterns(u)) insertSorted(keep, u);
  }
  unknown_ = std::move(keep);
  patterns_.clear();  // the intersection of two patterns is not a pattern of either
}

ActionSet& ActionSet::subtract(const ActionSet& other) {
  const std::size_t lo = std::max(lo_, other.lo_), hi = std::min(hi_, other.hi_);
  if (lo < hi && &other != this) {
    std::uint64_t* __restrict to = bits_.data() + (lo - lo_);
    const std::uint64_t* __restrict from = other.bits_.data() + (lo - other.lo_);
    const std::size_t n = hi - lo;
    for (std::size_t w = 0; w < n; ++w) to[w] &= ~from[w];
  } else if (lo < hi) {
    std::fill(bits_.begin(), bits_.end(), 0);
  }
  if (lo < hi) trim();
  std::erase_if(unknown_, [&](const std::string& u) { return other.containsName(u); });
  return *this;
}

bool ActionSet::intersectsKnown(const ActionSet& other) const {
  const std::size_t lo = std::max(lo_, other.lo_), hi = std::min(hi_, other.hi_);
  if (lo >= hi) return false;
  const std::uint64_t* x = bits_.data() + (lo - lo_);
  const std::uint64_t* y = other.bits_.data() + (lo - other.lo_);
  return anyWord(hi - lo, [&](std::size_t i) { return x[i] & y[i]; });
}

bool ActionSet::intersectsRange(catalog::ActionRef first, std::size_t count) const {
  if (count == 0) return false;
  const std::size_t end = static_cast<std::size_t>(first) + count;  // one past the last
  if (end <= lo_ * 64 || first >= hi_ * 64) return false;           // outside the stored words
  const std::size_t lw = std::max<std::size_t>(first / 64, lo_), hw = std::min<std::size_t>((end + 63) / 64, hi_);
  for (std::size_t w = lw; w < hw; ++w) {
    std::uint64_t bits = bits_[w - lo_];
    if (w == first / 64) bits &= ~std::uint64_t{0} << (first % 64);
    if (w == (end - 1) / 64 && end % 64 != 0) bits &= (std::uint64_t{1} << (end % 64)) - 1;
    if (bits != 0) return true;
  }
  return false;
}

catalog::ActionRef ActionSet::firstRef() const {
  for (std::size_t i = 0; i < bits_.size(); ++i)
    if (bits_[i] != 0)
      return static_cast<catalog::ActionRef>((lo_ + i) * 64 + static_cast<std::size_t>(std::countr_zero(bits_[i])));
  return catalog::kNoAction;
}

bool ActionSet::isSubsetOf(const ActionSet& other) const {
  // Words outside other's stored range must be zero; inside it, covered by other's.
  const std::size_t lo = std::max(lo_, other.lo_), hi = std::max(lo, std::min(hi_, other.hi_));
  for (std::size_t w = lo_; w < hi_; ++w) {
    if (w == lo && lo < hi) {
      const std::uint64_t* mine = bits_.data() + (lo - lo_);
      const std::uint64_t* theirs = other.bits_.data() + (lo - other.lo_);
      if (anyWord(hi - lo, [&](std::size_t i) { return mine[i] & ~theirs[i]; })) return false;
      w = hi - 1;
      continue;
    }
    if (bits_[w - lo_] != 0) return false;
  }
  return std::all_of(unknown_.begin(), unknown_.end(), [&](const std::string& u) { return other.containsName(u); });
}

bool ActionSet::holdsAllKnown() const {
  const std::size_t n = catalog_->actionCount(), words = (n + 63) / 64;
  if (lo_ != 0 || hi_ < words) return n == 0;  // a word outside the stored ones is zero
  for (std::size_t w = 0; w < words; ++w) {
    const std::uint64_t full = w + 1 == words && n % 64 != 0 ? (std::uint64_t{1} << (n % 64)) - 1 : ~std::uint64_t{0};
    if ((bits_[w] & full) != full) return false;
  }
  return true;
}

std::size_t ActionSet::knownCount() const {
  std::size_t n = 0;
  for (std::uint64_t w : bits_) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

std::vector<catalog::ActionRef> ActionSet::refs() const {
  std::vector<catalog::ActionRef> out;
  for (std::size_t i = 0; i < bits_.size(); ++i) {
    std::uint64_t w = bits_[i];
    while (w != 0) {
      const int b = std::countr_zero(w);
      out.push_back(static_cast<catalog::ActionRef>((lo_ + i) * 64 + static_cast<std::size_t>(b)));
      w &= w - 1;
    }
  }
  return out;
}

catalog::AccessLevel accessLevelOf(const catalog::Catalog& catalog, catalog::ActionRef ref) {
  return catalog.accessLevel(ref);
}

}  // namespace rolelint::analysis
