// RL109 invalid-policy-element: a policy has only Version, Id and Statement; a
// statement only Sid, Effect, Principal, NotPrincipal, Action, NotAction,
// Resource, NotResource and Condition.
// Source: IAM User Guide, policy grammar
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html: `policy = { <version_block>?
// <id_block>? <statement_block> }` for every policy). `Id` is not reported in identity-based policies: the
// "IAM JSON policy elements: Id" page says it is not allowed there, but its own example is an identity-based
// policy (no Principal, s3:ListAllMyBuckets on "*"), IAM accepts it, Access Analyzer has no check for it, and
// cfn-lint's identity-policy schema (src/cfnlint/data/schemas/other/iam/policy_identity.json) allows it
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_id.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <array>

namespace rolelint::rules {
namespace {

constexpr std::array<std::string_view, 3> kTop = {"Version", "Id", "Statement"};
constexpr std::array<std::string_view, 9> kStatement = {"Sid",       "Effect",      "Principal",
                                                        "NotPrincipal", "Action",  "NotAction",
                                                        "Resource",  "NotResource", "Condition"};

template <size_t N>
std::string_view match(const std::array<std::string_view, N>& known, std::string_view key, bool& exact) {
  for (std::string_view k : known) {
    if (k == key) {
      exact = true;
      return k;
    }
  }
  exact = false;
  for (std::string_view k : known) {
    if (policy::iequals(k, key)) return k;
  }
  return {};
}

template <size_t N>
std::string list(const std::array<std::string_view, N>& known) {
  std::string out;
  for (std::string_view k : known) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

class InvalidPolicyElement final : public engine::Rule {
 public:
  InvalidPolicyElement()
      : engine::Rule({.id = "RL109",
                      .name = "invalid-policy-element",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "The policy or a statement has an element IAM does not know.",
                      .equivalents = {"access-analyzer:INVALID_POLICY_ELEMENT", "parliament:MALFORMED",
                                      "cfn-lint:E3510", "cfn-lint:E3530"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.root == nullptr || !p.root->isObject()) return;
    for (const json::Member& m : p.root->members) {
      bool exact = false;
      const std::string_view k = match(kTop, m.key, exact);
      if (exact) continue;
      r.reportKey(p, m.value, unknown(m.key, "policy", k), fix(k, list(kTop)));
    }
  }

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!s.node->isObject()) return;
    for (const json::Member& m : s.node->members) {
      bool exact = false;
      const std::string_view k = match(kStatement, m.key, exact);
      if (!exact) {
        r.reportKey(p, m.value, unknown(m.key, policy::label(s), k), fix(k, list(kStatement)));
      }
    }
  }

 private:
  static std::string unknown(const std::string& key, std::string_view where, std::string_view near) {
    std::string msg = "\"" + key + "\" is not an element of a " + std::string(where == "policy" ? "policy" : "statement");
    if (where != "policy") msg += " (" + std::string(where) + ")";
    msg += "; IAM rejects the policy as malformed";
    if (!near.empty()) msg += ": element names are case-sensitive";
    return msg;
  }

  static std::string fix(std::string_view near, const std::string& known) {
    if (!near.empty()) return "Write \"" + std::string(near) + "\"";
    return "Use one of the allowed elements: " + known;
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL109() { return engine::makeRule<InvalidPolicyElement>(); }

}  // namespace rolelint::rules
