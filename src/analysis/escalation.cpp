// Privilege escalation on effective permissions; see escalation.h. The methods,
// their neutralisers and their sources are in rules/security/escalation.json and
// docs/security-analysis.md. Evaluation semantics are evaluate.cpp's (IAM policy
// evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
#include "analysis/escalation.h"
#include "analysis/exposure.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <utility>

#include "analysis/action_set.h"
#include "analysis/arn_template.h"
#include "analysis/effective.h"
#include "analysis/effective_grants.h"
#include "analysis/match.h"
#include "core/wildcard.h"
#include "core/condition_value.h"
#include "core/text.h"

namespace rolelint::analysis {
namespace {

constexpr std::string_view kProbe = "rolelint-target";
constexpr size_t kMaxCandidates = 8;

// A wildcard or a policy variable: the value names no one resource.
bool wildcardOrVariable(std::string_view s) {
  return core::hasWildcard(s) || s.find("${") != std::string_view::npos;
}

using core::iequals;

std::string isoDate(double t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// `*` and `?` and policy variables of a pattern replaced by concrete text.
std::string fillWildcards(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      size_t close = s.find('}', i);
      if (close == std::string_view::npos) close = s.size() - 1;
      out += kProbe;
      i = close;
    } else if (s[i] == '*') {
      out += kProbe;
    } else if (s[i] == '?') {
      out += 'x';
    } else {
      out += s[i];
    }
  }
  return out;
}

// Which kind of resource a target wants, by the resource part of an IAM ARN ("" = any).
std::string_view kindPrefix(EscalationTarget t) {
  switch (t) {
    case EscalationTarget::SelfRole:
    case EscalationTarget::OtherRole:
    case EscalationTarget::AnyRole:
    case EscalationTarget::NewRole: return "role/";
    case EscalationTarget::User: return "user/";
    case EscalationTarget::Group: return "group/";
    case EscalationTarget::SelfPolicy: return "policy/";
    default: return "";
  }
}

bool wildcardOnly(EscalationTarget t) {
  return t == EscalationTarget::OtherRole || t == EscalationTarget::AnyRole || t == EscalationTarget::User ||
         t == EscalationTarget::Group || t == EscalationTarget::Existing;
}

bool isFixedKey(std::string_view key) {
  static constexpr std::string_view kFixed[] = {"aws:username", "aws:userid", "aws:PrincipalArn",
                                                "aws:PrincipalAccount", "aws:CurrentTime", "aws:EpochTime",
                                                "aws:TokenIssueTime", "aws:PrincipalType"};
  return std::any_of(std::begin(kFixed), std::end(kFixed), [&](std::string_view k) { return iequals(k, key); });
}

std::optional<std::string_view> scalar(const json::Value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->isString() || v->isNumber()) return std::string_view(v->text);
  if (v->isBool()) return v->boolean ? std::string_view("true") : std::string_view("false");
  return std::nullopt;
}

// The entry of `key` in any case; the const overload reads shared entries without
// copying them (Context is copy on write).
Context::iterator findKey(Context& ctx, std::string_view key) {
  for (auto it = ctx.begin(); it != ctx.end(); ++it)
    if (iequals(it->first, key)) return it;
  return ctx.end();
}

Context::const_iterator findKey(const Context& ctx, std::string_view key) {
  for (auto it = ctx.begin(); it != ctx.end(); ++it)
    if (iequals(it->first, key)) return it;
  return ctx.end();
}

bool hasKey(const Context& ctx, std::string_view key) { return findKey(ctx, key) != ctx.end(); }

struct OpInfo {
  bool negated = false, ifExists = false, forAll = false, forAny = false, null = false;
  std::string base;  // operator without qualifiers
};
OpInfo opInfo(std::string_view op) {
  OpInfo o;
  if (op.rfind("ForAllValues:", 0) == 0) {
    o.forAll = true;
    op.remove_prefix(13);
  } else if (op.rfind("ForAnyValue:", 0) == 0) {
    o.forAny = true;
    op.remove_prefix(12);
  }
  if (op.size() > 8 && op.substr(op.size() - 8) == "IfExists") {
    o.ifExists = true;
    op.remove_suffix(8);
  }
  o.base = std::string(op);
  o.null = op == "Null";
  o.negated = op.find("Not") != std::string_view::npos;
  return o;
}

// A request value that satisfies a positive condition; nullopt: leave the key absent.
std::optional<std::string> satisfying(const model::Condition& c) {
  const OpInfo o = opInfo(c.op);
  if (o.null) {
    auto v = scalar(c.values.empty() ? nullptr : c.values.front());
    if (v && iequals(*v, "false")) return std::string(kProbe);
    return std::nullopt;
  }
  if (o.negated || o.forAll) return std::nullopt;  // absent satisfies them
  auto v = scalar(c.values.empty() ? nullptr : c.values.front());
  if (!v) return std::nullopt;
  std::string text(*v);
  if (text.find("${") != std::string::npos) return std::nullopt;
  if (o.base.rfind("Numeric", 0) == 0) {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (o.base == "NumericLessThan") d -= 1;
    if (o.base == "NumericGreaterThan") d += 1;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return std::string(buf);
  }
  if (o.base.rfind("Date", 0) == 0) {
    auto d = core::parseDate(text).seconds;
    if (!d) return text;
    if (o.base == "DateLessThan") *d -= 1;
    if (o.base == "DateGreaterThan") *d += 1;
    return isoDate(*d);
  }
  if (o.base == "IpAddress") return text.substr(0, text.find('/'));
  if (o.base == "StringLike" || o.base == "ArnLike" || o.base == "ArnEquals") return fillWildcards(text);
  return text;
}

// Changes `ctx` so that `c` does not hold; false when it cannot.
bool falsify(const model::Condition& c, Context& ctx) {
  if (isFixedKey(c.key)) return false;
  const OpInfo o = opInfo(c.op);
  auto v = scalar(c.values.empty() ? nullptr : c.values.front());
  auto it = findKey(ctx, c.key);
  if (o.null) {
    if (v && iequals(*v, "true")) ctx[c.key] = {std::string(kProbe)};
    else if (it != ctx.end()) ctx.erase(it);
    return true;
  }
  if (o.negated) {
    if (!v || v->find("${") != std::string_view::npos) return false;
    ctx[c.key] = {o.base.find("Like") != std::string::npos || o.base.rfind("Arn", 0) == 0 ? fillWildcards(*v)
                                                                                           : std::string(*v)};
    return true;
  }
  if (o.base == "Bool") {
    ctx[c.key] = {v && iequals(*v, "true") ? "false" : "true"};
    return true;
  }
  if (o.forAll || o.ifExists) {
    ctx[c.key] = {"rolelint-other"};
    return true;
  }
  if (it != ctx.end()) ctx.erase(it);  // a positive operator on an absent key is false
  return true;
}

}  // namespace

