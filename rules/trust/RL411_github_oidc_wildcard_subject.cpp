// RL411 github-oidc-wildcard-subject: the GitHub Actions OIDC subject condition
// uses a wildcard for the repository owner, the repository or the branch, so
// more workflows than intended can assume the role.
// Sources: Access Analyzer check SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// IAM User Guide, Configuring a role for GitHub OIDC identity provider
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub);
// GitHub Docs, About security hardening with OpenID Connect (subject claim formats)
// (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect).
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

using core::hasWildcard;

class GithubOidcWildcardSubject final : public engine::Rule {
 public:
  GithubOidcWildcardSubject()
      : engine::Rule({.id = "RL411",
                      .name = "github-oidc-wildcard-subject",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "The GitHub Actions OIDC subject condition has a wildcard in the owner, repository or branch.",
                      .equivalents = {"access-analyzer:SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", "checkov:CKV_AWS_358"},
                      .securitySeverity = 6.5}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    bool github = false;
    for (const model::StringItem* v : trust::principalValues(s, "Federated")) {
      auto f = trust::classifyFederated(v->value);
      github = github || (f && f->host == "token.actions.githubusercontent.com");
    }
    if (!github) return;
    for (const model::Condition* c : trust::conditionsOn(s, "token.actions.githubusercontent.com:sub")) {
      const std::string op = trust::lower(c->op);
      if (op.find("like") == std::string::npos || op.find("not") != std::string::npos) continue;  // wildcards are literal
      for (const json::Value* v : c->values) {
        if (!v->isString() || !hasWildcard(v->text)) continue;
        const std::string& t = v->text;
        // repo:OWNER/REPO:QUALIFIER
        std::string what;
        if (t.rfind("repo:", 0) != 0) {
          what = "any repository of any owner";
        } else {
          const size_t slash = t.find('/', 5);
          const size_t colon = t.find(':', 5);
          const std::string_view owner = std::string_view(t).substr(5, slash == std::string::npos ? std::string::npos : slash - 5);
          if (slash == std::string::npos || hasWildcard(owner)) {
            what = "repositories of any owner";
          } else {
            const std::string_view repo =
                std::string_view(t).substr(slash + 1, colon == std::string::npos ? std::string::npos : colon - slash - 1);
            if (colon == std::string::npos || hasWildcard(repo)) {
              what = "every repository of `" + std::string(owner) + "`";
            } else {
              what = "every branch, tag, environment and pull request of `" + std::string(owner) + "/" +
                     std::string(repo) + "`";
            }
          }
        }
        r.report(p, *v,
                 "`" + t + "` lets workflows of " + what +
                     " assume this role",
                 "Pin the subject, e.g. `repo:OWNER/REPO:ref:refs/heads/main` or "
                 "`repo:OWNER/REPO:environment:prod`, with `StringEquals`");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL411() { return engine::makeRule<GithubOidcWildcardSubject>(); }

}  // namespace rolelint::rules
