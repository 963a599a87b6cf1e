#include "engine/security.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <tuple>
#include <mutex>
#include "json/reader.h"

#include "analysis/arn_template.h"
#include "analysis/effective.h"
#include "analysis/exposure.h"
#include "core/embedded.h"
#include "engine/config.h"

namespace rolelint::engine::security {
namespace {

constexpr std::string_view kTablePath = "rules/security/escalation.json";

std::optional<analysis::EscalationTarget> targetOf(std::string_view s) {
  using T = analysis::EscalationTarget;
  static const std::pair<std::string_view, T> kNames[] = {
      {"self-role", T::SelfRole}, {"self-policy", T::SelfPolicy}, {"other-role", T::OtherRole},
      {"any-role", T::AnyRole},   {"new-role", T::NewRole},       {"user", T::User},
      {"group", T::Group},        {"any", T::Any},                {"existing", T::Existing}};
  for (const auto& [n, t] : kNames)
    if (n == s) return t;
  return std::nullopt;
}

struct Loaded {
  analysis::EscalationTable table;
  std::string problem;
};

const Loaded& loaded() {
  static const Loaded l = [] {
    Loaded out;
    auto text = embedded::find(kTablePath);
    if (!text) {
      out.problem = std::string(kTablePath) + " is not embedded";
      return out;
    }
    auto table = parseEscalationTable(*text);
    if (table) {
      out.table = std::move(*table);
      // tests/security_escalation_test.cpp checks that the embedded catalog holds
      // every action of the table.
      out.table.catalogVersion = std::string(embeddedCatalogVersion());
    } else {
      out.problem = table.error().message;
    }
    return out;
  }();
  return l;
}

// How the granting identity statement names the request's resource: the Resource
// pattern that matched, or "every resource NotResource leaves".
std::string grantedResource(const analysis::EscalationWitness& w) {
  for (const analysis::StatementRef& d : w.evaluation.identity.allows) {
    const model::Statement& s = d.policy->statements[d.index];
    const bool vars = d.policy->version != nullptr && d.policy->version->text == "2012-10-17";
    for (const auto& r : s.resource.items)
      if (analysis::arnMatches(r.value, w.request.resource, &w.request.context, vars, true)) return "`" + std::string(r.value) + "`";
    if (s.notResource.present()) return "every resource but its NotResource";
  }
  return w.request.resource;
}

std::string join(const std::vector<std::string>& v, std::string_view last = " and ") {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : i + 1 == v.size() ? std::string(last) : ", ") + v[i];
  return out;
}

}  // namespace

namespace {

// The table is read with rolelint's own JSON reader, not nlohmann's: it is read on
// every run that has RL601/RL602, and a one-role pre-commit run should not spend a
// fifth of its instructions building std::maps of 28 KB of JSON.

// The first value of the wrong type met while reading the table.
struct Reading {
  const json::Value* wrong = nullptr;
  void bad(const json::Value& v) {
    if (wrong == nullptr) wrong = &v;
  }
};

// The string at `key` of `obj` ("" when absent).
std::string stringAt(const json::Value& obj, std::string_view key, Reading& rd) {
  const json::Value* v = obj.find(key);
  if (v == nullptr) return "";
  if (!v->isString()) rd.bad(*v);
  return v->isString() ? v->text : "";
}

// The strings of the array at `key`.
std::vector<std::string> stringsAt(const json::Value& obj, std::string_view key, Reading& rd) {
  std::vector<std::string> out;
  const json::Value* v = obj.find(key);
  if (v == nullptr) return out;
  if (!v->isArray()) rd.bad(*v);
  else
    for (const json::Value& e : v->elements) {
      if (e.isString()) out.push_back(e.text);
      else rd.bad(e);
    }
  return out;
}

}  // namespace

