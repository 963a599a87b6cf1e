// RL301 invalid-role-name: a RoleName IAM rejects (length 1–64, characters [\w+=,.@-]).
// Source: IAM API Reference, CreateRole, RoleName (roleNameType: length 1–64, pattern [\w+=,.@-]+)
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and IAM and AWS STS quotas
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxName = 64;
// Terraform's name_prefix: the AWS provider appends a 26-character unique suffix, so a
// prefix may have at most 64 - 26 = 38 characters (terraform-provider-aws,
// internal/service/iam/role.go: roleNamePrefixMaxLen = roleNameMaxLen - id.UniqueIDSuffixLength;
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role, name_prefix).
constexpr size_t kGeneratedSuffix = 26;

bool nameChar(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

class InvalidRoleName final : public engine::Rule {
 public:
  InvalidRoleName()
      : engine::Rule(
            {.id = "RL301",
             .name = "invalid-role-name",
             .category = engine::Category::Role,
             .severity = core::Severity::Error,
             .summary = "The role name is empty, longer than 64 characters or has characters IAM does not allow.",
             .equivalents = {"cfn-lint:E3033", "cfn-lint:E3031"}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.roleName == nullptr) {
      if (role.namePrefix != nullptr) checkPrefix(role, r);
      return;
    }
    // Unknown parts (Terraform references, core/unknown.h) may be any valid name: only the known parts are checked.
    const bool unknown = core::hasUnknown(role.roleName->text);
    const std::string name = core::replaceUnknown(role.roleName->text, "");
    const size_t n = role::characterCount(name);
    if (n == 0 && !unknown) {
      r.report(role, *role.roleName, "role name is empty; IAM requires 1 to 64 characters",
               "Give the role a name of 1 to 64 characters");
      return;
    }
    if (n > kMaxName) {
      r.report(role, *role.roleName,
               "role name is " + std::to_string(n) + " characters; IAM allows at most " + std::to_string(kMaxName) +
                   ", so CreateRole fails",
               "Shorten the name to at most " + std::to_string(kMaxName) + " characters");
    }
    if (auto bad = role::firstDisallowed(name, nameChar)) {
      r.report(role, *role.roleName,
               "role name contains " + *bad +
                   "; IAM role names allow only ASCII letters, digits and _ + = , . @ -, so CreateRole fails",
               "Remove or replace " + *bad);
    }
  }

 private:
  static void checkPrefix(const model::Role& role, engine::Reporter& r) {
    const std::string prefix = core::replaceUnknown(role.namePrefix->text, "");
    const size_t n = role::characterCount(prefix);
    if (n + kGeneratedSuffix > kMaxName) {
      r.report(role, *role.namePrefix,
               "name_prefix is " + std::to_string(n) + " characters; with the " + std::to_string(kGeneratedSuffix) +
                   "-character suffix Terraform appends, the role name would be " +
                   std::to_string(n + kGeneratedSuffix) + " characters and IAM allows at most " +
                   std::to_string(kMaxName) + ", so CreateRole fails",
               "Shorten name_prefix to at most " + std::to_string(kMaxName - kGeneratedSuffix) + " characters");
    }
    if (auto bad = role::firstDisallowed(prefix, nameChar)) {
      r.report(role, *role.namePrefix,
               "name_prefix contains " + *bad +
                   "; IAM role names allow only ASCII letters, digits and _ + = , . @ -, so CreateRole fails",
               "Remove or replace " + *bad);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL301() { return engine::makeRule<InvalidRoleName>(); }

}  // namespace rolelint::rules
