// ActionSet: a set of IAM actions over the catalog's global action numbering
// (catalog::ActionRef), as a bitset over the words [lo_, hi_) of the numbering
// (most sets are a few actions of one service, whose actions are numbered
// together; an empty set allocates nothing), plus the
// literal actions the catalog does not know and the patterns that expanded to
// nothing, kept aside (lower-cased) so that a stale catalog does not lose them.
// Action names and patterns are case-insensitive; `*` matches any run of
// characters and `?` one (IAM User Guide, "IAM JSON policy elements: Action").
#pragma once
#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace rolelint::analysis {

class ActionSet {
 public:
  // The empty set over `catalog`'s numbering.
  explicit ActionSet(const catalog::Catalog& catalog);

  // Every action an IAM action pattern matches: "*", "s3:*", "s3:Get*",
  // "s3:GetObject" (an unknown literal is kept aside), "*:Get*".
  static ActionSet fromPattern(const catalog::Catalog& catalog, std::string_view pattern);
  static ActionSet fromPatterns(const catalog::Catalog& catalog, const std::vector<std::string>& patterns);
  // Every action of the catalog.
  static ActionSet all(const catalog::Catalog& catalog);
  // fromPattern, computed once per process and catalog (audits see the same
  // patterns — s3:Get*, ReadOnlyAccess's — in thousands of roles). Thread-safe;
  // the reference stays valid for the rest of the process.
  static const ActionSet& cached(const catalog::Catalog& catalog, std::string_view pattern);

  void add(catalog::ActionRef ref);
  bool contains(catalog::ActionRef ref) const;
  // Case-insensitive "service:Action"; known or kept-aside unknown.
  bool containsName(std::string_view action) const;

  ActionSet& unite(const ActionSet& other);
  // Catalog actions only: unite other's bits (not its unknown literals and
  // patterns); complement within the catalog, dropping unknowns and patterns.
  ActionSet& uniteKnown(const ActionSet& other);
  ActionSet& complementKnown();
  ActionSet& intersect(const ActionSet& other);
  // The catalog actions of every set (their unknown literals and patterns are not
  // kept), with the words allocated once: uniting set by set would grow them as each
  // set widens the range (the services' actions lie far apart in the numbering).
  static ActionSet unionKnown(const catalog::Catalog& catalog, const ActionSet* const* sets, std::size_t count);
  // ActionSet(a).intersect(b), allocating only the words of the result.
  static ActionSet intersection(const ActionSet& a, const ActionSet& b);
  // This set minus `other` (known actions; unknown literals matched by other's patterns go too).
  ActionSet& subtract(const ActionSet& other);
  // True if every known action and every unknown literal of this set is in `other`
  // (an unknown literal counts as covered when a pattern of `other` matches it).
  bool isSubsetOf(const ActionSet& other) const;
  // True if some catalog action is in both sets (unknown literals are not compared).
  bool intersectsKnown(const ActionSet& other) const;
  // Whether a catalog action numbered in [first, first + count) is in the set.
  bool intersectsRange(catalog::ActionRef first, std::size_t count) const;
  // The lowest catalog action of the set, or catalog::kNoAction.
  catalog::ActionRef firstRef() const;

  std::size_t knownCount() const;  // number of catalog actions in the set
  bool holdsAllKnown() const;      // every catalog action is in the set (knownCount() == actionCount())
  bool empty() const { return knownCount() == 0 && unknown_.empty(); }
  std::vector<catalog::ActionRef> refs() const;  // ascending
  // Calls f(ref) for each catalog action in ascending order until it returns false.
  template <class F>
  void forEachRef(F&& f) const {
    for (std::size_t i = 0; i < bits_.size(); ++i)
      for (std::uint64_t w = bits_[i]; w != 0; w &= w - 1)
        if (!f(static_cast<catalog::ActionRef>((lo_ + i) * 64 + static_cast<std::size_t>(std::countr_zero(w))))) return;
  }
  const std::vector<std::string>& unknownActions() const { return unknown_; }
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  const catalog::Catalog* catalog_;
  // bits_[i] is word lo_ + i of the numbering; words outside [lo_, hi_) are zero.
  std::vector<std::uint64_t> bits_;
  std::size_t lo_ = 0, hi_ = 0;
  std::size_t words() const;  // words of the whole numbering
  std::uint64_t word(std::size_t w) const { return w >= lo_ && w < hi_ ? bits_[w - lo_] : 0; }
  void cover(std::size_t lo, std::size_t hi);  // make [lo, hi) part of the stored range
  void trim();                                 // drop zero words at both ends
  std::vector<std::string> unknown_;   // lower-cased unknown literal actions, sorted, unique
  std::vector<std::string> patterns_;  // lower-cased wildcard patterns that built the set
  bool coveredByPatterns(std::string_view lowerAction) const;
  void intersectUnknown(const ActionSet& other);  // intersect()'s unknown literals and patterns
};

// The access level of an action ("Read", "Write", …): the catalog's primary level.
catalog::AccessLevel accessLevelOf(const catalog::Catalog& catalog, catalog::ActionRef ref);

// IAM action glob, case-insensitive: `*` any run, `?` one character.
bool actionGlobMatch(std::string_view pattern, std::string_view text);

}  // namespace rolelint::analysis
