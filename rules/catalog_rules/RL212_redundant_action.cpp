// RL212 redundant-action: an action entry already covered by another entry
// of the same Action or NotAction list. Sources: IAM User Guide, "IAM JSON
// policy elements: Action"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html:
// names are case-insensitive; `*` and `?` wildcards); Access Analyzer check
// REDUNDANT_ACTION. Uses analysis::ActionSet over the IAM catalog.
#include <algorithm>
#include <iterator>
#include <map>

#include "analysis/action_set.h"
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class RedundantAction final : public engine::Rule {
 public:
  RedundantAction()
      : engine::Rule({.id = "RL212",
                      .name = "redundant-action",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Note,
                      .summary = "An action is already covered by another action or pattern of the same statement.",
                      .equivalents = {"access-analyzer:REDUNDANT_ACTION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::StringList* list : {&s.action, &s.notAction}) check(*c, *list, p, r);
  }

 private:
  static void check(const catalog::Catalog& c, const model::StringList& list, const model::PolicyDocument& p,
                    engine::Reporter& r) {
    const auto& items = list.items;
    if (items.size() < 2 || items.size() > 2000) return;
    // The sets are cached per pattern for the process (audits repeat the same patterns).
    const analysis::ActionSet none(c);
    // Per entry, once: its set, whether it can be compared, its literal service prefix
    // ("" if wildcard or "*"), lower-cased, and whether it is a pattern (the pairs
    // below would otherwise scan each entry again for every other one).
    std::vector<const analysis::ActionSet*> sets;
    std::vector<bool> usable, wild;
    std::vector<std::string_view> prefixes;
    std::vector<std::string> lowerPrefixes;
    sets.reserve(items.size());
    prefixes.reserve(items.size());
    lowerPrefixes.reserve(items.size());
    for (const auto& item : items) {
      const SplitAction a = splitAction(item.value);
      usable.push_back(item.value == "*" || (a.ok && !hasVariable(item.value)));
      sets.push_back(usable.back() ? &analysis::ActionSet::cached(c, item.value) : &none);
      prefixes.push_back(a.ok && !hasWildcard(a.prefix) ? a.prefix : std::string_view());
      lowerPrefixes.push_back(lower(prefixes.back()));
      wild.push_back(hasWildcard(item.value));
    }
    std::vector<std::size_t> counts;
    for (const auto* set : sets) counts.push_back(set->knownCount());
    std::vector<catalog::ActionRef> firstRef;
    for (std::size_t k = 0; k < sets.size(); ++k) {
      firstRef.push_back(counts[k] == 1 ? sets[k]->firstRef() : catalog::kNoAction);
    }
    // Candidates by lower-cased literal prefix; entries with a wildcard prefix
    // (or "*") may cover anything.
    std::map<std::string_view, std::vector<std::size_t>> byPrefix;
    std::vector<std::size_t> anyPrefix;
    for (std::size_t k = 0; k < items.size(); ++k) {
      if (!usable[k]) continue;
      if (prefixes[k].empty()) {
        anyPrefix.push_back(k);
      } else {
        byPrefix[lowerPrefixes[k]].push_back(k);
      }
    }
    static const std::vector<std::size_t> kNone;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < items.size(); ++i) {
      // Unknown actions are RL202's finding, not redundant ones.
      if (!usable[i] || counts[i] == 0 || items[i].node == nullptr) continue;
      const bool iWild = wild[i];
      candidates.clear();
      if (prefixes[i].empty()) {
        for (std::size_t k = 0; k < items.size(); ++k) {
          if (usable[k]) candidates.push_back(k);
        }
      } else {
        const auto it = byPrefix.find(lowerPrefixes[i]);
        const auto& same = it == byPrefix.end() ? kNone : it->second;
        std::merge(same.begin(), same.end(), anyPrefix.begin(), anyPrefix.end(), std::back_inserter(candidates));
      }
      for (const std::size_t j : candidates) {
        if (j == i) continue;
        const bool jWild = wild[j];
        // A pattern is covered only by a pattern: a list of literals that happens
        // to equal a pattern today stops covering it when the service adds actions.
        if (iWild && !jWild) continue;
        if (counts[i] > counts[j]) continue;
        // Entries of two different literal service prefixes never cover each other.
        if (!prefixes[i].empty() && !prefixes[j].empty() && lowerPrefixes[i] != lowerPrefixes[j]) continue;
        // Fast path for a single known action (most entries): one bit test.
        const bool single = counts[i] == 1 && sets[i]->unknownActions().empty();
        if (single ? !sets[j]->contains(firstRef[i]) : !sets[i]->isSubsetOf(*sets[j])) continue;
        const bool same = counts[i] == counts[j] && iWild == jWild && sets[j]->isSubsetOf(*sets[i]);
        if (same && j > i) continue;  // equal entries: report the later one
        std::string msg = same ? "`" + items[i].value + "` repeats `" + items[j].value + "`"
                               : "`" + items[i].value + "` is already covered by `" + items[j].value + "`";
        msg += " in the same list (action names are case-insensitive)";
        r.report(p, *items[i].node, std::move(msg), "Remove it to keep the policy short and its intent clear");
        break;
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL212() { return engine::makeRule<RedundantAction>(); }

}  // namespace rolelint::rules
