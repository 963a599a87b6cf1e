// RL212 redundant-action: an action entry already covered by another entry
// of the same Action or NotAction list. Sources: IAM User Guide, "IAM JSON
// policy elements: Action"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html:
// names are case-insensitive; `*` and `?` wildcards); Access Analyzer check
// REDUNDANT_ACTION. Uses analysis::ActionSet over the IAM catalog.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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
    // Per entry, once (one allocation for the list): its set, whether it can be
    // compared, whether it is a pattern, its known-action count, and its service group:
    // entries with the same literal service prefix (case-insensitive) share a group;
    // kAnyService for a wildcard prefix or "*", which may cover anything.
    constexpr std::uint32_t kAnyService = 0xFFFFFFFF;
    struct Entry {
      const analysis::ActionSet* set;
      std::size_t count;
      catalog::ActionRef firstRef;
      std::uint32_t group;
      bool usable, wild;
    };
    std::vector<Entry> e;
    e.reserve(items.size());
    std::vector<std::string> groups;  // lower-cased prefixes, by group number
    for (const auto& item : items) {
      const SplitAction a = splitAction(item.value);
      Entry x{};
      x.usable = item.value == "*" || (a.ok && !hasVariable(item.value));
      x.set = x.usable ? &analysis::ActionSet::cached(c, item.value) : &none;
      x.count = x.set->knownCount();
      x.firstRef = x.count == 1 ? x.set->firstRef() : catalog::kNoAction;
      x.wild = hasWildcard(item.value);
      x.group = kAnyService;
      if (a.ok && !hasWildcard(a.prefix)) {
        std::string l = lower(a.prefix);
        const auto g = std::find(groups.begin(), groups.end(), l);
        x.group = static_cast<std::uint32_t>(g - groups.begin());
        if (g == groups.end()) groups.push_back(std::move(l));
      }
      e.push_back(x);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Entry& a = e[i];
      // Unknown actions are RL202's finding, not redundant ones.
      if (!a.usable || a.count == 0 || items[i].node == nullptr) continue;
      // The candidates, in list order: every comparable entry for an entry of any
      // service, else those of its service and those of any service.
      for (std::size_t j = 0; j < items.size(); ++j) {
        const Entry& b = e[j];
        if (j == i || !b.usable) continue;
        // Entries of two different literal service prefixes never cover each other.
        if (a.group != kAnyService && b.group != kAnyService && a.group != b.group) continue;
        // A pattern is covered only by a pattern: a list of literals that happens
        // to equal a pattern today stops covering it when the service adds actions.
        if (a.wild && !b.wild) continue;
        if (a.count > b.count) continue;
        // Fast path for a single known action (most entries): one bit test.
        const bool single = a.count == 1 && a.set->unknownActions().empty();
        if (single ? !b.set->contains(a.firstRef) : !a.set->isSubsetOf(*b.set)) continue;
        const bool same = a.count == b.count && a.wild == b.wild && b.set->isSubsetOf(*a.set);
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
