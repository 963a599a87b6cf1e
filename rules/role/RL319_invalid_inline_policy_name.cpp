// RL319 invalid-inline-policy-name: an inline policy without a PolicyName IAM accepts (1–128, [\w+=,.@-]).
// Source: IAM API Reference, PutRolePolicy, PolicyName (policyNameType: length 1–128, pattern [\w+=,.@-]+)
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxPolicyName = 128;

bool policyNameChar(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

class InvalidInlinePolicyName final : public engine::Rule {
 public:
  InvalidInlinePolicyName()
      : engine::Rule({.id = "RL319",
                      .name = "invalid-inline-policy-name",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "An inline policy's PolicyName is missing, longer than 128 characters or has "
                                 "characters IAM does not allow.",
                      .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* policies = role.root->find("Policies");
    if (policies == nullptr || !policies->isArray()) return;
    for (const json::Value& p : policies->elements) {
      if (!p.isObject()) continue;  // RL009
      const json::Value* name = p.find("PolicyName");
      if (name == nullptr) {
        r.report(role, p, "inline policy has no \"PolicyName\"; PutRolePolicy requires a name of 1 to 128 characters",
                 "Add a \"PolicyName\" of 1 to " + std::to_string(kMaxPolicyName) + " characters");
        continue;
      }
      if (!name->isString()) {
        r.report(role, *name, "\"PolicyName\" is " + std::string(json::kindName(name->kind)) + "; it must be a string",
                 "Write the name as a string");
        continue;
      }
      // Unknown parts (Terraform references, core/unknown.h) may be any valid name: only the known parts are checked.
      const std::string known = core::replaceUnknown(name->text, "");
      const size_t n = role::characterCount(known);
      if (n == 0 && !core::hasUnknown(name->text)) {
        r.report(role, *name, "inline policy name is empty; IAM requires 1 to 128 characters",
                 "Write a name of 1 to " + std::to_string(kMaxPolicyName) + " characters");
        continue;
      }
      if (n > kMaxPolicyName) {
        r.report(role, *name,
                 "inline policy name is " + std::to_string(n) + " characters; IAM allows at most " +
                     std::to_string(kMaxPolicyName) + ", so PutRolePolicy fails",
                 "Shorten the name to at most " + std::to_string(kMaxPolicyName) + " characters");
      }
      if (auto bad = role::firstDisallowed(known, policyNameChar)) {
        r.report(role, *name,
                 "inline policy name contains " + *bad +
                     "; IAM policy names allow only ASCII letters, digits and _ + = , . @ -, so PutRolePolicy fails",
                 "Remove or replace " + *bad);
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL319() { return engine::makeRule<InvalidInlinePolicyName>(); }

}  // namespace rolelint::rules
