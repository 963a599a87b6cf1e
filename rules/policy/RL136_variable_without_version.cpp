// RL136 variable-without-version: policy variables are substituted only under
// Version "2012-10-17"; without it (or with 2008-10-17) "${aws:username}" is literal text.
// Source: IAM User Guide, IAM JSON policy elements: Version
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html) and IAM policy
// elements: Variables and tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class VariableWithoutVersion final : public engine::Rule {
 public:
  VariableWithoutVersion()
      : engine::Rule({.id = "RL136",
                      .name = "variable-without-version",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A policy variable is used in a policy whose Version is not \"2012-10-17\".",
                      .equivalents = {"access-analyzer:VARIABLE_UNSUPPORTED_IN_VERSION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const json::Value* v = p.version;
    std::string why;
    if (v == nullptr) {
      why = "the policy has no \"Version\", so IAM applies the 2008-10-17 grammar";
    } else if (v->isString() && v->text == "2008-10-17") {
      why = "the policy's Version is \"2008-10-17\"";
    } else {
      return;  // 2012-10-17, or an invalid Version (RL102)
    }
    policy::forEachVariableSite(s, [&](const json::Value& val, const model::Condition*) {
      const auto vars = policy::variables(val.text);
      if (vars.empty()) return;
      r.reportSubstring(p, val, vars.front().pos, vars.front().len,
                              "\"" + val.text.substr(vars.front().pos, vars.front().len) +
                                  "\" is not substituted: " + why +
                                  ", in which policy variables are plain text",
                              "Add \"Version\": \"2012-10-17\"");
    });
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL136() { return engine::makeRule<VariableWithoutVersion>(); }

}  // namespace rolelint::rules
