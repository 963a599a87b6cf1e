// RL131 invalid-action-format: an action is "*" or "service-prefix:ActionName";
// IAM rejects others ("Actions/Conditions must be prefaced by a vendor").
// Source: IAM User Guide, IAM JSON policy elements: Action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

class InvalidActionFormat final : public engine::Rule {
 public:
  InvalidActionFormat()
      : engine::Rule({.id = "RL131",
                      .name = "invalid-action-format",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "An action is not \"*\" or of the form \"service:ActionName\".",
                      .equivalents = {"parliament:MALFORMED"}}) {}

  void checkAction(const model::StringItem& a, bool /*negated*/, const model::Statement& /*s*/,
                   const model::PolicyDocument& p, engine::Reporter& r) const override {
    const json::Text& t = a.value;
    if (t == "*" || (policy::hasVariable(t) || core::hasUnknown(t))) return;  // variables: RL134
    const size_t colon = t.find(':');
    std::string why;
    std::string fix;
    if (t.empty()) {
      why = "an empty action matches nothing";
      fix = "Name an action such as \"s3:GetObject\" or remove the entry";
    } else if (colon == std::string::npos) {
      why = "it has no service prefix";
      fix = "Write \"service:" + t + "\" (e.g. \"s3:GetObject\")";
    } else if (colon == 0) {
      why = "the service prefix before ':' is empty";
      fix = "Write the service prefix before ':' (e.g. \"s3:GetObject\")";
    } else if (colon + 1 == t.size()) {
      why = "the action name after ':' is empty";
      fix = "Write \"" + t + "*\" for every action of the service, or name the action";
    } else if (t.find(':', colon + 1) != std::string::npos) {
      why = "it has more than one ':'; an action is exactly \"service:ActionName\"";
      fix = "Write it as \"service:ActionName\"";
    } else {
      for (char c : t) {
        if (std::isspace(static_cast<unsigned char>(c))) {
          why = "it contains whitespace, which no action name has";
          fix = "Remove the whitespace";
          break;
        }
      }
      for (size_t i = 0; i < colon && why.empty(); ++i) {
        const char c = t[i];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '*' || c == '?')) {
          why = "the service prefix contains '" + std::string(1, c) + "'";
          fix = "Remove '" + std::string(1, c) + "' from the service prefix";
        }
      }
    }
    if (why.empty()) return;
    r.report(p, *a.node, "\"" + t + "\" is not a valid action: " + why + "; IAM rejects the policy", fix);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL131() { return engine::makeRule<InvalidActionFormat>(); }

}  // namespace rolelint::rules
