// RL604 data-exfiltration: the role can read data (objects, parameters, secrets, table items) from every resource of a service: an action of rules/security/exposure.json "dataExfiltration" is effective on an unscoped Resource ("*", arn:aws:s3:::*/*, table/*), confirmed by the request evaluator.
// Sources: the API references listed per action in rules/security/exposure.json.
#include "rules/registry.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class RuleRL604 final : public engine::Rule {
 public:
  RuleRL604()
      : engine::Rule({.id = "RL604",
                      .name = "data-exfiltration",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Warning,
                      .summary = "The role can read data (objects, parameters, secrets, table items) from every resource of a service.",
                      .equivalents = {"cloudsplaining:DATA_EXFILTRATION", "checkov:CKV_AWS_108", "checkov:CKV_AWS_288"},
                      .securitySeverity = 6.5}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    security::reportUnscoped(role, r, security::exposureList("dataExfiltration"), 0, "read data", "Name the buckets, parameters, secrets or tables it reads");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL604() { return engine::makeRule<RuleRL604>(); }

}  // namespace rolelint::rules
