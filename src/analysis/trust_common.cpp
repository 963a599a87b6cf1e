// Helpers shared by the trust-policy rules: see trust_common.h.
#include "core/arn.h"
#include "analysis/trust_common.h"
#include "core/unknown.h"

#include "core/wildcard.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace rolelint::analysis::trust {

bool isTrust(const model::PolicyDocument& p) { return p.kind == model::PolicyKind::Trust; }
bool isAllow(const model::Statement& s) { return s.effect == model::Effect::Allow; }

bool isPositiveConcrete(const model::Condition& c) {
  std::string op = lower(c.op);
  if (op.rfind("forallvalues:", 0) == 0) return false;  // true when the key is absent
  if (op.rfind("foranyvalue:", 0) == 0) op = op.substr(12);
  if (op.size() >= 8 && op.compare(op.size() - 8, 8, "ifexists") == 0) return false;
  static const char* kPositive[] = {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"};
  if (std::find(std::begin(kPositive), std::end(kPositive), op) == std::end(kPositive)) return false;
  if (c.values.empty()) return false;
  for (const json::Value* v : c.values) {
    if (!v->isString()) return false;
    const std::string& t = v->text;
    if (t.empty() || std::all_of(t.begin(), t.end(), [](char ch) { return ch == '*' || ch == '?'; })) return false;
  }
  return true;
}

const model::Condition* findRestricting(const model::Statement& s, std::initializer_list<std::string_view> keys) {
  for (const model::Condition& c : s.conditions) {
    // A key with unknown parts (core/unknown.h) may be any of them: it never makes a missing-condition finding.
    const std::string pattern = core::hasUnknown(c.key) ? core::replaceUnknown(c.key, "*") : std::string();
    for (std::string_view k : keys) {
      const bool same = pattern.empty() ? iequals(c.key, k) : core::wildcardMatch(pattern, k, true);
      if (same && isPositiveConcrete(c)) return &c;
    }
  }
  return nullptr;
}

bool hasPrincipalRestriction(const model::Statement& s) {
  return findRestricting(s, {"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                             "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths",
                             "sts:ExternalId", "aws:userid", "aws:PrincipalServiceName"}) != nullptr;
}

bool hasSourceRestriction(const model::Statement& s) {
  return findRestricting(s, {"aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"}) !=
         nullptr;
}

std::vector<const model::Condition*> conditionsOn(const model::Statement& s, std::string_view key) {
  std::vector<const model::Condition*> out;
  for (const model::Condition& c : s.conditions)
    if (iequals(c.key, key)) out.push_back(&c);
  return out;
}

std::vector<const model::StringItem*> principalValues(const model::Statement& s, std::string_view type) {
  std::vector<const model::StringItem*> out;
  if (!s.principal) return out;
  for (const auto& e : s.principal->entries) {
    if (e.type != type) continue;
    for (const auto& item : e.values.items) out.push_back(&item);
  }
  return out;
}

std::optional<Federated> classifyFederated(std::string_view value) {
  if (value.rfind("arn:", 0) == 0) {
    if (auto pos = value.find(":saml-provider/"); pos != std::string_view::npos) return Federated{FederatedKind::Saml, ""};
    if (auto pos = value.find(":oidc-provider/"); pos != std::string_view::npos)
      return Federated{FederatedKind::Oidc, std::string(value.substr(pos + 15))};
    return std::nullopt;
  }
  if (value.empty() || value.find('/') != std::string_view::npos || value.find('.') == std::string_view::npos)
    return std::nullopt;
  return Federated{FederatedKind::Oidc, std::string(value)};  // web identity domain (cognito-identity.amazonaws.com…)
}

bool isAccountId(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::optional<std::string> arnAccount(std::string_view arn) {
  const auto f = core::splitArn(arn);
  if (!f) return std::nullopt;
  return std::string(f->account);
}

std::optional<std::string> principalAccount(std::string_view value) {
  if (isAccountId(value)) return std::string(value);
  auto acct = arnAccount(value);
  if (acct && isAccountId(*acct)) return acct;
  return std::nullopt;
}


bool globsIntersect(std::string_view a, std::string_view b) { return core::wildcardsIntersect(a, b, false); }

bool arnGlobsIntersect(std::string_view a, std::string_view b) {
  const auto pa = core::splitArnFields(a), pb = core::splitArnFields(b);
  if (!pa || !pb) return globsIntersect(a, b);
  for (size_t i = 0; i < pa->size(); ++i)
    if (!globsIntersect((*pa)[i], (*pb)[i])) return false;
  return true;
}

std::string placeholderGlob(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (std::isupper(static_cast<unsigned char>(pattern[i]))) {
      size_t j = i;
      while (j < pattern.size() && (std::isupper(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_')) ++j;
      if (j - i >= 2) {  // a placeholder word: PARTITION, REGION, ACCOUNT, NAME
        out += '*';
        i = j;
        continue;
      }
    }
    out += pattern[i++];
  }
  return out;
}

bool actionListCovers(const model::StringList& list, std::string_view action) {
  return std::any_of(list.items.begin(), list.items.end(),
                     [&](const model::StringItem& it) { return globMatch(it.value, action, true); });
}

bool statementAllows(const model::Statement& s, std::string_view action) {
  if (s.effect != model::Effect::Allow) return false;
  if (s.action.present()) return actionListCovers(s.action, action);
  if (s.notAction.present()) return !actionListCovers(s.notAction, action);
  return false;
}

namespace {

std::optional<std::string> accountOfArnMember(const json::Value& obj) {
  if (!obj.isObject()) return std::nullopt;
  const json::Value* arn = obj.find("Arn");
  if (arn == nullptr || !arn->isString() || arn->text.find(":role/") == std::string::npos) return std::nullopt;
  auto acct = arnAccount(arn->text);
  if (acct && isAccountId(*acct)) return acct;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ownAccount(const model::Role& role) {
  if (role.root == nullptr) return std::nullopt;
  return accountOfArnMember(*role.root);
}

std::optional<std::string> ownAccount(const model::PolicyDocument& trust) {
  for (const json::Value* v = trust.root; v != nullptr; v = v->parent) {
    if (auto a = accountOfArnMember(*v)) return a;
  }
  return std::nullopt;
}

std::set<std::string> oidcAudienceKeys(const model::Statement& s) {
  std::set<std::string> keys;
  for (const model::StringItem* v : principalValues(s, "Federated")) {
    const auto f = classifyFederated(v->value);
    if (f && f->kind == FederatedKind::Oidc) keys.insert(lower(f->host + ":aud"));
  }
  return keys;
}

}  // namespace rolelint::analysis::trust
