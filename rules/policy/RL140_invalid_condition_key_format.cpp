// RL140 invalid-condition-key-format: a condition key is "prefix:name"
// (aws:SourceIp, s3:prefix, aws:PrincipalTag/team).
// Source: IAM User Guide, IAM JSON policy elements: Condition, "The condition block"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

class InvalidConditionKeyFormat final : public engine::Rule {
 public:
  InvalidConditionKeyFormat()
      : engine::Rule({.id = "RL140",
                      .name = "invalid-condition-key-format",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A condition key is not of the form \"prefix:name\".",
                      .equivalents = {"access-analyzer:INVALID_CONDITION_KEY_FORMAT"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const std::string& k = c.key;
    const size_t colon = k.find(':');
    std::string why;
    if (colon == std::string::npos) {
      why = "it has no service prefix";
    } else if (colon == 0 || colon + 1 == k.size()) {
      why = colon == 0 ? "the prefix before ':' is empty" : "the key name after ':' is empty";
    } else {
      for (char ch : k) {
        if (std::isspace(static_cast<unsigned char>(ch))) {
          why = "it contains whitespace";
          break;
        }
      }
    }
    if (why.empty()) return;
    r.reportKey(p, c.keyMember->value,
                "\"" + k + "\" is not a condition key: " + why + "; IAM rejects the policy",
                colon == std::string::npos
                    ? "Write the key as \"prefix:name\", e.g. \"aws:" + k + "\""
                    : std::string("Write the key as \"prefix:name\", such as \"aws:SourceAccount\""));
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL140() { return engine::makeRule<InvalidConditionKeyFormat>(); }

}  // namespace rolelint::rules
