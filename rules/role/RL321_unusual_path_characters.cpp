// RL321 unusual-path-characters: a role path with characters the API accepts but the IAM documentation does not list.
// Source: IAM API Reference, CreateRole, Path (pattern (\u002F)|(\u002F[\u0021-\u007E]+\u002F))
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html); IAM identifiers and IAM and AWS STS
// quotas (names and paths: alphanumeric characters and + = , . @ _ -)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); IAM JSON policy elements: Resource
// (wildcards in ARNs) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

bool documentedChar(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@' || c == '-' || c == '/';
}

class UnusualPathCharacters final : public engine::Rule {
 public:
  UnusualPathCharacters()
      : engine::Rule(
            {.id = "RL321",
             .name = "unusual-path-characters",
             .category = engine::Category::Role,
             .severity = core::Severity::Warning,
             .summary =
                 "The role path has characters that IAM's API accepts but its documentation does not allow in paths.",
             .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.path == nullptr) return;
    const std::string& p = role.path->text;
    // Only printable ASCII here: anything else is an error of RL303.
    for (char ch : p)
      if (ch < 0x21 || ch > 0x7E) return;
    auto bad = role::firstDisallowed(p, documentedChar);
    if (!bad) return;
    const bool wildcard = core::findWildcard(p) != std::string::npos;
    r.report(role, *role.path,
             "path contains " + *bad +
                 "; IAM's API accepts it, but the IAM documentation allows only letters, digits, / and + = , . @ _ - "
                 "in paths, and other tools may reject it" +
                 (wildcard ? std::string("; '*' and '?' also act as wildcards when the role's ARN is written in "
                                         "a policy (Resource, ArnLike), so that ARN matches more roles than this one")
                           : std::string()),
             "Use a path of documented characters, e.g. \"/media/transcoding/\"");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL321() { return engine::makeRule<UnusualPathCharacters>(); }

}  // namespace rolelint::rules
