#include "analysis/effective_grants.h"
#include "core/unknown.h"
#include "core/text.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

namespace rolelint::analysis::effective {

std::string Grant::firstAction(const catalog::Catalog* catalog) const {
  if (known && catalog != nullptr) {
    if (catalog::ActionRef ref = known->firstRef(); ref != catalog::kNoAction) return catalog->actionName(ref);
  }
  return std::string(unknown);
}

namespace {

std::vector<Grant> computeGrants(const model::PolicyDocument& doc, const catalog::Catalog* catalog) {
  std::vector<Grant> out;
  for (const auto& s : doc.statements) {
    if (s.effect != model::Effect::Allow || !s.action.present()) continue;
    if (!s.resource.present() && !s.notResource.present()) continue;
    for (const auto& item : s.action.items) {
      Grant g{&doc, &s, &item, nullptr, {}};
      const bool wild = core::findWildcard(item.value) != std::string::npos;
      if (catalog != nullptr) {
        g.known = &analysis::ActionSet::cached(*catalog, item.value);
        if (g.known->firstRef() == catalog::kNoAction) g.known = nullptr;
      }
      // A literal action the catalog does not know still counts, by name.
      if (g.known == nullptr && !wild && item.value.find(':') != std::string::npos) g.unknown = item.value;
      if (g.known != nullptr || !g.unknown.empty()) out.push_back(g);
    }
  }
  return out;
}

// Per catalog serial (0: no catalog); a run uses one catalog, so one entry.
struct DocumentGrants {
  mutable std::mutex mu;
  mutable std::map<std::uint64_t, std::vector<Grant>> bySerial;  // node-based: references stay valid
  // deadGrants, by (boundary document, catalog serial). The boundary belongs to the same
  // input as this document (a role's boundary), so it outlives nothing here.
  mutable std::map<std::pair<const model::PolicyDocument*, std::uint64_t>, std::vector<char>> dead;
  mutable std::map<std::uint64_t, std::shared_ptr<const std::vector<analysis::ActionSet>>>
      actionSets;                                                     // statementActionSets
  mutable std::optional<std::vector<ActionItemIndex>> actionIndexes;  // actionItemIndexes
  // DerivedSlot::release: the action sets are the bulk, and handed out shared; the
  // rest is referenced by callers and stays.
  void release() const {
    std::lock_guard<std::mutex> lock(mu);
    actionSets.clear();
  }
};

// Statements with fewer items are scanned: an index would cost more than it saves.
constexpr std::size_t kIndexedItems = 16;

std::string serviceKey(std::string_view pattern) {
  const std::size_t special = std::min(core::findWildcard(pattern), pattern.find(core::kUnknownOpen));
  const std::size_t colon = pattern.find(':');
  if (colon == std::string_view::npos || colon > special) return {};
  return core::lower(pattern.substr(0, colon));
}

}  // namespace

const std::vector<Grant>& grantsOf(const model::PolicyDocument& doc, const catalog::Catalog* catalog) {
  const std::uint64_t serial = catalog != nullptr ? catalog->serial() : 0;
  const auto& memo = doc.derived.get<DocumentGrants>();
  std::lock_guard<std::mutex> lock(memo.mu);
  auto it = memo.bySerial.find(serial);
  if (it == memo.bySerial.end()) it = memo.bySerial.emplace(serial, computeGrants(doc, catalog)).first;
  return it->second;
}

std::shared_ptr<const std::vector<analysis::ActionSet>> statementActionSets(const model::PolicyDocument& doc,
                                                                            const catalog::Catalog& catalog) {
  const auto& memo = doc.derived.get<DocumentGrants>();
  std::lock_guard<std::mutex> lock(memo.mu);
  auto it = memo.actionSets.find(catalog.serial());
  if (it == memo.actionSets.end()) {
    std::vector<analysis::ActionSet> sets;
    sets.reserve(doc.statements.size());
    for (const auto& s : doc.statements) sets.push_back(analysis::statementActionSet(catalog, s));
    it = memo.actionSets
             .emplace(catalog.serial(), std::make_shared<const std::vector<analysis::ActionSet>>(std::move(sets)))
             .first;
  }
  return it->second;
}

const std::vector<ActionItemIndex>& actionItemIndexes(const model::PolicyDocument& doc) {
  const auto& memo = doc.derived.get<DocumentGrants>();
  std::lock_guard<std::mutex> lock(memo.mu);
  if (!memo.actionIndexes) {
    std::vector<ActionItemIndex> all(doc.statements.size());
    for (std::size_t i = 0; i < doc.statements.size(); ++i) {
      const model::Statement& s = doc.statements[i];
      const model::StringList& list = s.action.present() ? s.action : s.notAction;
      if (list.items.size() < kIndexedItems) continue;
      auto& items = all[i].items;
      items.reserve(list.items.size());
      for (const model::StringItem& item : list.items) items.emplace_back(serviceKey(item.value), &item);
      std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    memo.actionIndexes = std::move(all);
  }
  return *memo.actionIndexes;
}

const std::vector<char>& deadGrants(const model::PolicyDocument& doc, const model::PolicyDocument& boundary,
                                    const catalog::Catalog* catalog) {
  const std::vector<Grant>& grants = grantsOf(doc, catalog);
  const std::uint64_t serial = catalog != nullptr ? catalog->serial() : 0;
  const auto& memo = doc.derived.get<DocumentGrants>();
  {
    std::lock_guard<std::mutex> lock(memo.mu);
    if (auto it = memo.dead.find({&boundary, serial}); it != memo.dead.end()) return it->second;
  }
  std::optional<analysis::AllowIndex> index;
  if (catalog != nullptr) index.emplace(*catalog, boundary);
  std::vector<char> flags;
  flags.reserve(grants.size());
  for (const Grant& g : grants) flags.push_back(boundaryMayAllow(boundary, index ? &*index : nullptr, g) ? 0 : 1);
  std::lock_guard<std::mutex> lock(memo.mu);
  return memo.dead.emplace(std::make_pair(&boundary, serial), std::move(flags)).first->second;
}

std::vector<PolicyGrants> grantsOf(const model::Role& role, const catalog::Catalog* catalog) {
  std::vector<PolicyGrants> out;
  for (const auto& d : role.inlinePolicies) out.push_back({&d, nullptr, &grantsOf(d, catalog)});
  for (const auto& m : role.managed)
    if (m.document) out.push_back({m.document.get(), &m, &grantsOf(*m.document, catalog)});
  return out;
}

std::vector<const model::PolicyDocument*> identityPolicies(const model::Role& role) {
  std::vector<const model::PolicyDocument*> out;
  for (const auto& d : role.inlinePolicies) out.push_back(&d);
  for (const auto& m : role.managed)
    if (m.document) out.push_back(m.document.get());
  return out;
}

bool boundaryMayAllow(const model::PolicyDocument& boundary, const analysis::AllowIndex* index, const Grant& g) {
  if (index != nullptr) return index->mayAllowAny(g.query(), g.statement, g.item->value);
  return !g.unknown.empty() && analysis::mayAllow(boundary, g.unknown, g.statement);
}

std::string deniedExample(const analysis::Policies& all, const Grant& g, const catalog::Catalog* catalog) {
  analysis::Request req{"", g.firstAction(catalog), exampleResource(*g.statement), {}};
  // First with the grant's own policy, the boundary and the identity policies that deny
  // anything: when that already allows on the identity side, so would every identity policy
  // (the others can only add allows), at a fraction of the cost. Otherwise, all of them.
  analysis::Policies few;
  few.boundary = all.boundary;
  for (const model::PolicyDocument* d : all.identity) {
    if (d == g.policy || std::any_of(d->statements.begin(), d->statements.end(),
                                     [](const model::Statement& s) { return s.effect == model::Effect::Deny; }))
      few.identity.push_back(d);
  }
  auto e = analysis::evaluate(few, req);
  if (e.identity.decision != analysis::Decision::Allowed && few.identity.size() != all.identity.size())
    e = analysis::evaluate(all, req);
  if (e.identity.decision != analysis::Decision::Allowed || !e.boundary ||
      e.boundary->decision != analysis::Decision::ImplicitlyDenied)
    return "";
  return req.action + " on " + req.resource + " is implicitly denied";
}

std::string exampleResource(const model::Statement& s) {
  if (!s.resource.present() || s.resource.items.empty()) return "*";
  std::string r(s.resource.items.front().value);
  if (r == "*" || r.find("${") != std::string::npos) return "*";
  std::string out;
  for (char c : r) {
    if (c == '*') out += "example";
    else if (c == '?') out += 'x';
    else out += c;
  }
  return out;
}

}  // namespace rolelint::analysis::effective