core::Result<analysis::EscalationTable> parseEscalationTable(std::string_view text) {
  analysis::EscalationTable t;
  const json::Document doc = json::read(text);
  const json::Value* methods = doc.root && doc.root->isObject() ? doc.root->find("methods") : nullptr;
  if (methods == nullptr || !methods->isArray() || !doc.problems.empty())
    return core::Error{"not an object with a \"methods\" array"};
  Reading rd;
  auto wrongType = [&] { return core::Error{"a value of the wrong type at " + json::pointerOf(*rd.wrong)}; };
  t.privilegedPolicies = stringsAt(*doc.root, "privilegedPolicies", rd);
  for (const json::Value& m : methods->elements) {
    if (!m.isObject()) rd.bad(m);
    if (rd.wrong != nullptr) return wrongType();
    analysis::EscalationMethod e;
    e.id = stringAt(m, "id", rd);
    e.title = stringAt(m, "title", rd);
    const std::string cls = stringAt(m, "class", rd);
    e.close = stringAt(m, "close", rd);
    e.onlyWith = stringAt(m, "onlyWith", rd);
    e.gain = stringAt(m, "gain", rd);
    if (const json::Value* same = m.find("sameTarget")) {
      if (!same->isBool()) rd.bad(*same);
      e.sameTarget = same->boolean;
    }
    if (rd.wrong != nullptr) return wrongType();
    if (e.id.size() != 5 || e.id.rfind("PE-", 0) != 0 || e.title.empty() || cls.size() != 1 ||
        std::string_view("SPNET").find(cls[0]) == std::string_view::npos || e.close.empty()) {
      return core::Error{"method " + e.id + ": needs id PE-nn, title, class (S, P, N, E or T) and close"};
    }
    e.cls = cls[0];
    e.services = stringsAt(m, "services", rd);
    if (rd.wrong != nullptr) return wrongType();
    const json::Value* steps = m.find("steps");
    if (steps == nullptr || !steps->isArray() || steps->elements.empty()) {
      return core::Error{"method " + e.id + ": no steps"};
    }
    for (const json::Value& s : steps->elements) {
      if (!s.isObject()) return core::Error{"a value of the wrong type at " + json::pointerOf(s)};
      analysis::EscalationStep st;
      st.actions = stringsAt(s, "actions", rd);
      const std::string targetName = stringAt(s, "target", rd);
      if (rd.wrong != nullptr) return wrongType();
      auto target = targetOf(targetName);
      if (st.actions.empty() || !target) {
        return core::Error{"method " + e.id + ": a step needs actions and a known target"};
      }
      st.target = *target;
      if (const json::Value* context = s.find("context")) {
        if (!context->isObject()) rd.bad(*context);
        else
          for (const json::Member& kv : context->members) {
            if (!kv.value.isString()) rd.bad(kv.value);
            else st.context[kv.key] = kv.value.text;
          }
      }
      if (rd.wrong != nullptr) return wrongType();
      e.steps.push_back(std::move(st));
    }
    if (e.cls == 'N' && e.services.empty()) return core::Error{"method " + e.id + ": class N needs services"};
    t.methods.push_back(std::move(e));
  }
  if (rd.wrong != nullptr) return wrongType();
  return t;
}

const analysis::EscalationTable& escalationTable() { return loaded().table; }

