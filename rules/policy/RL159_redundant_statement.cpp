// RL159 redundant-statement: two statements of one policy with the same effect,
// principal, actions, resources and conditions (in any order, action and
// condition-key names compared case-insensitively) grant the same thing twice.
// Source: IAM User Guide, policy evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html) and IAM Access
// Analyzer policy check reference, "Redundant statement"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <algorithm>
#include <map>

namespace rolelint::rules {
namespace {

constexpr int kMaxDepth = 64;

// Canonical text of a JSON value: object members sorted by key, arrays in order.
bool canon(const json::Value& v, std::string& out, int depth) {
  if (depth > kMaxDepth) return false;
  switch (v.kind) {
    case json::Kind::Null: out += "null"; return true;
    case json::Kind::Boolean: out += v.boolean ? "true" : "false"; return true;
    case json::Kind::Number: out += "n" + v.text; return true;
    case json::Kind::String: out += "\"" + v.text + "\""; return true;
    case json::Kind::Array:
      out += "[";
      for (const json::Value& e : v.elements) {
        if (!canon(e, out, depth + 1)) return false;
        out += ",";
      }
      out += "]";
      return true;
    case json::Kind::Object: {
      std::vector<const json::Member*> ms;
      for (const json::Member& m : v.members) ms.push_back(&m);
      std::sort(ms.begin(), ms.end(), [](const json::Member* a, const json::Member* b) { return a->key < b->key; });
      out += "{";
      for (const json::Member* m : ms) {
        out += "\"" + m->key + "\":";
        if (!canon(m->value, out, depth + 1)) return false;
        out += ",";
      }
      out += "}";
      return true;
    }
  }
  return false;
}

// Appends the list's distinct values, sorted (lower-cased for actions), to `out`.
void appendSortedList(std::string& out, const model::StringList& l, bool lower) {
  if (!l.present()) {
    out += '-';
    return;
  }
  std::vector<std::string> v;
  v.reserve(l.items.size());
  for (const model::StringItem& i : l.items) v.push_back(lower ? policy::lower(i.value) : i.value.str());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  for (const std::string& s : v) {
    out += s;
    out += '\x1f';
  }
}

// The statement's meaning as a string, or "" when it cannot be compared.
std::string fingerprint(const model::Statement& s) {
  if (!s.node->isObject() || (s.effect != model::Effect::Allow && s.effect != model::Effect::Deny)) return {};
  std::string out = s.effect == model::Effect::Allow ? "A|" : "D|";
  for (const auto* pr : {&s.principal, &s.notPrincipal}) {
    if (pr->has_value() && !canon(*(*pr)->node, out, 0)) return {};
    out += "|";
  }
  appendSortedList(out, s.action, true);
  out += '|';
  appendSortedList(out, s.notAction, true);
  out += '|';
  appendSortedList(out, s.resource, false);
  out += '|';
  appendSortedList(out, s.notResource, false);
  out += '|';
  // Conditions: operator, lower-cased key, sorted values.
  std::vector<std::string> conds;
  for (const model::Condition& c : s.conditions) {
    std::vector<std::string> vals;
    for (const json::Value* v : c.values) {
      std::string t;
      if (!canon(*v, t, 0)) return {};
      vals.push_back(t);
    }
    std::sort(vals.begin(), vals.end());
    std::string one = c.op + "\x1e" + policy::lower(c.key) + "\x1e";
    for (const std::string& v : vals) one += v + "\x1f";
    conds.push_back(one);
  }
  if (s.condition != nullptr && !s.condition->isObject()) return {};
  std::sort(conds.begin(), conds.end());
  for (const std::string& c : conds) out += c + "\x1d";
  return out;
}

class RedundantStatement final : public engine::Rule {
 public:
  RedundantStatement()
      : engine::Rule({.id = "RL159",
                      .name = "redundant-statement",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "Two statements of one policy grant or deny exactly the same thing.",
                      .equivalents = {"access-analyzer:REDUNDANT_STATEMENT"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.statements.size() < 2) return;  // (one statement: nothing to compare it with)
    std::map<std::string, const model::Statement*> seen;
    for (const model::Statement& s : p.statements) {
      const std::string f = fingerprint(s);
      if (f.empty()) continue;
      auto [it, inserted] = seen.emplace(f, &s);
      if (inserted) continue;
      r.report(p, *s.node,
               policy::label(s) + " has the same effect, " + (policy::isTrust(p) ? "principals, " : "") +
                   "actions, resources and conditions as " + policy::label(*it->second) +
                   ", so it changes nothing",
               "Remove one of them");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL159() { return engine::makeRule<RedundantStatement>(); }

}  // namespace rolelint::rules
