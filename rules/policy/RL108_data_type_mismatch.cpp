// RL108 data-type-mismatch: each policy element has a fixed JSON type (Sid a
// string; Action/Resource a string or an array of strings; Principal "*" or an
// object of strings/arrays; Condition an object of objects).
// Source: IAM User Guide, policy grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html) and IAM Access Analyzer
// policy check reference, "Data type mismatch"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

using policy::typeName;

class DataTypeMismatch final : public engine::Rule {
 public:
  DataTypeMismatch()
      : engine::Rule({.id = "RL108",
                      .name = "data-type-mismatch",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A policy element has the wrong JSON type (e.g. a number in Action, an array as Sid).",
                      .equivalents = {"access-analyzer:DATA_TYPE_MISMATCH", "parliament:MALFORMED",
                                      "cfn-lint:E3510", "cfn-lint:E3530",
                                      "access-analyzer:INVALID_PRINCIPAL_FORMAT"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.root == nullptr || !p.root->isObject()) return;
    if (const json::Value* id = p.root->find("Id"); id != nullptr && !id->isString()) {
      r.report(p, *id, "\"Id\" must be a string, not " + typeName(*id) + "; IAM rejects the policy as malformed",
               "Write \"Id\" as a string or remove it");
    }
    if (p.statementNode != nullptr && p.statementNode->isArray()) {
      for (const json::Value& s : p.statementNode->elements) {
        if (!s.isObject()) {
          r.report(p, s,
                   "each entry of \"Statement\" must be a statement object, not " + typeName(s) +
                       "; IAM rejects the policy as malformed",
                   "Write each statement as an object, e.g. {\"Effect\": \"Allow\", \"Action\": …, \"Resource\": …}");
        }
      }
    }
  }

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!s.node->isObject()) return;
    const std::string where = policy::label(s);
    if (s.sid != nullptr && !s.sid->isString()) {
      r.report(p, *s.sid, "\"Sid\" must be a string, not " + typeName(*s.sid) + "; IAM rejects the policy",
               "Write \"Sid\" as a string or remove it");
    }
    stringList(s.action, "Action", "actions such as \"s3:GetObject\"", p, r);
    stringList(s.notAction, "NotAction", "actions such as \"s3:GetObject\"", p, r);
    stringList(s.resource, "Resource", "ARNs or \"*\"", p, r);
    stringList(s.notResource, "NotResource", "ARNs", p, r);
    if (s.principal) principal(*s.principal, "Principal", p, r);
    if (s.notPrincipal) principal(*s.notPrincipal, "NotPrincipal", p, r);
    if (s.condition != nullptr) condition(*s.condition, p, r);
  }

 private:
  static void stringList(const model::StringList& l, std::string_view name, std::string_view what,
                         const model::PolicyDocument& p, engine::Reporter& r) {
    if (!l.present()) return;
    const json::Value& v = *l.node;
    if (!v.isString() && !v.isArray()) {
      r.report(p, v,
               "\"" + std::string(name) + "\" must be a string or an array of strings (" + std::string(what) +
                   "), not " + typeName(v) + "; IAM rejects the policy as malformed",
               "Write \"" + std::string(name) + "\" as a string or an array of strings");
      return;
    }
    if (!v.isArray()) return;
    for (const json::Value& e : v.elements) {
      if (!e.isString()) {
        r.report(p, e,
                 "every entry of \"" + std::string(name) + "\" must be a string (" + std::string(what) + "), not " +
                     typeName(e) + "; IAM rejects the policy as malformed",
                 e.isNumber() ? "Quote the value" : "Write the entry as a string");
      }
    }
  }

  static void principal(const model::Principal& pr, std::string_view name, const model::PolicyDocument& p,
                        engine::Reporter& r) {
    const json::Value& v = *pr.node;
    if (!v.isString() && !v.isObject()) {
      r.report(p, v,
               "\"" + std::string(name) + "\" must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::…\"}, not " +
                   typeName(v) + "; IAM rejects the policy as malformed",
               "Write \"*\" or an object keyed by principal type");
      return;
    }
    for (const model::Principal::Entry& e : pr.entries) {
      const json::Value& ev = e.member->value;
      if (!ev.isString() && !ev.isArray()) {
        r.report(p, ev,
                 "the \"" + e.type + "\" principal must be a string or an array of strings, not " + typeName(ev) +
                     "; IAM rejects the policy as malformed",
                 ev.isNumber() ? "Quote account IDs" : "Write the principal as a string or an array of strings");
        continue;
      }
      if (!ev.isArray()) continue;
      for (const json::Value& x : ev.elements) {
        if (!x.isString()) {
          r.report(p, x,
                   "every entry of the \"" + e.type + "\" principal must be a string, not " + typeName(x) +
                       "; IAM rejects the policy as malformed" +
                       (x.isNumber() ? ": a number also loses leading zeros" : ""),
                   x.isNumber() ? "Quote account IDs" : "Write the entry as a string");
        }
      }
    }
  }

  static void condition(const json::Value& c, const model::PolicyDocument& p, engine::Reporter& r) {
    if (!c.isObject()) {
      r.report(p, c,
               "\"Condition\" must be an object such as {\"StringEquals\": {\"aws:SourceAccount\": \"…\"}}, not " +
                   typeName(c) + "; IAM rejects the policy as malformed",
               "Write \"Condition\" as an object keyed by condition operator");
      return;
    }
    for (const json::Member& op : c.members) {
      if (!op.value.isObject()) {
        r.report(p, op.value,
                 "the value of the \"" + op.key +
                     "\" operator must be an object mapping condition keys to values, not " + typeName(op.value) +
                     "; IAM rejects the policy as malformed",
                 "Write an object such as {\"aws:SourceAccount\": \"…\"}");
        continue;
      }
      for (const json::Member& key : op.value.members) {
        const json::Value& kv = key.value;
        auto bad = [](const json::Value& x) { return x.isObject() || x.isArray() || x.isNull(); };
        if (kv.isArray()) {
          for (const json::Value& x : kv.elements) {
            if (bad(x)) {
              r.report(p, x,
                       "values of the condition key \"" + key.key + "\" must be strings, numbers or booleans, not " +
                           typeName(x) + "; IAM rejects the policy as malformed",
                       "Write each value as a string, number or boolean");
            }
          }
        } else if (bad(kv)) {
          r.report(p, kv,
                   "the value of the condition key \"" + key.key +
                       "\" must be a string, number, boolean or an array of them, not " + typeName(kv) +
                       "; IAM rejects the policy as malformed",
                   "Write the value as a string, number, boolean or an array of them");
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL108() { return engine::makeRule<DataTypeMismatch>(); }

}  // namespace rolelint::rules
