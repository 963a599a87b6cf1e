// RL306 invalid-role-description: a Description over 1000 characters or with characters IAM rejects.
// Source: IAM API Reference, CreateRole, Description (roleDescriptionType: max 1000, pattern
// [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*)
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxDescription = 1000;

bool descriptionChar(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || (c >= 0xA1 && c <= 0xFF);
}

class InvalidRoleDescription final : public engine::Rule {
 public:
  InvalidRoleDescription()
      : engine::Rule(
            {.id = "RL306",
             .name = "invalid-role-description",
             .category = engine::Category::Role,
             .severity = core::Severity::Error,
             .summary = "The role description is longer than 1000 characters or has characters IAM does not allow.",
             .equivalents = {"cfn-lint:E3033", "cfn-lint:E3031"}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.description == nullptr) return;
    // Unknown parts (Terraform references, core/unknown.h) may be any valid text: only the known parts are checked.
    const std::string d = core::replaceUnknown(role.description->text, "");
    const size_t n = role::characterCount(d);
    if (n > kMaxDescription) {
      r.report(role, *role.description,
               "description is " + std::to_string(n) + " characters; IAM allows at most " +
                   std::to_string(kMaxDescription) + ", so CreateRole fails",
               "Shorten the description to at most " + std::to_string(kMaxDescription) + " characters");
    }
    if (auto bad = role::firstDisallowed(d, descriptionChar)) {
      r.report(role, *role.description,
               "description contains " + *bad +
                   "; IAM role descriptions allow only tab, line breaks, printable ASCII and Latin-1 characters from "
                   "U+00A1 to U+00FF, so CreateRole fails",
               "Replace " + *bad + " (e.g. typographic quotes and dashes with ASCII)");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL306() { return engine::makeRule<InvalidRoleDescription>(); }

}  // namespace rolelint::rules
