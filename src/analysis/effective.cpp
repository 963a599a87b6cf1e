// Effective permissions per service; see effective.h. Evaluation semantics:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// (explicit deny wins; identity allow AND boundary allow) and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html.
#include "analysis/effective.h"
#include "core/text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "analysis/effective_grants.h"
#include "analysis/match.h"

namespace rolelint::analysis {
namespace {

// Allow statements of the documents that cover `action` (and could apply: they
// have a Resource or NotResource). Returns {any covers, all covering ones have a
// Condition}; the keys of the conditional ones are added to `keys`.
struct Coverage {
  bool any = false;
  bool allConditional = true;
};

// The conditions of one statement, ANDed.
std::string describeStatement(const model::Statement& s) {
  std::string out;
  for (const auto& c : s.conditions) out += (out.empty() ? "" : " and ") + describeCondition(c);
  return out.empty() ? "its Condition holds" : out;
}

Coverage allowCoverage(const std::vector<const model::PolicyDocument*>& docs, std::string_view action,
                       std::set<std::string>& keys, std::string* when) {
  Coverage c;
  std::set<std::string> found;
  std::vector<std::string> alternatives;
  for (const model::PolicyDocument* doc : docs) {
    if (doc == nullptr) continue;
    for (const auto& s : doc->statements) {
      if (s.effect != model::Effect::Allow) continue;
      if (!s.resource.present() && !s.notResource.present()) continue;
      if (!statementCoversAction(s, action)) continue;
      c.any = true;
      if (!restrictsByCondition(s)) {
        c.allConditional = false;
      } else {
        for (const auto& cond : s.conditions) found.insert(cond.key);
        std::string d = describeStatement(s);
        if (std::find(alternatives.begin(), alternatives.end(), d) == alternatives.end()) alternatives.push_back(d);
      }
    }
  }
  if (c.any && c.allConditional) {
    keys.insert(found.begin(), found.end());
    for (size_t i = 0; i < alternatives.size(); ++i) {
      const bool group = alternatives.size() > 1 && alternatives[i].find(" and ") != std::string::npos;
      *when += (i ? " or " : "") + (group ? "(" + alternatives[i] + ")" : alternatives[i]);
    }
  }
  return c;
}

std::string valueText(const json::Value* v) {
  if (v == nullptr) return "?";
  if (v->isString() || v->isNumber()) return v->text;
  if (v->isBool()) return v->boolean ? "true" : "false";
  if (v->isNull()) return "null";
  return std::string(json::kindName(v->kind));
}

}  // namespace

std::string describeCondition(const model::Condition& c) {
  std::string values;
  for (size_t i = 0; i < c.values.size(); ++i) values += (i ? (c.values.size() > 2 ? ", " : " or ") : "") + valueText(c.values[i]);
  if (c.values.size() > 2) values = "one of " + values;
  // Plain operators read as words; set operators, IfExists and the others as written.
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"StringEquals", "="},           {"StringEqualsIgnoreCase", "= (any case)"},
      {"ArnEquals", "="},              {"NumericEquals", "="},
      {"DateEquals", "="},             {"Bool", "="},
      {"BinaryEquals", "="},           {"StringNotEquals", "!="},
      {"ArnNotEquals", "!="},           {"NumericNotEquals", "!="},
      {"StringLike", "matches"},       {"ArnLike", "matches"},
      {"StringNotLike", "does not match"}, {"ArnNotLike", "does not match"},
  };
  for (const auto& [op, word] : kWords)
    if (c.op == op) return c.key + " " + std::string(word) + " " + values;
  return c.key + " " + c.op + " " + values;
}

namespace {

// Every policy that can deny `action` outright: identity, boundary, session, SCPs
// and, for services RCPs apply to, RCPs.
std::vector<const model::PolicyDocument*> denyingPolicies(const Policies& policies, std::string_view service) {
  std::vector<const model::PolicyDocument*> all = policies.identity;
  all.push_back(policies.boundary);
  all.insert(all.end(), policies.session.begin(), policies.session.end());
  for (const auto& level : policies.scps) all.insert(all.end(), level.begin(), level.end());
  if (service.empty() || rcpAppliesToService(service))
    for (const auto& level : policies.rcps) all.insert(all.end(), level.begin(), level.end());
  return all;
}

bool isCallerIdentity(std::string_view action) {
  return core::iequals(action, "sts:GetCallerIdentity");
}

}  // namespace