// addImpliedKeys for a request of a role (principal `selfArn`, a role ARN, and no
// resourceAccount): aws:PrincipalAccount and aws:PrincipalArn unless the context has
// them, with values worked out once per subject (AccessCore).
void addPrincipalKeys(Context& ctx, const std::string& principalAccount, const std::string& selfArn) {
  auto absent = [&](std::string_view key) {  // evaluate.cpp's lookup(): an empty value counts as absent
    const auto it = findKey(std::as_const(ctx), key);
    return it == std::as_const(ctx).end() || it->second.empty();
  };
  auto set = [&](const char* key, const std::string& value) {
    std::vector<std::string>& values = ctx[key];
    values.clear();
    values.push_back(value);
  };
  if (!principalAccount.empty() && absent("aws:PrincipalAccount")) set("aws:PrincipalAccount", principalAccount);
  if (absent("aws:PrincipalArn")) set("aws:PrincipalArn", selfArn);
}

// What every question about one subject starts from: the account its ARNs use and
// its action sets. Shared by the RL6xx rules of a role through accessCore().
struct AccessCore {
  std::string account;
  std::string selfArn;
  std::string principalAccount;  // selfArn's account field (aws:PrincipalAccount)
  // boundaryAllowed: what the boundary allows; unset without a boundary (everything).
  // granted: what the identity policies allow; set only with a boundary (without one,
  // effective is granted minus the Denies).
  std::optional<ActionSet> granted, effective, boundaryAllowed;
  bool everything = false;  // effective holds every catalog action
  // The statement action sets of the subject's documents (identity, then the boundary),
  // held here so that the searches need not ask each document's memo (a lock) again.
  std::vector<std::pair<const model::PolicyDocument*, std::shared_ptr<const std::vector<ActionSet>>>> sets;
  const std::vector<ActionSet>* setsOf(const model::PolicyDocument& doc, const catalog::Catalog& catalog,
                                       std::shared_ptr<const std::vector<ActionSet>>& hold) const {
    for (const auto& [d, held] : sets)
      if (d == &doc) return held.get();
    hold = analysis::effective::statementActionSets(doc, catalog);
    return hold.get();
  }
  // {the request context every question starts from (the analysis date)}: also the
  // contexts of statements without conditions (Analysis::anyTargetContexts).
  std::shared_ptr<const std::vector<Context>> baseOnly;
  // baseOnly's context with the principal's keys (addPrincipalKeys): the context of the
  // requests tried in it, sharing its entries. Built on first use: most roles of an audit
  // have no request to try.
  const Context& principalBase() const {
    std::call_once(principalOnce, [&] {
      principalContext = baseOnly->front();
      addPrincipalKeys(principalContext, principalAccount, selfArn);
    });
    return principalContext;
  }
  mutable std::once_flag principalOnce;
  mutable Context principalContext;
  // Analysis::anyTargetContexts, shared by the searches of every rule on this subject
  // (RL604 to RL607 ask about actions granted by the same statements). Entries are never
  // removed: references into the map stay valid.
  mutable std::mutex contextsMu;
  mutable std::map<std::vector<const model::Statement*>, std::vector<Context>> anyTargetContexts;
};

bool mayUseSomeService(const AccessCore& core, const catalog::Catalog* catalog,
                       const std::vector<std::string>& services) {
  return catalog == nullptr || mayUseSomeAction(core, serviceActions(*catalog, services));
}

ActionSet serviceActions(const catalog::Catalog& catalog, const std::vector<std::string>& services) {
  ActionSet out(catalog);
  for (const std::string& s : services)
    if (const auto range = catalog.serviceActions(s))
      for (std::size_t i = 0; i < range->count; ++i) out.add(static_cast<catalog::ActionRef>(range->first + i));
  return out;
}

bool mayUseSomeAction(const AccessCore& core, const ActionSet& actions) {
  if (!core.effective || core.everything) return true;
  return core.effective->intersectsKnown(actions);
}

std::shared_ptr<const AccessCore> accessCore(const EscalationSubject& s, const catalog::Catalog* catalog) {
  auto core = std::make_shared<AccessCore>();
  std::string& account = core->account;
  account = s.account;
  if (account.empty()) {
    // The account the policies name, so that their ARNs can match the role's.
    for (const auto* d : s.policies.identity)
      for (const auto& st : d->statements)
        for (const auto& r : st.resource.items)
          if (auto p = splitArn(r.value); p && p->account.size() == 12 && !wildcardOrVariable(p->account) && account.empty())
            account = std::string(p->account);
    if (account.empty()) account = "123456789012";
  }
  core->selfArn = roleArn(account, s.path, s.name);
  if (const auto f = core::splitArnFields(core->selfArn)) core->principalAccount = std::string((*f)[4]);
  if (catalog != nullptr) {
    auto& granted = core->granted;
    auto& effective = core->effective;
    auto& boundaryAllowed = core->boundaryAllowed;
    // The actions of the Allow statements of `d` join `allows` (held by core->sets, so
    // the pointers stay valid), to be united in one pass (ActionSet::unionKnown).
    std::vector<const ActionSet*> allows;
    allows.reserve(16);
    core->sets.reserve(s.policies.identity.size() + 1);
    auto addAllows = [&](const model::PolicyDocument* d) {
      const auto sets = analysis::effective::statementActionSets(*d, *catalog);
      core->sets.emplace_back(d, sets);
      for (size_t i = 0; i < d->statements.size(); ++i) {
        const auto& st = d->statements[i];
        if (st.effect == model::Effect::Allow && (st.resource.present() || st.notResource.present()))
          allows.push_back(&(*sets)[i]);
      }
    };
    for (const auto* d : s.policies.identity) addAllows(d);
    granted.emplace(ActionSet::unionKnown(*catalog, allows.data(), allows.size()));
    // Without a boundary the granted actions are the effective ones before the Denies
    // (granted itself is read only with a boundary: Analysis::gains).
    if (s.policies.boundary == nullptr) {
      effective = std::move(granted);
      granted.reset();
    } else {
      allows.clear();
      addAllows(s.policies.boundary);
      boundaryAllowed.emplace(ActionSet::unionKnown(*catalog, allows.data(), allows.size()));
      effective = ActionSet::intersection(*granted, *boundaryAllowed);
    }
    std::vector<const model::PolicyDocument*> all = s.policies.identity;
    all.push_back(s.policies.boundary);
    effective->subtract(DenyIndex(*catalog, all).denied());
    core->everything = effective->holdsAllKnown();
  }
  // The request context of the analysis date, once per thread and date: every role of
  // an audit has the same (shared, not copied: a context is a map of strings).
  struct DateContext {
    double now = -1;
    std::shared_ptr<const std::vector<Context>> base;
  };
  thread_local DateContext date;
  if (date.now != s.now || !date.base) {
    date.now = s.now;
    const std::string iso = isoDate(s.now);
    char epoch[32];
    std::snprintf(epoch, sizeof epoch, "%lld", static_cast<long long>(s.now));
    Context c;
    c["aws:CurrentTime"] = {iso};
    c["aws:TokenIssueTime"] = {iso};
    c["aws:EpochTime"] = {epoch};
    date.base = std::make_shared<const std::vector<Context>>(std::vector<Context>{std::move(c)});
  }
  core->baseOnly = date.base;
  return core;
}

