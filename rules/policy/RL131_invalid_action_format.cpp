// RL131 invalid-action-format: an action is "*" or "service-prefix:ActionName";
// IAM rejects others ("Actions/Conditions must be prefaced by a vendor").
// Source: IAM User Guide, IAM JSON policy elements: Action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "rules/support/policy_util.h"

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

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::StringList* l : {&s.action, &s.notAction}) {
      for (const model::StringItem& a : l->items) {
        if (core::hasUnknown(a.value)) continue;  // an unknown part may be any value (core/unknown.h)
        const std::string& t = a.value;
        if (t == "*" || policy::hasVariable(t)) continue;  // variables: RL134
        const size_t colon = t.find(':');
        std::string why;
        if (t.empty()) {
          why = "an empty action matches nothing";
        } else if (colon == std::string::npos) {
          why = "it has no service prefix; write \"service:" + t + "\" (e.g. \"s3:GetObject\")";
        } else if (colon == 0) {
          why = "the service prefix before ':' is empty";
        } else if (colon + 1 == t.size()) {
          why = "the action name after ':' is empty; write \"" + t + "*\" for every action of the service, or name it";
        } else if (t.find(':', colon + 1) != std::string::npos) {
          why = "it has more than one ':'; an action is exactly \"service:ActionName\"";
        } else {
          for (char c : t) {
            if (std::isspace(static_cast<unsigned char>(c))) {
              why = "it contains whitespace, which no action name has";
              break;
            }
          }
          for (size_t i = 0; i < colon && why.empty(); ++i) {
            const char c = t[i];
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '*' || c == '?')) {
              why = "the service prefix contains '" + std::string(1, c) + "'";
            }
          }
        }
        if (why.empty()) continue;
        r.report(p, *a.node, "\"" + t + "\" is not a valid action: " + why + ". IAM rejects the policy");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL131() { return std::make_unique<InvalidActionFormat>(); }

}  // namespace rolelint::rules