const std::vector<std::string>& escalationServices() {
  static const std::vector<std::string> services = [] {
    std::vector<std::string> out;
    auto text = embedded::find(kTablePath);
    if (!text) return out;
    // Every `"prefix:` of the text: the services of its actions, and some strings that
    // are not actions ("arn:", "https:"), which only make the list longer.
    const std::string_view t = *text;
    for (size_t q = t.find('"'); q != std::string_view::npos; q = t.find('"', q + 1)) {
      size_t e = q + 1;
      while (e < t.size() && ((t[e] >= 'a' && t[e] <= 'z') || (t[e] >= '0' && t[e] <= '9') || t[e] == '-')) ++e;
      if (e > q + 1 && e < t.size() && t[e] == ':') out.emplace_back(t.substr(q + 1, e - q - 1));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return services;
}

std::string_view embeddedCatalogVersion() {
  static const std::string version = [] {
    // The first line of rules/catalog/VERSION: "<package> <version>".
    std::string out;
    if (auto v = embedded::find("rules/catalog/VERSION")) {
      const std::string_view first = v->substr(0, v->find('\n'));
      if (const size_t sp = first.find(' '); sp != std::string_view::npos) out = std::string(first.substr(sp + 1));
    }
    return out;
  }();
  return version;
}
const std::string& escalationTableProblem() { return loaded().problem; }

std::string ownArn(const model::Role& role) {
  if (role.root != nullptr)
    if (const json::Value* arn = role.root->find("Arn"); arn != nullptr && arn->isString() &&
                                                         arn->text.rfind("arn:", 0) == 0 &&
                                                         arn->text.find(":role/") != std::string::npos)
      return arn->text;
  const std::string path = role.path != nullptr && role.path->isString() ? role.path->text : "/";
  return analysis::roleArn("", path, role.displayName);
}

double analysisDate(const Reporter& r) {
  if (auto now = r.analysisDate()) return *now;
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

bool subjectOf(const model::Role& role, const Reporter& r, analysis::EscalationSubject& subject) {
  std::vector<std::string> unresolved;
  subject.policies = analysis::policiesOf(role, &unresolved);
  if (!unresolved.empty() || subject.policies.identity.empty()) return false;
  const std::string arn = ownArn(role);
  auto parts = analysis::splitArn(arn);
  if (parts && parts->resource.substr(0, 5) == "role/") {
    if (parts->account.size() == 12) subject.account = std::string(parts->account);
    std::string_view res = parts->resource.substr(4);  // after "role"
    const size_t slash = res.rfind('/');
    subject.path = std::string(res.substr(0, slash + 1));
    subject.name = std::string(res.substr(slash + 1));
  }
  for (const auto& m : role.managed) subject.ownPolicies.push_back(m.arn);
  if (role.boundary) subject.boundaryArn = role.boundary->arn;
  subject.now = analysisDate(r);
  return true;
}

namespace {
// The statements that allow the witness's request: each identity one as a related
// place, the first through `first`; with `when`, the conditions of every allowing
// statement (boundary included), described once each.
void grantingStatements(const analysis::EscalationWitness& w, std::vector<core::RelatedLocation>& related,
                        const analysis::StatementRef** first, std::vector<std::string>* when) {
  for (const analysis::StatementRef& d : w.evaluation.deciding) {
    if (d.effect != model::Effect::Allow || d.node == nullptr) continue;
    if (when != nullptr)
      for (const auto& c : d.policy->statements[d.index].conditions) {
        std::string text = analysis::describeCondition(c);
        if (std::find(when->begin(), when->end(), text) == when->end()) when->push_back(text);
      }
    if (d.policy->kind == model::PolicyKind::Boundary) continue;
    if (*first == nullptr) *first = &d;
    related.push_back({d.policy->locate(*d.node), "grants " + w.request.action + " (" + std::string(d.label) + ")"});
  }
}
}  // namespace

std::string describeRequest(const analysis::EscalationWitness& w, std::vector<core::RelatedLocation>& related,
                            const analysis::StatementRef** first) {
  std::string out = w.request.action + " on " + w.request.resource;
  std::vector<std::string> when;
  grantingStatements(w, related, first, &when);
  if (!when.empty()) out += " when " + join(when);
  return out;
}

namespace {
// The role's memo slot: the last RoleAccess, by the run's catalog and date.
struct RoleMemo {
  mutable std::mutex mu;
  mutable std::shared_ptr<const RoleAccess> access;
  mutable bool known = false;  // access (possibly null) was worked out for the key below
  mutable std::uint64_t catalog = 0;
  mutable std::optional<double> date;
  // After the role's walk (DerivedSlot::release): a holder of `access` keeps its copy.
  void release() const {
    std::lock_guard<std::mutex> lock(mu);
    access.reset();
    known = false;
  }
};
}  // namespace

std::shared_ptr<const RoleAccess> roleAccess(const model::Role& role, const Reporter& r) {
  const RoleMemo& memo = role.derived.get<RoleMemo>();
  const std::uint64_t serial = r.catalog() != nullptr ? r.catalog()->serial() : 0;
  std::lock_guard<std::mutex> lock(memo.mu);
  if (memo.known && memo.catalog == serial && memo.date == r.analysisDate()) return memo.access;
  auto access = std::make_shared<RoleAccess>();
  if (subjectOf(role, r, access->subject)) {
    access->core = analysis::accessCore(access->subject, r.catalog());
    memo.access = std::move(access);
  } else {
    memo.access = nullptr;
  }
  memo.known = true;
  memo.catalog = serial;
  memo.date = r.analysisDate();
  return memo.access;
}

std::string mootFor(const std::vector<const model::Role*>& roles, const Reporter& r, std::string_view action,
                    std::string_view resourcePattern) {
  if (roles.empty() || r.catalog() == nullptr) return "";
  std::string reason;
  for (const model::Role* role : roles) {
    const auto access = roleAccess(*role, r);
    if (!access) return "";
    const analysis::AccessAnswer answer = analysis::findAccess(
        access->subject, r.catalog(), {std::string(action)}, {std::string(resourcePattern)}, access->core);
    if (answer.allowed) return "";
    std::string why;
    if (!analysis::actionAccess(access->subject.policies, action).effective) {
      analysis::Policies unbounded = access->subject.policies;
      unbounded.boundary = nullptr;
      why = access->subject.policies.boundary != nullptr && analysis::actionAccess(unbounded, action).effective
                ? "its permissions boundary does not allow " + std::string(action)
                : "a Deny statement denies " + std::string(action) + " on every resource";
    } else {
      why = "no request meets the conditions of the statements that grant " + std::string(action) +
            " at the analysis date";
    }
    if (roles.size() == 1) return "moot for role " + role->displayName + ": " + why;
    if (reason.empty()) reason = why;
  }
  return "moot for each of the " + std::to_string(roles.size()) + " roles that attach this policy (for example: " +
         reason + ")";
}

void reportEscalations(const model::Role& role, std::string_view classes, Reporter& r) {
  const auto access = roleAccess(role, r);
  if (!access) return;
  // Every step of a method needs one of its actions: a role that may perform no action
  // of the table's services has no method open, and the table need not be parsed (a
  // pre-commit run on one role of another service). Only with the embedded catalog,
  // which holds every action of the table (tests/security_escalation_test.cpp): with
  // another, an action it lacks is judged by the policy text.
  if (r.catalog() != nullptr && r.catalog()->version() == embeddedCatalogVersion()) {
    // The services' actions, gathered once per thread and catalog.
    thread_local std::map<std::uint64_t, analysis::ActionSet> byCatalog;
    auto it = byCatalog.find(r.catalog()->serial());
    if (it == byCatalog.end())
      it = byCatalog.emplace(r.catalog()->serial(), analysis::serviceActions(*r.catalog(), escalationServices())).first;
    if (!analysis::mayUseSomeAction(*access->core, it->second)) return;
  }
  const analysis::EscalationTable& table = escalationTable();
  if (table.methods.empty()) return;

  for (const analysis::EscalationFinding& f :
       analysis::findEscalations(access->subject, table, r.catalog(), classes, access->core)) {
    const analysis::EscalationMethod& m = *f.method;
    std::vector<std::string> steps, when;
    std::vector<core::RelatedLocation> related;
    const analysis::StatementRef* first = nullptr;
    for (size_t i = 0; i < f.steps.size(); ++i) {
      const analysis::EscalationWitness& w = f.steps[i];
      std::string step = w.request.action + " on " + grantedResource(w);
      const auto target = m.steps[std::min(i, m.steps.size() - 1)].target;
      if (target == analysis::EscalationTarget::SelfRole) step += " (this role)";
      if (target == analysis::EscalationTarget::SelfPolicy) step += " (" + w.request.resource + ", a policy of this role)";
      if (w.request.action == "iam:PassRole") {
        for (const auto& [k, v] : w.request.context)
          if (k == "iam:PassedToService" && !v.empty()) step += " to " + v.front();
      }
      steps.push_back(step);
      for (const analysis::StatementRef& d : w.evaluation.deciding) {
        if (d.effect != model::Effect::Allow || d.node == nullptr) continue;
        const model::Statement& s = d.policy->statements[d.index];
        for (const auto& c : s.conditions) {
          std::string text = analysis::describeCondition(c);
          if (std::find(when.begin(), when.end(), text) == when.end()) when.push_back(text);
        }
        if (d.policy->kind == model::PolicyKind::Boundary) continue;
        if (first == nullptr) first = &d;
        related.push_back({d.policy->locate(*d.node), "grants " + w.request.action + " (" + std::string(d.label) + ")"});
      }
    }
    if (first == nullptr) continue;
    std::string msg = m.id + " (" + m.title + ")";
    const bool possible = m.cls == 'E' || m.cls == 'T';
    msg += possible ? " is possible if a more privileged target exists: " : ": ";
    msg += join(steps) + (steps.size() == 1 ? " is" : " are") + " effective for this role";
    if (!when.empty()) msg += ", when " + join(when);
    std::string help = m.close;
    if (!help.empty()) help[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(help[0])));
    while (!help.empty() && help.back() == '.') help.pop_back();
    r.report(first->policy->locate(*first->node), std::move(msg), role.displayName, std::string(first->label), std::move(related),
             std::move(help));
  }
}

}  // namespace rolelint::engine::security

namespace rolelint::engine::security {

const std::vector<std::string>& exposureList(std::string_view name) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> lists = [] {
    std::map<std::string, std::vector<std::string>, std::less<>> out;
    auto text = embedded::find("rules/security/exposure.json");
    if (!text) return out;
    const json::Document doc = json::read(*text);
    if (!doc.root || !doc.root->isObject()) return out;
    for (const json::Member& list : doc.root->members) {
      if (!list.value.isArray()) continue;
      for (const json::Value& e : list.value.elements)
        if (const json::Value* a = e.isObject() ? e.find("action") : nullptr; a != nullptr && a->isString())
          out[list.key].push_back(a->text);
    }
    return out;
  }();
  static const std::vector<std::string> kNone;
  auto it = lists.find(name);
  return it == lists.end() ? kNone : it->second;
}

void reportUnscoped(const model::Role& role, Reporter& r, const std::vector<std::string>& actions,
                    std::uint8_t levelMask, std::string_view what, std::string_view help) {
  if (r.catalog() == nullptr) return;
  const auto access = roleAccess(role, r);
  if (!access) return;
  size_t count = 0;
  std::vector<analysis::UnscopedAccess> hits;
  if (levelMask != 0) {
    // Found among the role's effective actions, service by service (analysis::unscopedAccess).
    hits = analysis::unscopedAccess(access->subject, *r.catalog(), {}, levelMask, 3, &count, access->core);
  } else {
    // The candidates of a list, once per thread, catalog and rule (no lock to take for
    // every role).
    thread_local std::map<std::pair<std::uint64_t, std::string>, std::unique_ptr<const analysis::ActionList>, std::less<>>
        candidates;
    auto& slot = candidates[{r.catalog()->serial(), std::string(what)}];
    if (!slot) slot = std::make_unique<const analysis::ActionList>(*r.catalog(), actions);
    const analysis::ActionList* wanted = slot.get();
    hits = analysis::unscopedAccess(access->subject, *r.catalog(), *wanted, 3, &count, access->core);
  }
  if (hits.empty()) return;
  std::vector<std::string> examples;
  std::vector<core::RelatedLocation> related;
  const analysis::StatementRef* first = nullptr;
  for (const auto& h : hits) {
    std::vector<core::RelatedLocation> rel;
    const analysis::StatementRef* f = nullptr;
    grantingStatements(h.witness, rel, &f, nullptr);
    examples.push_back(h.action + " on " + (h.pattern == "NotResource" ? "every resource but NotResource" : "`" + h.pattern + "`"));
    if (first == nullptr) first = f;
    for (auto& x : rel)
      if (std::find(related.begin(), related.end(), x) == related.end()) related.push_back(std::move(x));
  }
  if (first == nullptr) return;
  std::string msg = "the role can " + std::string(what) + " on unscoped resources: " + join(examples);
  if (count > hits.size()) msg += " (" + std::to_string(count) + " actions in all)";
  r.report(first->policy->locate(*first->node), std::move(msg), role.displayName, std::string(first->label), std::move(related),
           std::string(help));
}

}  // namespace rolelint::engine::security