namespace {

struct Analysis {
  const EscalationSubject& subject;
  const EscalationTable& table;
  const catalog::Catalog* catalog;
  std::shared_ptr<const AccessCore> core;  // computed here unless the caller shares one
  const std::string& account;
  const std::string& selfArn;
  const std::optional<ActionSet>&granted, &effective, &boundaryAllowed;

  Analysis(const EscalationSubject& s, const EscalationTable& t, const catalog::Catalog* c,
           std::shared_ptr<const AccessCore> shared = nullptr)
      : subject(s),
        table(t),
        catalog(c),
        core(shared ? std::move(shared) : accessCore(s, c)),
        account(core->account),
        selfArn(core->selfArn),
        granted(core->granted),
        effective(core->effective),
        boundaryAllowed(core->boundaryAllowed) {}

  // Action-level pre-filter: may some request for `action` be allowed?
  bool mayBeEffective(std::string_view action) const {
    if (effective) {
      if (const catalog::Action* a = catalog->findAction(action)) return effective->contains(a->ref);
    }
    return actionAccess(subject.policies, action).effective;
  }

  bool isSelf(std::string_view arn) const {
    auto p = splitArn(arn);
    if (!p || p->service != "iam") return false;
    std::string res = "role" + subject.path + subject.name;
    return p->resource == res && (p->account == account || p->account == "*");
  }

  std::string instantiate(std::string_view pattern, std::string_view service) const {
    if (pattern == "*") return "";
    auto p = splitArn(pattern);
    if (!p) return "";
    std::string partition = wildcardOrVariable(p->partition) ? "aws" : std::string(p->partition);
    std::string svc = wildcardOrVariable(p->service) ? std::string(service) : std::string(p->service);
    std::string region = p->region.empty() ? "" : wildcardOrVariable(p->region) ? "us-east-1" : std::string(p->region);
    std::string acct = p->account.empty() ? "" : wildcardOrVariable(p->account) ? account : std::string(p->account);
    return "arn:" + partition + ":" + svc + ":" + region + ":" + acct + ":" + fillWildcards(p->resource);
  }

  // A resource ARN of the action's first resource type, or "*" for actions without one.
  std::string templateProbe(std::string_view action) const {
    if (catalog == nullptr) return "*";
    return templateProbe(catalog->findAction(action));
  }
  std::string templateProbe(const catalog::Action* a) const {
    if (a == nullptr || a->resources.empty() || a->resources.front().type == nullptr ||
        a->resources.front().type->arnTemplates.empty())
      return "*";
    std::string_view t = a->resources.front().type->arnTemplates.front();
    std::string out;
    out.reserve(t.size() + 16);
    for (size_t i = 0; i < t.size();) {
      const size_t open = t.find("${", i);
      const size_t close = open == std::string_view::npos ? open : t.find('}', open);
      if (close == std::string_view::npos) {  // no (closed) variable left: the rest is literal
        out += t.substr(i);
        break;
      }
      out += t.substr(i, open - i);
      std::string_view name = t.substr(open + 2, close - open - 2);
      if (name == "Partition") out += "aws";
      else if (name == "Region") out += "us-east-1";
      else if (name == "Account") out += account;
      else out += kProbe;
      i = close + 1;
    }
    return out;
  }

  std::vector<const model::Statement*> coveringAllows(const model::PolicyDocument* doc, std::string_view action) const {
    std::vector<const model::Statement*> out;
    if (doc == nullptr) return out;
    // A catalog action: the document's statement sets (computed once) answer by bit.
    const catalog::Action* known = catalog != nullptr ? catalog->findAction(action) : nullptr;
    std::shared_ptr<const std::vector<ActionSet>> hold;
    const std::vector<ActionSet>* sets = known != nullptr ? core->setsOf(*doc, *catalog, hold) : nullptr;
    for (size_t i = 0; i < doc->statements.size(); ++i) {
      const auto& s = doc->statements[i];
      if (s.effect == model::Effect::Allow && (s.resource.present() || s.notResource.present()) &&
          (sets != nullptr ? (*sets)[i].contains(known->ref) : statementCoversAction(s, action)))
        out.push_back(&s);
    }
    return out;
  }

  // coveringAllows(doc, action) appended to `out` until it holds `limit` statements;
  // false when the document adds none.
  // `known`: the catalog's entry of `action` when the caller has it (else looked up).
  bool firstCoveringAllows(const model::PolicyDocument* doc, std::string_view action, size_t limit,
                           std::vector<const model::Statement*>& out, const catalog::Action* known = nullptr) const {
    if (doc == nullptr || out.size() >= limit) return false;
    if (known == nullptr && catalog != nullptr) known = catalog->findAction(action);
    std::shared_ptr<const std::vector<ActionSet>> hold;
    const std::vector<ActionSet>* sets = known != nullptr ? core->setsOf(*doc, *catalog, hold) : nullptr;
    bool added = false;
    for (size_t i = 0; i < doc->statements.size() && out.size() < limit; ++i) {
      const auto& s = doc->statements[i];
      if (s.effect == model::Effect::Allow && (s.resource.present() || s.notResource.present()) &&
          (sets != nullptr ? (*sets)[i].contains(known->ref) : statementCoversAction(s, action))) {
        out.push_back(&s);
        added = true;
      }
    }
    return added;
  }

  std::vector<std::string> resources(const EscalationStep& step, std::string_view action) const {
    std::vector<std::string> out;
    auto add = [&](std::string r) {
      if (r.empty() || out.size() >= kMaxCandidates) return;
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
    };
    const std::string_view svc = action.substr(0, action.find(':'));
    switch (step.target) {
      case EscalationTarget::SelfRole: add(selfArn); return out;
      case EscalationTarget::SelfPolicy:
        for (const auto& p : subject.ownPolicies)
          if (p.rfind("arn:", 0) == 0 && p.find(":iam::aws:policy/") == std::string::npos) add(p);
        if (subject.boundaryArn.rfind("arn:", 0) == 0 && subject.boundaryArn.find(":iam::aws:policy/") == std::string::npos)
          add(subject.boundaryArn);
        return out;
      default: break;
    }
    const std::string_view kind = kindPrefix(step.target);
    std::vector<std::string> raw;
    for (const auto* doc : subject.policies.identity)
      for (const auto* s : coveringAllows(doc, action))
        for (const auto& r : s->resource.items)
          if (!wildcardOnly(step.target) || wildcardOrVariable(r.value)) raw.push_back(instantiate(r.value, svc));
    if (kind.empty()) {
      raw.push_back(templateProbe(action));
    } else {
      raw.push_back("arn:aws:iam::" + account + ":" + std::string(kind) + std::string(kProbe));
    }
    for (auto& r : raw) {
      if (!kind.empty()) {
        auto p = splitArn(r);
        if (!p || p->service != "iam" || p->resource.rfind(kind, 0) != 0) continue;
        if (kind == "role/" && isSelf(r)) continue;
      }
      add(std::move(r));
    }
    return out;
  }

