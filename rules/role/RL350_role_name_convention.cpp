// RL350 role-name-convention: a role name that does not match the organisation's pattern (conventions.roleName).
// An organisation convention, not an IAM rule; the name limits themselves are RL301's. Patterns are RE2
// (https://github.com/google/re2/wiki/Syntax); role names per IAM API Reference, CreateRole
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr const char* kName = "conventions.roleName";

class RoleNameConvention final : public engine::Rule {
 public:
  RoleNameConvention()
      : engine::Rule(
            {.id = "RL350",
             .name = "role-name-convention",
             .category = engine::Category::Role,
             .severity = core::Severity::Warning,
             .summary = "The role name does not match the organisation's naming pattern (conventions.roleName).",
             .options = {role::conventionOption("roleName", "string", "RE2 pattern every role name must match")},
             .equivalents = {}}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    if (const json::Value* v = role::convention(c, "roleName")) role::conventionPattern(c, *v, kName, &r);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(options_, "roleName");
    if (v == nullptr || role.roleName == nullptr || core::hasUnknown(role.roleName->text)) return;  // value unknown
    auto re = role::conventionPattern(options_, *v, kName, nullptr);
    if (!re || RE2::PartialMatch(role.roleName->text.sv(), *re)) return;
    r.report(role, *role.roleName,
             "role name \"" + role.roleName->text + "\" does not match the organisation's naming pattern " + v->text +
                 " (" + kName + " in .rolelint.json); role names cannot be changed after creation",
             "Rename the role now to match the pattern");
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL350() { return engine::makeRule<RoleNameConvention>(); }

}  // namespace rolelint::rules
