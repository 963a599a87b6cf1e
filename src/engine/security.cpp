#include "engine/security.h"

#include <cctype>
#include <chrono>
#include <map>
#include <tuple>
#include <mutex>
#include <nlohmann/json.hpp>

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
      if (analysis::arnMatches(r.value, w.request.resource, &w.request.context, vars, true)) return "`" + r.value + "`";
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

core::Result<analysis::EscalationTable> parseTable(std::string_view text) {
  analysis::EscalationTable t;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("methods") || !j["methods"].is_array())
    return core::Error{"not an object with a \"methods\" array"};
  if (j.contains("privilegedPolicies"))
    for (const auto& p : j["privilegedPolicies"]) t.privilegedPolicies.push_back(p.get<std::string>());
  for (const auto& m : j["methods"]) {
    analysis::EscalationMethod e;
    e.id = m.value("id", "");
    e.title = m.value("title", "");
    const std::string cls = m.value("class", "");
    e.close = m.value("close", "");
    e.onlyWith = m.value("onlyWith", "");
    e.gain = m.value("gain", "");
    e.sameTarget = m.value("sameTarget", false);
    if (e.id.size() != 5 || e.id.rfind("PE-", 0) != 0 || e.title.empty() || cls.size() != 1 ||
        std::string_view("SPNET").find(cls[0]) == std::string_view::npos || e.close.empty()) {
      return core::Error{"method " + e.id + ": needs id PE-nn, title, class (S, P, N, E or T) and close"};
    }
    e.cls = cls[0];
    if (m.contains("services"))
      for (const auto& s : m["services"]) e.services.push_back(s.get<std::string>());
    if (!m.contains("steps") || !m["steps"].is_array() || m["steps"].empty()) {
      return core::Error{"method " + e.id + ": no steps"};
    }
    for (const auto& s : m["steps"]) {
      analysis::EscalationStep st;
      for (const auto& a : s.value("actions", nlohmann::json::array())) st.actions.push_back(a.get<std::string>());
      auto target = targetOf(s.value("target", ""));
      if (st.actions.empty() || !target) {
        return core::Error{"method " + e.id + ": a step needs actions and a known target"};
      }
      st.target = *target;
      if (s.contains("context"))
        for (const auto& [k, v] : s["context"].items()) st.context[k] = v.get<std::string>();
      e.steps.push_back(std::move(st));
    }
    if (e.cls == 'N' && e.services.empty()) return core::Error{"method " + e.id + ": class N needs services"};
    t.methods.push_back(std::move(e));
  }
  return t;
}

}  // namespace

core::Result<analysis::EscalationTable> parseEscalationTable(std::string_view text) {
  try {
    return parseTable(text);
  } catch (const nlohmann::json::exception& e) {  // a value of the wrong type (the library's get<>)
    return core::Error{std::string("a value of the wrong type: ") + e.what()};
  }
}

const analysis::EscalationTable& escalationTable() { return loaded().table; }
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
    related.push_back({d.policy->locate(*d.node), "grants " + w.request.action + " (" + d.label + ")"});
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
  const analysis::EscalationTable& table = escalationTable();
  if (table.methods.empty()) return;
  const auto access = roleAccess(role, r);
  if (!access) return;

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
        related.push_back({d.policy->locate(*d.node), "grants " + w.request.action + " (" + d.label + ")"});
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
    r.report(first->policy->locate(*first->node), std::move(msg), role.displayName, first->label, std::move(related),
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
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object()) return out;
    for (const auto& [k, v] : j.items()) {
      if (!v.is_array()) continue;
      for (const auto& e : v)
        if (e.is_object() && e.contains("action") && e["action"].is_string()) out[k].push_back(e["action"]);
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
    // The candidates of a list, once per process, catalog and rule.
    static std::mutex mu;
    static std::map<std::pair<std::uint64_t, std::string>, std::unique_ptr<const analysis::ActionSet>> candidates;
    const analysis::ActionSet* wanted = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu);
      auto& slot = candidates[{r.catalog()->serial(), std::string(what)}];
      if (!slot) slot = std::make_unique<const analysis::ActionSet>(analysis::unscopedCandidates(*r.catalog(), actions));
      wanted = slot.get();
    }
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
  r.report(first->policy->locate(*first->node), std::move(msg), role.displayName, first->label, std::move(related),
           std::string(help));
}

}  // namespace rolelint::engine::security
