// Set-level action questions; see match.h. Semantics of Action/NotAction and
// Deny follow https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html.
#include "analysis/match.h"

#include "core/wildcard.h"


#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "analysis/evaluate.h"

namespace rolelint::analysis {
namespace {

using core::hasWildcard;

}  // namespace

bool patternsIntersect(std::string_view p, std::string_view q, bool ignoreCase) { return core::wildcardsIntersect(p, q, ignoreCase); }

namespace {
// The six colon-separated fields of an ARN pattern (the last keeps its colons); n < 6 when there are fewer.
struct Segments {
  std::string_view part[6];
  size_t n = 0;
};
Segments segments(std::string_view arn) {
  Segments out;
  size_t start = 0;
  for (size_t i = 0; i < arn.size() && out.n < 5; ++i) {
    if (arn[i] == ':') {
      out.part[out.n++] = arn.substr(start, i - start);
      start = i + 1;
    }
  }
  out.part[out.n++] = arn.substr(start);
  return out;
}
}  // namespace

// Per-segment, as IAM matches Resource ARNs
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
bool arnPatternsIntersect(std::string_view a, std::string_view b) {
  if (a == "*" || b == "*") return true;
  if (a.find("${") != std::string_view::npos || b.find("${") != std::string_view::npos) return true;
  const Segments sa = segments(a), sb = segments(b);
  if (sa.n != 6 || sb.n != 6) return patternsIntersect(a, b, false);
  for (size_t i = 0; i < 6; ++i)
    if (!patternsIntersect(sa.part[i], sb.part[i], false)) return false;
  return true;
}

std::optional<std::vector<std::string>> expandActions(std::string_view pattern, const catalog::Catalog* catalog) {
  std::vector<std::string> out;
  if (catalog != nullptr) {
    // The pattern's set is computed once per process and catalog (ActionSet::cached).
    for (catalog::ActionRef ref : ActionSet::cached(*catalog, pattern).refs()) out.push_back(catalog->actionName(ref));
  }
  if (!out.empty()) return out;
  if (!hasWildcard(pattern) && pattern.find(':') != std::string_view::npos) return std::vector<std::string>{std::string(pattern)};
  return std::nullopt;
}

bool statementCoversAction(const model::Statement& s, std::string_view action) {
  auto hit = [&](const model::StringItem& i) { return actionMatches(i.value, action); };
  if (s.action.present()) return std::any_of(s.action.items.begin(), s.action.items.end(), hit);
  if (s.notAction.present()) return std::none_of(s.notAction.items.begin(), s.notAction.items.end(), hit);
  return false;
}

namespace {

// Whether an Allow statement `s` may apply on some resource the grant names
// (any resource without a grant, or when either side uses NotResource).
bool resourcesMayOverlap(const model::Statement& s, const model::Statement* grant) {
  if (grant == nullptr || !grant->resource.present() || !s.resource.present()) return true;
  for (const auto& b : s.resource.items)
    for (const auto& g : grant->resource.items)
      if (arnPatternsIntersect(b.value, g.value)) return true;
  return false;
}

bool allowApplies(const model::Statement& s) {
  return s.effect == model::Effect::Allow && (s.resource.present() || s.notResource.present());
}

// Deny on every resource, without a condition: what alwaysDenies counts.
bool denyEverywhere(const model::Statement& s) {
  return s.effect == model::Effect::Deny && !restrictsByCondition(s) && s.resource.present() &&
         std::any_of(s.resource.items.begin(), s.resource.items.end(),
                     [](const model::StringItem& i) { return i.value == "*"; });
}

}  // namespace

bool mayAllow(const model::PolicyDocument& policy, std::string_view action, const model::Statement* grant) {
  for (const auto& s : policy.statements) {
    if (!allowApplies(s)) continue;  // a statement without Resource/NotResource is invalid: never applies
    if (!statementCoversAction(s, action)) continue;
    if (resourcesMayOverlap(s, grant)) return true;  // NotResource: over-approximated
  }
  return false;
}

ActionSet statementActionSet(const catalog::Catalog& catalog, const model::Statement& s) {
  if (!s.action.present() && !s.notAction.present()) return ActionSet(catalog);
  const model::StringList& list = s.action.present() ? s.action : s.notAction;
  std::vector<const ActionSet*> sets;
  sets.reserve(list.items.size());
  for (const auto& item : list.items) sets.push_back(&ActionSet::cached(catalog, item.value));
  ActionSet out = ActionSet::unionKnown(catalog, sets.data(), sets.size());
  if (s.action.present()) return out;
  return out.complementKnown();
}

namespace {

// The lower-cased service of an action pattern ("s3" for "S3:Get*"), or
// nullopt when it may match several services ("*", "s3*", "*:Get*").
std::optional<std::string> serviceOf(std::string_view pattern) {
  const size_t colon = pattern.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string svc(pattern.substr(0, colon));
  for (char& c : svc) {
    if (c == '*' || c == '?') return std::nullopt;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return svc;
}

// What makes two Allow statements answer every mayAllowAny question alike.
std::string statementKey(const model::Statement& s) {
  std::string key;
  auto add = [&](char tag, const model::StringList& l) {
    if (!l.present()) return;
    key += tag;
    for (const auto& i : l.items) {
      key += i.value;
      key += '\0';
    }
  };
  add('A', s.action);
  add('N', s.notAction);
  add('R', s.resource);
  add('X', s.notResource);
  return key;
}

}  // namespace

AllowIndex::AllowIndex(const catalog::Catalog& catalog, const model::PolicyDocument& policy) {
  std::set<std::string> seen;
  for (const auto& s : policy.statements) {
    if (!allowApplies(s) || !seen.insert(statementKey(s)).second) continue;
    const size_t at = entries_.size();
    entries_.push_back({&s, statementActionSet(catalog, s)});
    std::set<std::string> services;
    bool any = !s.action.present();
    for (const auto& i : s.action.items) {
      auto svc = serviceOf(i.value);
      if (!svc) any = true;
      else services.insert(std::move(*svc));
    }
    if (any) {
      anyService_.push_back(at);
      continue;
    }
    for (const auto& svc : services) byService_[svc].push_back(at);
  }
}

bool AllowIndex::check(const Entry& e, const ActionQuery& q, const model::Statement* grant) const {
  const bool hit = (q.known != nullptr && q.known->intersectsKnown(e.actions)) ||
                   (!q.unknown.empty() && statementCoversAction(*e.statement, q.unknown));
  return hit && resourcesMayOverlap(*e.statement, grant);
}

bool AllowIndex::mayAllowAny(const ActionQuery& q, const model::Statement* grant, std::string_view pattern) const {
  const auto svc = pattern.empty() ? std::nullopt : serviceOf(pattern);
  if (!svc) {
    for (const Entry& e : entries_)
      if (check(e, q, grant)) return true;
    return false;
  }
  for (size_t i : anyService_)
    if (check(entries_[i], q, grant)) return true;
  if (auto it = byService_.find(*svc); it != byService_.end())
    for (size_t i : it->second)
      if (check(entries_[i], q, grant)) return true;
  return false;
}

size_t AllowIndex::candidates(std::string_view pattern) const {
  const auto svc = pattern.empty() ? std::nullopt : serviceOf(pattern);
  if (!svc) return entries_.size();
  auto it = byService_.find(*svc);
  return anyService_.size() + (it == byService_.end() ? 0 : it->second.size());
}

DenyIndex::DenyIndex(const catalog::Catalog& catalog, const std::vector<const model::PolicyDocument*>& policies)
    : all_(catalog) {
  for (const model::PolicyDocument* p : policies) {
    if (p == nullptr) continue;
    for (const auto& s : p->statements) {
      if (!denyEverywhere(s)) continue;
      entries_.push_back({&s, p, statementActionSet(catalog, s)});
      all_.uniteKnown(entries_.back().actions);
    }
  }
}

bool DenyIndex::deniesAll(const ActionQuery& q) const {
  const bool anyKnown = q.known != nullptr && q.known->knownCount() != 0;
  if (!anyKnown && q.unknown.empty()) return false;
  if (anyKnown && !q.known->isSubsetOf(all_)) return false;
  return q.unknown.empty() || denying(q.unknown).first != nullptr;
}

std::pair<const model::Statement*, const model::PolicyDocument*> DenyIndex::denying(catalog::ActionRef action) const {
  for (const Entry& e : entries_)
    if (e.actions.contains(action)) return {e.statement, e.policy};
  return {nullptr, nullptr};
}

std::pair<const model::Statement*, const model::PolicyDocument*> DenyIndex::denying(std::string_view action) const {
  for (const Entry& e : entries_)
    if (statementCoversAction(*e.statement, action)) return {e.statement, e.policy};
  return {nullptr, nullptr};
}

const model::Statement* alwaysDenies(const model::PolicyDocument& policy, std::string_view action) {
  for (const auto& s : policy.statements)
    if (denyEverywhere(s) && statementCoversAction(s, action)) return &s;
  return nullptr;
}

bool restrictsByCondition(const model::Statement& s) {
  if (s.condition == nullptr) return false;
  if (s.condition->kind != json::Kind::Object) return true;
  for (const auto& m : s.condition->members)
    if (m.value.kind != json::Kind::Object || !m.value.members.empty()) return true;
  return false;
}

bool allowsEverything(const model::Statement& s) {
  if (s.effect != model::Effect::Allow || restrictsByCondition(s)) return false;
  auto star = [](const model::StringItem& i) { return i.value == "*"; };
  return s.action.present() && std::any_of(s.action.items.begin(), s.action.items.end(), star) &&
         s.resource.present() && std::any_of(s.resource.items.begin(), s.resource.items.end(), star);
}

}  // namespace rolelint::analysis