std::string_view alwaysAllowedReason() {
  return "needs no permission: AWS performs it even when a policy explicitly denies it "
         "(https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html)";
}

ActionAccess actionAccess(const Policies& policies, std::string_view action) {
  ActionAccess a;
  std::set<std::string> keys;
  std::string idWhen, pbWhen;
  const Coverage id = allowCoverage(policies.identity, action, keys, &idWhen);
  a.granted = id.any;
  if (!a.granted) return a;
  if (isCallerIdentity(action)) {
    // Allowed whatever the policies say (analysis/evaluate.h, Special::CallerIdentity).
    a.effective = true;
    return a;
  }
  Coverage pb;
  if (policies.boundary != nullptr) {
    pb = allowCoverage({policies.boundary}, action, keys, &pbWhen);
    if (!pb.any) return a;
  }
  // The session policy and every SCP level must allow too (conditions there count as
  // "may allow", as in the boundary, but are not described).
  std::set<std::string> otherKeys;
  std::string otherWhen;
  bool otherConditional = false;
  if (!policies.session.empty()) {
    const Coverage c = allowCoverage(policies.session, action, otherKeys, &otherWhen);
    if (!c.any) return a;
    otherConditional = otherConditional || c.allConditional;
  }
  for (const auto& level : policies.scps) {
    const Coverage c = allowCoverage(level, action, otherKeys, &otherWhen);
    if (!c.any) return a;
    otherConditional = otherConditional || c.allConditional;
  }
  const std::string_view service = action.substr(0, action.find(':'));
  for (const auto* d : denyingPolicies(policies, service))
    if (d != nullptr && alwaysDenies(*d, action) != nullptr) return a;
  a.effective = true;
  a.conditionalOnly = id.allConditional || (policies.boundary != nullptr && pb.allConditional) || otherConditional;
  if (a.conditionalOnly) {
    a.conditionKeys.assign(keys.begin(), keys.end());
    if (!idWhen.empty() && !pbWhen.empty()) {
      a.when = "(" + idWhen + ") and, by the permissions boundary, (" + pbWhen + ")";
    } else {
      a.when = !idWhen.empty() ? idWhen : pbWhen;
      if (!pbWhen.empty()) a.when += " (by the permissions boundary)";
    }
  }
  return a;
}

