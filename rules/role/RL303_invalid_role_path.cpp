// RL303 invalid-role-path: a Path IAM rejects (length 1–512, "/" or "/…/" of printable ASCII '!'–'~').
// Source: IAM API Reference, CreateRole, Path (pathType: length 1–512, pattern
// (\u002F)|(\u002F[\u0021-\u007E]+\u002F)) (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)
// and IAM identifiers (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxPath = 512;

bool pathChar(char32_t c) { return c >= 0x21 && c <= 0x7E; }

class InvalidRolePath final : public engine::Rule {
 public:
  InvalidRolePath()
      : engine::Rule(
            {.id = "RL303",
             .name = "invalid-role-path",
             .category = engine::Category::Role,
             .severity = core::Severity::Error,
             .summary = "The role path is not \"/\" or a \"/\"-delimited path of printable ASCII up to 512 characters.",
             .equivalents = {"cfn-lint:E3033", "cfn-lint:E3031"}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.path == nullptr) return;
    const std::string& p = role.path->text;
    const size_t n = role::characterCount(p);
    if (n == 0) {
      r.report(role, *role.path,
               "path is empty; IAM requires 1 to 512 characters", "Use \"/\" (the default) or remove Path");
      return;
    }
    if (n > kMaxPath) {
      r.report(role, *role.path,
               "path is " + std::to_string(n) + " characters; IAM allows at most " + std::to_string(kMaxPath) +
                   ", so CreateRole fails",
               "Shorten the path to at most " + std::to_string(kMaxPath) + " characters");
    }
    if (p.front() != '/' || p.back() != '/') {
      r.report(role, *role.path,
               "path \"" + p + "\" must begin and end with \"/\"; IAM rejects it otherwise",
               "Write \"/" + std::string(p.front() == '/' ? p.substr(1) : p) + (p.back() == '/' ? "" : "/") + "\"");
    } else if (p == "//") {
      r.report(role, *role.path,
               "path \"//\" has an empty segment, which IAM's path pattern does not allow", "Use \"/\"");
    }
    if (auto bad = role::firstDisallowed(p, pathChar)) {
      r.report(role, *role.path,
               "path contains " + *bad + "; IAM role paths allow only printable ASCII from '!' to '~' (no spaces)",
               "Remove or replace " + *bad);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL303() { return engine::makeRule<InvalidRolePath>(); }

}  // namespace rolelint::rules