  // Values of condition `key` in the Allow statements covering `action` (identity and boundary).
  std::vector<std::pair<std::string, bool>> conditionValues(std::string_view action, std::string_view key) const {
    std::vector<std::pair<std::string, bool>> out;  // value (wildcards filled), came from a wildcard
    std::vector<const model::PolicyDocument*> docs = subject.policies.identity;
    docs.push_back(subject.policies.boundary);
    for (const auto* doc : docs)
      for (const auto* s : coveringAllows(doc, action))
        for (const auto& c : s->conditions)
          if (iequals(c.key, key) && !opInfo(c.op).negated && !opInfo(c.op).null)
            for (const json::Value* v : c.values)
              if (auto t = scalar(v)) out.push_back({fillWildcards(*t), wildcardOrVariable(*t)});
    return out;
  }

  bool policyEscalates(std::string_view arn, std::string_view action, bool fromWildcard) const {
    for (const auto& p : table.privilegedPolicies)
      if (iequals(p, arn)) return true;
    if (!fromWildcard) return false;  // a named policy: presumably not privileged
    // An allow-listed pattern helps nothing when the role may create a policy it matches.
    Request r{selfArn, "iam:CreatePolicy", std::string(arn), baseContext()};
    (void)action;
    return evaluate(subject.policies, r).decision == Decision::Allowed;
  }

  const Context& baseContext() const { return core->baseOnly->front(); }

  // Candidate contexts for one request of a step.
  std::vector<Context> contexts(const EscalationMethod& m, const EscalationStep& step, std::string_view action,
                                std::string_view service) const {
    std::vector<Context> fixed{baseContext()};
    if (step.target == EscalationTarget::SelfRole && !subject.boundaryArn.empty() &&
        !step.context.count("iam:PermissionsBoundary"))
      fixed[0]["iam:PermissionsBoundary"] = {subject.boundaryArn};
    for (const auto& [key, how] : step.context) {
      std::vector<std::optional<std::string>> values;
      if (how == "$service") {
        values.push_back(std::string(service));
      } else if (how == "$absent") {
        values.push_back(std::nullopt);
      } else if (how == "$policy") {
        for (const auto& p : table.privilegedPolicies) values.push_back(p);
        for (const auto& [v, wild] : conditionValues(action, key))
          if (policyEscalates(v, action, wild) && !(step.target == EscalationTarget::SelfRole &&
                                                     std::find(subject.ownPolicies.begin(), subject.ownPolicies.end(),
                                                               v) != subject.ownPolicies.end()))
            values.push_back(v);
      } else if (how == "$condition") {
        for (const auto& [v, wild] : conditionValues(action, key)) values.push_back(v);
        if (values.empty()) values.push_back(std::nullopt);
      } else {  // $chosen-…: an ARN of the attacker's choosing
        std::string kind = how == "$chosen-profile" ? "instance-profile/" : how == "$chosen-policy" ? "policy/" : "role/";
        values.push_back("arn:aws:iam::" + account + ":" + kind + std::string(kProbe));
        for (const auto& [v, wild] : conditionValues(action, key))
          if (wild) values.push_back(v);
      }
      std::vector<Context> next;
      for (const Context& c : fixed)
        for (const auto& v : values) {
          Context n = c;
          if (auto it = findKey(std::as_const(n), key); it != std::as_const(n).end()) n.erase(it);  // copies only to erase
          if (v) n[key] = {*v};
          if (next.size() < kMaxCandidates) next.push_back(std::move(n));
        }
      fixed = std::move(next);
    }
    (void)m;
    // Free keys: values that satisfy the conditions of each covering identity statement
    // (with the boundary's covering statements' conditions merged in).
    std::vector<Context> out;
    const auto ids = [&] {
      std::vector<const model::Statement*> v;
      for (const auto* d : subject.policies.identity)
        for (const auto* s : coveringAllows(d, action)) v.push_back(s);
      return v;
    }();
    const auto pbs = coveringAllows(subject.policies.boundary, action);
    for (const Context& base : fixed) {
      for (size_t i = 0; i < std::max<size_t>(ids.size(), 1) && i < 4; ++i) {
        Context c = base;
        auto satisfy = [&](const model::Statement* s) {
          for (const auto& cond : s->conditions) {
            if (isFixedKey(cond.key) || step.context.count(cond.key) || hasKey(c, cond.key)) continue;
            if (iequals(cond.key, "iam:PermissionsBoundary") && step.target == EscalationTarget::SelfRole) continue;
            if (iequals(cond.key, "iam:PassedToService")) continue;
            if (auto v = satisfying(cond)) c[cond.key] = {*v};
          }
        };
        if (!ids.empty()) satisfy(ids[i]);
        if (!pbs.empty()) satisfy(pbs.front());
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
      }
    }
    return out;
  }

  // contexts() of a step on any target with no context of its own (the exposure and
  // forbid searches), which depends only on the statements that cover the action: the
  // first four identity statements and the first boundary statement. Consecutive
  // actions of a search are mostly granted by the same statements.
  const std::vector<Context>& anyTargetContexts(const EscalationMethod& m, const EscalationStep& step,
                                                const std::string& action, const catalog::Action* known = nullptr) const {
    if (known == nullptr && catalog != nullptr) known = catalog->findAction(action);  // once, not per document
    std::vector<const model::Statement*> key;
    key.reserve(5);
    for (const auto* d : subject.policies.identity)
      if (key.size() < 4) firstCoveringAllows(d, action, 4, key, known);
    if (!firstCoveringAllows(subject.policies.boundary, action, key.size() + 1, key, known)) key.push_back(nullptr);
    // Statements without conditions leave the base context as it is (contexts() has no
    // free key to satisfy): the usual case, answered without the cache.
    if (std::all_of(key.begin(), key.end(), [](const model::Statement* st) { return st == nullptr || st->conditions.empty(); }))
      return *core->baseOnly;
    // The contexts depend on nothing else: both callers ask with kAny and a step on any
    // target without a context of its own, so the cache is the subject's (AccessCore).
    std::lock_guard<std::mutex> lock(core->contextsMu);
    auto& cache = core->anyTargetContexts;
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(std::move(key), contexts(m, step, action, "")).first;
    return it->second;
  }

