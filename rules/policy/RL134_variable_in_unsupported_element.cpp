// RL134 variable-in-unsupported-element: policy variables are substituted only
// in Resource/NotResource and in condition values; elsewhere (Action, Principal,
// Sid) "${…}" is literal text or rejected.
// Source: IAM User Guide, IAM policy elements: Variables and tags, "Where you can use policy variables"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class VariableInUnsupportedElement final : public engine::Rule {
 public:
  VariableInUnsupportedElement()
      : engine::Rule({.id = "RL134",
                      .name = "variable-in-unsupported-element",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A policy variable is used outside Resource, NotResource and condition values.",
                      .equivalents = {"access-analyzer:VARIABLE_UNSUPPORTED_IN_ELEMENT"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    auto check = [&](const json::Value& v, std::string_view element) {
      if (!v.isString()) return;
      const auto vars = policy::variables(v.text);
      if (vars.empty()) return;
      r.reportSubstring(p, v, vars.front().pos, vars.front().len,
                              "policy variables are not supported in \"" + std::string(element) + "\"; \"" +
                                  v.text.substr(vars.front().pos, vars.front().len) +
                                  "\" is not substituted there",
                              "Use variables only in Resource/NotResource ARNs and in String/ARN condition values");
    };
    if (s.sid != nullptr) check(*s.sid, "Sid");
    for (const model::StringItem& a : s.action.items) check(*a.node, "Action");
    for (const model::StringItem& a : s.notAction.items) check(*a.node, "NotAction");
    if (s.principal) {
      for (const policy::PrincipalValue& v : policy::principalValues(*s.principal)) check(*v.item->node, "Principal");
    }
    if (s.notPrincipal) {
      for (const policy::PrincipalValue& v : policy::principalValues(*s.notPrincipal)) {
        check(*v.item->node, "NotPrincipal");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL134() { return engine::makeRule<VariableInUnsupportedElement>(); }

}  // namespace rolelint::rules