std::vector<ServiceAccess> effectiveAccess(const Policies& policies, const catalog::Catalog& catalog) {
  // Over catalog bitsets (analysis/match.h), the same answer actionAccess gives action by action:
  // granted = some identity Allow covers it; effective = granted ∩ boundary Allow − always-denied;
  // conditional only = effective, and no unconditional statement allows it on one side.
  ActionSet granted(catalog), unconditional(catalog);
  for (const model::PolicyDocument* doc : policies.identity) {
    if (doc == nullptr) continue;
    const auto sets = effective::statementActionSets(*doc, catalog);
    for (size_t i = 0; i < doc->statements.size(); ++i) {
      const auto& s = doc->statements[i];
      if (s.effect != model::Effect::Allow || (!s.resource.present() && !s.notResource.present())) continue;
      const ActionSet& set = (*sets)[i];
      granted.uniteKnown(set);
      if (!restrictsByCondition(s)) unconditional.uniteKnown(set);
    }
  }
  ActionSet effective = granted;
  // The boundary, the session policy and every SCP level must allow too.
  auto intersectAllows = [&](const std::vector<const model::PolicyDocument*>& docs) {
    ActionSet allowed(catalog), allowedUnconditionally(catalog);
    for (const model::PolicyDocument* doc : docs) {
      if (doc == nullptr) continue;
      const auto sets = effective::statementActionSets(*doc, catalog);
      for (size_t i = 0; i < doc->statements.size(); ++i) {
        const auto& s = doc->statements[i];
        if (s.effect != model::Effect::Allow || (!s.resource.present() && !s.notResource.present())) continue;
        const ActionSet& set = (*sets)[i];
        allowed.uniteKnown(set);
        if (!restrictsByCondition(s)) allowedUnconditionally.uniteKnown(set);
      }
    }
    effective.intersect(allowed);
    unconditional.intersect(allowedUnconditionally);
  };
  if (policies.boundary != nullptr) intersectAllows({policies.boundary});
  if (!policies.session.empty()) intersectAllows(policies.session);
  for (const auto& level : policies.scps) intersectAllows(level);
  effective.subtract(DenyIndex(catalog, denyingPolicies(policies, "-")).denied());
  if (!policies.rcps.empty()) {
    // RCPs deny only actions of the services whose resources they apply to.
    std::vector<const model::PolicyDocument*> rcps;
    for (const auto& level : policies.rcps) rcps.insert(rcps.end(), level.begin(), level.end());
    for (catalog::ActionRef ref : DenyIndex(catalog, rcps).denied().refs())
      if (rcpAppliesToService(catalog.servicePrefixOf(ref)) && effective.contains(ref)) {
        ActionSet one(catalog);
        one.add(ref);
        effective.subtract(one);
      }
  }
  if (catalog.findAction("sts:GetCallerIdentity") != nullptr) {
    // Allowed whatever the policies say, once granted (see actionAccess).
    for (catalog::ActionRef ref : ActionSet::cached(catalog, "sts:GetCallerIdentity").refs())
      if (granted.contains(ref)) {
        effective.add(ref);
        unconditional.add(ref);
      }
  }

  std::map<std::string, ServiceAccess, std::less<>> out;
  for (catalog::ActionRef ref : granted.refs()) {
    const std::string_view prefix = catalog.servicePrefixOf(ref);
    auto it = out.find(prefix);
    if (it == out.end()) {
      it = out.emplace(std::string(prefix), ServiceAccess{}).first;
      it->second.service = std::string(prefix);
    }
    ServiceAccess& sa = it->second;
    ++sa.granted;
    if (!effective.contains(ref)) {
      if (sa.blocked.size() < 3) sa.blocked.push_back(catalog.actionName(ref));
      continue;
    }
    ++sa.effective;
    ++sa.byLevel[static_cast<size_t>(catalog.accessLevel(ref))];
    if (sa.examples.size() < 3) sa.examples.push_back(catalog.actionName(ref));
    if (!unconditional.contains(ref)) {
      ++sa.conditionalOnly;
      if (sa.conditional.size() < 3) {
        const std::string name = catalog.actionName(ref);
        const ActionAccess a = actionAccess(policies, name);  // the conditions involved
        sa.conditional.push_back(a.when.empty() ? name : name + " when " + a.when);
      }
    }
  }
  std::vector<ServiceAccess> result;
  for (auto& [k, v] : out) result.push_back(std::move(v));
  return result;
}

Expansion expandRequest(const Policies& policies, const Request& request, const catalog::Catalog& catalog) {
  Expansion x;
  Request one = request;
  for (catalog::ActionRef ref : catalog.expandActionPattern(request.action)) {
    x.matched = true;
    one.action = catalog.actionName(ref);
    const Evaluation e = evaluate(policies, one);
    if (e.decision == Decision::Allowed) x.allowed.push_back(one.action);
    else if (e.decision == Decision::ExplicitlyDenied) x.explicitlyDenied.push_back(one.action);
    else if (e.identity.decision == Decision::Allowed && e.boundary && e.boundary->decision != Decision::Allowed)
      x.boundaryBlocked.push_back(one.action);
    for (const auto& n : e.notModelled)
      if (std::find(x.notModelled.begin(), x.notModelled.end(), n) == x.notModelled.end()) x.notModelled.push_back(n);
  }
  return x;
}

}  // namespace rolelint::analysis