  // The first of the requests (action, resource, each context) the evaluator allows,
  // after moving free condition keys so that conditional Denies do not apply.
  std::optional<EscalationWitness> tryRequest(const EscalationStep& step, const std::string& action,
                                              const std::string& resource, const std::vector<Context>& ctxs) const {
    for (const Context& ctx : ctxs) {
      // The principal's keys, added to this copy so that evaluate() need not copy the
      // request again to add them (fixed keys: no search sets or moves them); the base
      // context has them already, and its entries are shared, not copied.
      const bool base = &ctx == &baseContext();
      Request req{selfArn, action, resource, base ? core->principalBase() : ctx};
      if (!base) addPrincipalKeys(req.context, core->principalAccount, selfArn);
      Evaluation e = evaluateWithImpliedKeys(subject.policies, req);
      for (int retry = 0; retry < 2 && e.decision == Decision::ExplicitlyDenied; ++retry) {
        bool changed = false;
        for (const StatementRef& d : e.deciding) {
          const model::Statement& s = d.policy->statements[d.index];
          for (const auto& cond : s.conditions)
            if (!step.context.count(cond.key) && falsify(cond, req.context)) {
              changed = true;
              break;
            }
        }
        if (!changed) break;
        e = evaluateWithImpliedKeys(subject.policies, req);  // falsify() leaves fixed keys alone
      }
      if (e.decision == Decision::Allowed) return EscalationWitness{std::move(req), std::move(e)};
    }
    return std::nullopt;
  }

  // A confirmed request for the step, on `resource` when given (same-target methods).
  std::optional<EscalationWitness> witness(const EscalationMethod& m, const EscalationStep& step,
                                           const std::string* resource) const {
    std::vector<std::string> services = m.services;
    if (services.empty()) services.push_back("");
    for (const std::string& action : step.actions) {
      if (!mayBeEffective(action)) continue;
      std::vector<std::string> rs = resource ? std::vector<std::string>{*resource} : resources(step, action);
      for (const std::string& r : rs) {
        if (!gains(m, step, r)) continue;
        for (const std::string& svc : services)
          if (auto w = tryRequest(step, action, r, contexts(m, step, action, svc))) return w;
      }
    }
    return std::nullopt;
  }

  // Self-escalation must widen the role.
  bool gains(const EscalationMethod& m, const EscalationStep& step, const std::string& resource) const {
    if (!effective) return true;  // without a catalog, cannot tell: assume it does
    if (m.gain == "boundary") {
      if (subject.policies.boundary == nullptr) return false;
      ActionSet more = *granted;
      more.subtract(*effective);
      return more.knownCount() != 0;
    }
    if (m.gain != "self") return true;
    if (step.target != EscalationTarget::SelfRole && step.target != EscalationTarget::SelfPolicy) return true;
    // The widest the role can become: everything (no boundary, or the boundary itself
    // rewritten), else what the boundary allows. It gains if that exceeds today's.
    if ((step.target == EscalationTarget::SelfPolicy && resource == subject.boundaryArn) || !boundaryAllowed)
      return !core->everything;
    ActionSet more = *boundaryAllowed;
    more.subtract(*effective);
    return more.knownCount() != 0;
  }

  // Per method of `table`, per step: the action ranges of the services the step
  // names (from the catalog's index, no section parsed), and, worked out on first
  // use, the step's catalog actions and whether every action of the step is one.
  // Once per process, table and catalog: an audit asks each role about every
  // method, and a single role should not parse every service the table names.
  struct StepActions {
    std::vector<catalog::Catalog::ActionRange> services;
    bool servicesKnown = true;  // every action's service is in the catalog
    std::once_flag once;
    std::optional<ActionSet> known;
    bool allKnown = true;
  };
  using TableSteps = std::vector<std::vector<std::unique_ptr<StepActions>>>;
  static const TableSteps& stepActions(const EscalationTable& table, const catalog::Catalog& catalog) {
    static std::mutex mu;
    static std::map<std::pair<const EscalationTable*, std::uint64_t>, TableSteps> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto [it, fresh] = cache.try_emplace({&table, catalog.serial()});
    if (fresh)
      for (const EscalationMethod& m : table.methods) {
        auto& steps = it->second.emplace_back();
        for (const auto& step : m.steps) {
          auto sa = std::make_unique<StepActions>();
          for (const std::string& a : step.actions) {
            const auto range = catalog.serviceActions(std::string_view(a).substr(0, a.find(':')));
            if (!range) {
              sa->servicesKnown = false;
            } else if (std::none_of(sa->services.begin(), sa->services.end(),
                                    [&](const auto& r) { return r.first == range->first; })) {
              sa->services.push_back(*range);  // once per service (a step often names several iam: actions)
            }
          }
          steps.push_back(std::move(sa));
        }
      }
    return it->second;
  }
  static const StepActions& resolved(StepActions& sa, const EscalationStep& step, const catalog::Catalog& catalog) {
    std::call_once(sa.once, [&] {
      sa.known.emplace(catalog);
      for (const std::string& a : step.actions) {
        if (const catalog::Action* act = catalog.findAction(a)) sa.known->add(act->ref);
        else sa.allKnown = false;
      }
    });
    return sa;
  }

  mutable const TableSteps* tableSteps_ = nullptr;
  std::optional<EscalationFinding> open(const EscalationMethod& m) const {
    // Quick answers by bits: a step none of whose (catalog) actions is effective.
    if (effective && &m >= table.methods.data() && &m < table.methods.data() + table.methods.size()) {
      if (tableSteps_ == nullptr) tableSteps_ = &stepActions(table, *catalog);  // one lock per role, not per method
      const auto& steps = (*tableSteps_)[static_cast<size_t>(&m - table.methods.data())];
      // Every action of the table is in this catalog: a step whose services have no
      // effective action is ruled out without parsing them.
      if (!table.catalogVersion.empty() && catalog->version() == table.catalogVersion)
        for (const auto& sa : steps)
          if (sa->servicesKnown && std::none_of(sa->services.begin(), sa->services.end(), [&](const auto& r) {
                return effective->intersectsRange(r.first, r.count);
              }))
            return std::nullopt;
      for (size_t i = 0; i < steps.size(); ++i) {
        const StepActions& sa = resolved(*steps[i], m.steps[i], *catalog);
        if (sa.allKnown && !sa.known->intersectsKnown(*effective)) return std::nullopt;
      }
    }
    for (const auto& step : m.steps)
      if (std::none_of(step.actions.begin(), step.actions.end(), [&](const std::string& a) { return mayBeEffective(a); }))
        return std::nullopt;
    EscalationFinding f;
    f.method = &m;
    if (m.sameTarget) {
      // Candidate targets from the first step; every step must act on the same one.
      std::vector<std::string> targets;
      for (const auto& a : m.steps.front().actions)
        for (auto& r : resources(m.steps.front(), a))
          if (std::find(targets.begin(), targets.end(), r) == targets.end()) targets.push_back(r);
      for (const std::string& t : targets) {
        f.steps.clear();
        for (const auto& step : m.steps) {
          auto w = witness(m, step, &t);
          if (!w) break;
          f.steps.push_back(std::move(*w));
        }
        if (f.steps.size() == m.steps.size()) break;
      }
      if (f.steps.size() != m.steps.size()) return std::nullopt;
    } else {
      for (const auto& step : m.steps) {
        auto w = witness(m, step, nullptr);
        if (!w) return std::nullopt;
        f.steps.push_back(std::move(*w));
      }
    }
    // The Resource pattern of the first step's granting statement that matched.
    for (const StatementRef& d : f.steps.front().evaluation.identity.allows) {
      const model::Statement& s = d.policy->statements[d.index];
      for (const auto& r : s.resource.items)
        if (arnMatches(r.value, f.steps.front().request.resource, &f.steps.front().request.context, true, true)) {
          f.pattern = r.value;
          break;
        }
      if (!f.pattern.empty()) break;
    }
    return f;
  }
};

}  // namespace

