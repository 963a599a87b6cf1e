// RL103 invalid-effect: Effect must be exactly "Allow" or "Deny" (case-sensitive).
// Source: IAM User Guide, IAM JSON policy elements: Effect
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html).
#include "core/text.h"
#include "rules/registry.h"

#include <algorithm>
#include <cctype>

namespace rolelint::rules {
namespace {


class InvalidEffect final : public engine::Rule {
 public:
  InvalidEffect()
      : engine::Rule({.id = "RL103",
                      .name = "invalid-effect",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A statement's Effect is not exactly \"Allow\" or \"Deny\" (the value is case-sensitive).",
                      .equivalents = {"access-analyzer:INVALID_EFFECT", "access-analyzer:DATA_TYPE_MISMATCH",
                                      "parliament:MALFORMED", "cfn-lint:E3510", "cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.effect != model::Effect::Invalid) return;
    const json::Value& v = *s.effectNode;
    if (!v.isString()) {
      r.report(p, v,
               "\"Effect\" must be the string \"Allow\" or \"Deny\", not " + std::string(json::kindName(v.kind)),
               "Write \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
      return;
    }
    const std::string l = core::lower(v.text);
    std::string why;
    std::string fix = "Use \"Allow\" or \"Deny\"";
    if (l == "allow" || l == "deny") {
      why = ": Effect is case-sensitive";
      fix = std::string("Write \"") + (l == "allow" ? "Allow" : "Deny") + "\"";
    } else if (l.find("allow") != std::string::npos || l.find("deny") != std::string::npos) {
      fix = std::string("Write exactly \"") + (l.find("allow") != std::string::npos ? "Allow" : "Deny") +
            "\" (no spaces or other characters)";
    }
    r.report(p, v, "\"" + v.text + "\" is not a valid Effect; IAM rejects the policy as malformed" + why, fix);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL103() { return engine::makeRule<InvalidEffect>(); }

}  // namespace rolelint::rules
