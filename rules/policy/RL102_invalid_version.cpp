// RL102 invalid-version: Version must be "2012-10-17" or "2008-10-17".
// Source: IAM User Guide, IAM JSON policy elements: Version
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class InvalidVersion final : public engine::Rule {
 public:
  InvalidVersion()
      : engine::Rule({.id = "RL102",
                      .name = "invalid-version",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "The policy's Version is neither \"2012-10-17\" nor \"2008-10-17\".",
                      .equivalents = {"access-analyzer:INVALID_VERSION", "access-analyzer:DATA_TYPE_MISMATCH",
                                      "parliament:INVALID_VERSION", "cfn-lint:E3510", "cfn-lint:E3530"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    const json::Value* v = p.version;
    if (v == nullptr) return;
    if (!v->isString()) {
      r.report(p, *v,
               "\"Version\" must be the string \"2012-10-17\", not " + std::string(json::kindName(v->kind)) +
                   "; IAM rejects the policy as malformed",
               "Write \"Version\": \"2012-10-17\"");
      return;
    }
    if (v->text == "2012-10-17" || v->text == "2008-10-17") return;
    std::string why;
    if (v->text.rfind("2012", 0) == 0 || v->text.rfind("2008", 0) == 0) {
      why = ": the only valid values are \"2012-10-17\" and \"2008-10-17\"";
    } else if (v->text.size() == 10 && v->text[4] == '-' && v->text[7] == '-') {
      why = ": Version is the policy language version, not today's date";
    }
    r.report(p, *v, "\"" + v->text + "\" is not a policy language version; IAM rejects the policy as malformed" + why,
             "Write \"2012-10-17\"");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL102() { return engine::makeRule<InvalidVersion>(); }

}  // namespace rolelint::rules