AccessAnswer findAccess(const EscalationSubject& subject, const catalog::Catalog* catalog,
                        const std::vector<std::string>& actionPatterns,
                        const std::vector<std::string>& resourcePatterns, std::shared_ptr<const AccessCore> core) {
  static const EscalationTable kNoTable;
  static const EscalationMethod kAny{.id = "", .title = "", .cls = 'S'};
  AccessAnswer out;
  Analysis a(subject, kNoTable, catalog, std::move(core));
  // The concrete actions: catalog expansion, or the literal itself.
  std::vector<std::string> actions;
  for (const std::string& p : actionPatterns) {
    if (catalog != nullptr)
      for (catalog::ActionRef ref : ActionSet::cached(*catalog, p).refs())
        if (!a.effective || a.effective->contains(ref)) actions.push_back(catalog->actionName(ref));
    if (!wildcardOrVariable(p) && (catalog == nullptr || catalog->findAction(p) == nullptr)) actions.push_back(p);
  }
  EscalationStep step;
  step.target = EscalationTarget::Any;
  for (const std::string& action : actions) {
    if (!a.mayBeEffective(action)) continue;
    const std::string_view svc = std::string_view(action).substr(0, action.find(':'));
    for (const std::string& pattern : resourcePatterns) {
      // Resources the forbidden pattern and a granting statement both name.
      std::vector<std::string> rs;
      auto add = [&](std::string r) {
        if (!r.empty() && std::find(rs.begin(), rs.end(), r) == rs.end() && rs.size() < kMaxCandidates &&
            (pattern == "*" || arnMatches(pattern, r)))
          rs.push_back(std::move(r));
      };
      bool overlap = false;
      for (const auto* doc : subject.policies.identity)
        for (const auto* s : a.coveringAllows(doc, action)) {
          if (s->notResource.present()) overlap = true;
          for (const auto& r : s->resource.items) {
            if (!arnPatternsIntersect(r.value, pattern)) continue;
            overlap = true;
            add(r.value == "*" ? "" : a.instantiate(r.value, svc));
          }
        }
      if (!overlap) continue;
      out.mayBeAllowed = true;
      add(pattern == "*" ? a.templateProbe(action) : a.instantiate(pattern, svc));
      if (pattern == "*") add("*");
      for (const std::string& r : rs)
        if (auto w = a.tryRequest(step, action, r, a.anyTargetContexts(kAny, step, action))) {
          out.allowed = std::move(w);
          return out;
        }
    }
  }
  return out;
}

// --- exposure (exposure.h): shares the request search above ---

namespace {
bool onlyWild(std::string_view s) {
  return !s.empty() && s.find('*') != std::string_view::npos && s.find_first_not_of("*/:") == std::string_view::npos;
}

// What of a resource ARN template decides whether a pattern is unscoped for it: its
// service and the literal start of its resource part (before the first ${…}).
struct ResourcePrefix {
  std::string_view service, resource;
};

// The prefixes of an action's resource types (views into the catalog).
std::vector<ResourcePrefix> resourcePrefixes(const catalog::Action& a) {
  std::vector<ResourcePrefix> out;
  for (const catalog::ActionResource& r : a.resources) {
    if (r.type == nullptr) continue;
    for (std::string_view t : r.type->arnTemplates)
      if (auto tp = splitArn(t)) out.push_back({tp->service, tp->resource.substr(0, tp->resource.find("${"))});
  }
  return out;
}

// unscopedFor for a pattern already split: a resource part that is only wildcards after
// the literal start of one of the resource types (of any service when `anyService`).
bool unscopedByPrefix(const std::vector<ResourcePrefix>& prefixes, const ArnParts& p, bool anyService) {
  for (const ResourcePrefix& t : prefixes) {
    if (!anyService && t.service != p.service) continue;
    if (p.resource.substr(0, t.resource.size()) == t.resource && onlyWild(p.resource.substr(t.resource.size())))
      return true;
  }
  return false;
}

}  // namespace

bool unscopedFor(const catalog::Catalog& catalog, std::string_view action, std::string_view pattern) {
  const catalog::Action* a = catalog.findAction(action);
  if (a == nullptr || a->resources.empty()) return false;  // only "*" exists: not "unscoped"
  if (pattern == "*") return true;
  auto p = splitArn(pattern);
  if (!p) return false;
  if (onlyWild(p->resource)) return true;
  return unscopedByPrefix(resourcePrefixes(*a), *p, wildcardOrVariable(p->service));
}

ActionList::ActionList(const catalog::Catalog& catalog, const std::vector<std::string>& names) : catalog_(&catalog) {
  for (const std::string& n : names) {
    const size_t colon = n.find(':');
    if (colon == std::string::npos) continue;
    if (const auto service = catalog.serviceActions(std::string_view(n).substr(0, colon)))
      entries_.push_back({n, *service, std::make_unique<std::once_flag>()});
  }
}

ActionSet ActionList::within(const ActionSet& mayDo) const {
  ActionSet out(*catalog_);
  for (const Entry& e : entries_) {
    // An action of the list lies in its service's range: none of it in `mayDo`, no look-up.
    if (!mayDo.intersectsRange(e.service.first, e.service.count)) continue;
    std::call_once(*e.once, [&] {
      if (const catalog::Action* act = catalog_->findAction(e.name)) e.ref = act->ref;
    });
    if (e.ref != catalog::kNoAction && mayDo.contains(e.ref)) out.add(e.ref);
  }
  return out;
}

