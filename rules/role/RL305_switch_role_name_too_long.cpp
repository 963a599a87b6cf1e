// RL305 switch-role-name-too-long: Path + RoleName longer than 64 characters, too long for the console's Switch Role.
// Source: IAM and AWS STS quotas ("If you intend to use a role with the Switch Role feature in the AWS Management
// Console, then the combined Path and RoleName can't exceed 64 characters")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxSwitchRole = 64;

class SwitchRoleNameTooLong final : public engine::Rule {
 public:
  SwitchRoleNameTooLong()
      : engine::Rule(
            {.id = "RL305",
             .name = "switch-role-name-too-long",
             .category = engine::Category::Role,
             .severity = core::Severity::Note,
             .summary = "Path and role name together exceed 64 characters, so the console cannot switch to the role.",
             .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.roleName == nullptr || core::hasUnknown(role.roleName->text)) return;  // present, value unknown
    const size_t name = role::characterCount(role.roleName->text);
    if (name == 0 || name > kMaxSwitchRole) return;  // RL301's territory
    const std::string path = role::rolePath(role);
    const size_t total = name + role::characterCount(path);
    if (total <= kMaxSwitchRole) return;
    r.report(role, role.path != nullptr ? *role.path : *role.roleName,
             "path and role name together are " + std::to_string(total) + " characters (\"" + path + "\" + \"" +
                 role.roleName->text + "\"); the console's Switch Role feature accepts at most " +
                 std::to_string(kMaxSwitchRole) +
                 ", so people can assume this role only through the API or CLI",
             "Shorten the path or the name if it is meant for the console");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL305() { return engine::makeRule<SwitchRoleNameTooLong>(); }

}  // namespace rolelint::rules
