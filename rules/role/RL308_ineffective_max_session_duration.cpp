// RL308 ineffective-max-session-duration: MaxSessionDuration above 3600 on a role only AWS services assume.
// Source: IAM User Guide, "Update the maximum session duration for a role" ("This setting
// does not limit sessions assumed by AWS services")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html) and IAM API Reference,
// CreateRole, MaxSessionDuration (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class IneffectiveMaxSessionDuration final : public engine::Rule {
 public:
  IneffectiveMaxSessionDuration()
      : engine::Rule(
            {.id = "RL308",
             .name = "ineffective-max-session-duration",
             .category = engine::Category::Role,
             .severity = core::Severity::Note,
             .summary =
                 "MaxSessionDuration is raised on a role that only AWS services can assume, where it has no effect.",
             .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role.maxSessionDuration;
    if (v == nullptr || v->text.find_first_of(".eE-") != std::string::npos || v->text.size() > 12) return;
    const long long s = std::stoll(v->text);
    if (s <= 3600 || s > 43200 || !role::onlyServicesTrusted(role)) return;
    r.report(role, *v,
             "MaxSessionDuration is " + v->text +
                 " seconds, but the trust policy lets only AWS services assume this role, and the setting does not "
                 "apply to sessions that services assume",
             "Remove MaxSessionDuration (the default is 3600)");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL308() { return engine::makeRule<IneffectiveMaxSessionDuration>(); }

}  // namespace rolelint::rules