namespace {
// What unscopedAccessOf needs to know of an action, worked out once per thread and
// catalog for each action some role may perform: an audit of 10,000 roles asks the
// same question of the same 17,000 actions for each role granted "*" (and an action
// look-up is a binary search over the services). Only the actions asked about are
// classified, so a role of one service reads only that service from the catalog.
// One instance per thread: the four exposure rules ask it for every role, and a
// shared one behind a lock cost more in locking than the classification it saves.
class ActionTraits {
 public:
  // The actions of `mayDo` that accept specific resources, and with a level mask,
  // those of its levels that are not reads by name.
  //
  // The masks are modification levels (Write, Permissions management, Tagging: RL606,
  // RL607). By AWS's API naming, an action named Get…, Describe… or List… reads; the
  // Service Authorization Reference gives 31 of them Permissions management (for example
  // quicksight:DescribeTopicPermissions, billing:GetResourcePolicy, both in AWS managed
  // policies such as SecurityAudit and ReadOnlyAccess) and some Write (iot:GetConnection),
  // though they change nothing: they are not candidates of the modification categories
  // (docs/security-analysis.md, "Reads the reference labels as changes").
  ActionSet wanted(const ActionSet& mayDo, std::uint8_t levelMask) { return classify(mayDo).select(mayDo, levelMask); }
  // This thread's instance for `catalog`.
  static ActionTraits& of(const catalog::Catalog& catalog) {
    thread_local std::uint64_t lastSerial = 0;
    thread_local ActionTraits* last = nullptr;
    if (last != nullptr && lastSerial == catalog.serial()) return *last;
    thread_local std::map<std::uint64_t, std::unique_ptr<ActionTraits>> byCatalog;
    auto& slot = byCatalog[catalog.serial()];
    if (!slot) slot.reset(new ActionTraits(catalog));
    lastSerial = catalog.serial();
    last = slot.get();
    return *slot;
  }

  // unscopedFor for a pattern already split and an action wanted() returned (its
  // prefixes were worked out by wanted(); entries are written once and never move).
  bool unscopedFor(catalog::ActionRef ref, const ArnParts& p, bool anyService) const {
    return unscopedByPrefix(prefixes(ref), p, anyService);
  }

 private:
  explicit ActionTraits(const catalog::Catalog& catalog)
      : catalog_(catalog),
        seen_(catalog),
        scoped_(catalog),
        readNamed_(catalog),
        prefixChunks_((catalog.actionCount() + kChunk - 1) / kChunk) {}
  // The resource prefixes of the classified actions, by ActionRef, in chunks allocated
  // when an action of theirs is classified: a table of every action would be half a
  // megabyte of pages to touch, which is most of a one-role run's page faults.
  static constexpr std::size_t kChunk = 1024;
  using Chunk = std::array<std::vector<ResourcePrefix>, kChunk>;
  const std::vector<ResourcePrefix>& prefixes(catalog::ActionRef ref) const {
    static const std::vector<ResourcePrefix> kNone;
    const auto& chunk = prefixChunks_[ref / kChunk];
    return chunk ? (*chunk)[ref % kChunk] : kNone;
  }
  std::vector<ResourcePrefix>& prefixesSlot(catalog::ActionRef ref) {
    auto& chunk = prefixChunks_[ref / kChunk];
    if (!chunk) chunk = std::make_unique<Chunk>();
    return (*chunk)[ref % kChunk];
  }
  ActionTraits& classify(const ActionSet& mayDo) {
    if (mayDo.isSubsetOf(seen_)) return *this;  // the usual case once a few roles are seen
    masks_.clear();
    ActionSet fresh = mayDo;
    fresh.subtract(seen_);
    if (fresh.firstRef() == catalog::kNoAction) return *this;
    for (catalog::ActionRef ref : fresh.refs()) {
      const catalog::Action* act = catalog_.action(ref);
      if (act == nullptr || act->resources.empty()) continue;  // accepts only "*": never "unscoped"
      prefixesSlot(ref) = resourcePrefixes(*act);
      scoped_.add(ref);
      for (size_t bit = 0; bit < levels_.size(); ++bit)
        if ((act->accessMask & (1u << bit)) != 0) levels_[bit].add(ref);
      for (std::string_view reads : {"Get", "Describe", "List"})
        if (act->name.substr(0, reads.size()) == reads) readNamed_.add(ref);
    }
    seen_.uniteKnown(fresh);
    return *this;
  }
  ActionSet select(const ActionSet& mayDo, std::uint8_t levelMask) {
    if (levelMask == 0) return ActionSet::intersection(mayDo, scoped_);
    // A mask's set is part of scoped_ (classify files only actions that accept specific
    // resources under their levels), so it alone narrows `out`.
    auto [it, fresh] = masks_.try_emplace(levelMask, catalog_);
    if (fresh) {  // the classified actions of the mask's levels that are not reads by name
      for (size_t bit = 0; bit < levels_.size(); ++bit)
        if ((levelMask & (1u << bit)) != 0) it->second.uniteKnown(levels_[bit]);
      it->second.subtract(readNamed_);
    }
    return ActionSet::intersection(mayDo, it->second);
  }

  const catalog::Catalog& catalog_;
  ActionSet seen_, scoped_, readNamed_;
  std::vector<std::unique_ptr<Chunk>> prefixChunks_;
  std::map<std::uint8_t, ActionSet> masks_;    // select()'s level sets, until classify adds actions
  std::array<ActionSet, 8> levels_{ActionSet(catalog_), ActionSet(catalog_), ActionSet(catalog_), ActionSet(catalog_),
                                   ActionSet(catalog_), ActionSet(catalog_), ActionSet(catalog_), ActionSet(catalog_)};
};

// With `candidates`, those of them the subject may perform; without, the actions of
// `levelMask` among what the subject may perform, found action by action so that only
// the services of its effective permissions are read from the catalog (a role of one
// service does not parse the whole catalog, as a catalog-wide level set would).
std::vector<UnscopedAccess> unscopedAccessOf(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                             const ActionList* list, std::uint8_t levelMask, size_t limit,
                                             size_t* count, std::shared_ptr<const AccessCore> core) {
  static const EscalationTable kNoTable;
  static const EscalationMethod kAny{.id = "", .title = "", .cls = 'S'};
  std::vector<UnscopedAccess> out;
  if (count != nullptr) *count = 0;
  Analysis a(subject, kNoTable, &catalog, std::move(core));
  if (!a.effective) return out;
  // With a list, what the subject may do of it (a subset of the effective actions, so no
  // copy of those); else every effective action.
  std::optional<ActionSet> listed;
  if (list != nullptr) listed.emplace(list->within(*a.effective));
  const ActionSet& mayDo = listed ? *listed : *a.effective;
  if (listed && mayDo.firstRef() == catalog::kNoAction) return out;
  // Actions that accept only "*" are not counted; with a mask, those of its levels.
  ActionTraits& traits = ActionTraits::of(catalog);
  const ActionSet wanted = traits.wanted(mayDo, levelMask);
  if (wanted.firstRef() == catalog::kNoAction) return out;
  // Each wanted action with the first Resource item that grants it unscoped, as
  // disjoint layers (actions, pattern) in statement order: set operations, so that
  // a role granted thousands of actions costs a few bitset passes, not a map of names.
  std::vector<std::pair<ActionSet, std::string_view>> layers;  // views of the statements' items
  layers.reserve(8);
  ActionSet foundSet(catalog);
  for (const auto* doc : subject.policies.identity) {
    std::shared_ptr<const std::vector<ActionSet>> hold;
    const std::vector<ActionSet>* sets = a.core->setsOf(*doc, catalog, hold);
    for (size_t si = 0; si < doc->statements.size(); ++si) {
      const auto& s = doc->statements[si];
      if (s.effect != model::Effect::Allow || (!s.resource.present() && !s.notResource.present())) continue;
      if (!(*sets)[si].intersectsKnown(wanted)) continue;
      ActionSet set = ActionSet::intersection((*sets)[si], wanted);
      set.subtract(foundSet);
      if (set.firstRef() == catalog::kNoAction) continue;
      if (s.notResource.present()) {
        foundSet.uniteKnown(set);
        layers.emplace_back(std::move(set), "NotResource");
        continue;
      }
      for (const auto& r : s.resource.items) {
        if (set.firstRef() == catalog::kNoAction) break;
        ActionSet hit(catalog);
        std::optional<ArnParts> p;
        if (r.value == "*" || ((p = splitArn(r.value)) && onlyWild(p->resource))) {
          hit = std::move(set);  // all of it: `set` is left with nothing (subtracted below)
          set = ActionSet(catalog);
        } else if (p) {
          const bool anyService = wildcardOrVariable(p->service);
          set.forEachRef([&](catalog::ActionRef ref) {
            if (traits.unscopedFor(ref, *p, anyService)) hit.add(ref);
            return true;
          });
        }
        if (hit.firstRef() == catalog::kNoAction) continue;
        set.subtract(hit);
        foundSet.uniteKnown(hit);
        layers.emplace_back(std::move(hit), r.value);
      }
    }
  }
  // The first actions (catalog order) with their patterns: what the loop below tries.
  std::vector<std::pair<catalog::ActionRef, std::string_view>> found;
  found.reserve(limit * 8);
  foundSet.forEachRef([&](catalog::ActionRef ref) {
    if (found.size() >= limit * 8) return false;
    for (const auto& [layer, pattern] : layers)
      if (layer.contains(ref)) {
        found.emplace_back(ref, pattern);
        break;
      }
    return true;
  });
  if (count != nullptr) *count = foundSet.knownCount();
  EscalationStep step;
  step.target = EscalationTarget::Any;
  size_t tried = 0;
  for (const auto& [ref, pattern] : found) {
    if (out.size() >= limit || tried++ >= limit * 8) break;
    const std::string name = catalog.actionName(ref);
    const std::string_view svc = std::string_view(name).substr(0, name.find(':'));
    const catalog::Action* act = catalog.action(ref);
    std::string r = pattern == "*" || pattern == "NotResource" ? a.templateProbe(act) : a.instantiate(pattern, svc);
    if (r.empty()) r = a.templateProbe(act);
    if (auto w = a.tryRequest(step, name, r, a.anyTargetContexts(kAny, step, name, act)))
      out.push_back({name, std::string(pattern), std::move(*w)});
  }
  return out;
}
}  // namespace

std::vector<UnscopedAccess> unscopedAccess(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                           const std::vector<std::string>& actions, std::uint8_t levelMask,
                                           size_t limit, size_t* count, std::shared_ptr<const AccessCore> core) {
  if (levelMask != 0) return unscopedAccessOf(subject, catalog, nullptr, levelMask, limit, count, std::move(core));
  const ActionList candidates(catalog, actions);
  return unscopedAccessOf(subject, catalog, &candidates, 0, limit, count, std::move(core));
}

std::vector<UnscopedAccess> unscopedAccess(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                           const ActionList& candidates, size_t limit, size_t* count,
                                           std::shared_ptr<const AccessCore> core) {
  return unscopedAccessOf(subject, catalog, &candidates, 0, limit, count, std::move(core));
}

std::vector<EscalationWitness> confirmedRequests(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                                 size_t perAction) {
  static const EscalationTable kNoTable;
  static const EscalationMethod kAny{.id = "", .title = "", .cls = 'S'};
  std::vector<EscalationWitness> out;
  Analysis a(subject, kNoTable, &catalog);
  if (!a.effective) return out;
  EscalationStep step;
  step.target = EscalationTarget::Any;
  for (catalog::ActionRef ref : a.effective->refs()) {
    const std::string action = catalog.actionName(ref);
    const std::string_view svc = std::string_view(action).substr(0, action.find(':'));
    std::vector<std::string> rs;
    for (const auto* doc : subject.policies.identity)
      for (const auto* s : a.coveringAllows(doc, action)) {
        if (s->notResource.present()) rs.push_back(a.templateProbe(action));
        for (const auto& r : s->resource.items) rs.push_back(r.value == "*" ? a.templateProbe(action) : a.instantiate(r.value, svc));
      }
    std::sort(rs.begin(), rs.end());
    rs.erase(std::unique(rs.begin(), rs.end()), rs.end());
    size_t n = 0;
    for (const std::string& r : rs) {
      if (r.empty() || n >= perAction) continue;
      // Every context candidate separately: each may be new access of its own.
      for (const Context& c : a.contexts(kAny, step, action, ""))
        if (auto w = a.tryRequest(step, action, r, {c})) {
          out.push_back(std::move(*w));
          if (++n >= perAction) break;
        }
    }
  }
  return out;
}

std::string roleArn(std::string_view account, std::string_view path, std::string_view name) {
  std::string p(path.empty() ? "/" : path);
  if (p.front() != '/') p = "/" + p;
  if (p.back() != '/') p += "/";
  return "arn:aws:iam::" + (account.empty() ? std::string("<unknown account>") : std::string(account)) + ":role" + p +
         std::string(name);
}

std::vector<EscalationFinding> findEscalations(const EscalationSubject& subject, const EscalationTable& table,
                                               const catalog::Catalog* catalog, std::string_view classes,
                                               std::shared_ptr<const AccessCore> core) {
  std::vector<EscalationFinding> out;
  Analysis a(subject, table, catalog, std::move(core));
  if (a.effective) {
    // A role that may already perform every action has nothing to gain.
    if (a.core->everything) return out;
  }
  std::set<std::string> found;
  std::vector<const EscalationMethod*> deferred;
  for (const EscalationMethod& m : table.methods) {
    if (classes.find(m.cls) == std::string_view::npos || found.count(m.id)) continue;
    if (!m.onlyWith.empty()) {
      deferred.push_back(&m);
      continue;
    }
    if (auto f = a.open(m)) {
      found.insert(m.id);
      out.push_back(std::move(*f));
    }
  }
  for (const EscalationMethod* m : deferred) {
    if (found.count(m->id) || !found.count(m->onlyWith)) continue;
    if (auto f = a.open(*m)) {
      found.insert(m->id);
      out.push_back(std::move(*f));
    }
  }
  // Table order.
  std::stable_sort(out.begin(), out.end(), [&](const EscalationFinding& x, const EscalationFinding& y) {
    return x.method - table.methods.data() < y.method - table.methods.data();
  });
  return out;
}

}  // namespace rolelint::analysis
