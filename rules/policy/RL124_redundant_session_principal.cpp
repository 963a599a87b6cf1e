// RL124 redundant-session-principal: an assumed-role session principal
// (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) is redundant when the trust
// policy also trusts its role (arn:aws:iam::ACCOUNT:role/ROLE), which covers every session.
// Source: IAM User Guide, IAM JSON policy elements: Principal, "Role session principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session).
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <algorithm>

namespace rolelint::rules {
namespace {

class RedundantSessionPrincipal final : public engine::Rule {
 public:
  RedundantSessionPrincipal()
      : engine::Rule({.id = "RL124",
                      .name = "redundant-session-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A trust policy lists an assumed-role session principal and also trusts its role.",
                      .equivalents = {"access-analyzer:REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;
    // "partition:account:name" of every trusted role (role path dropped: the session ARN has none).
    std::vector<std::string> roles;
    for (const model::Statement& s : p.statements) {
      if (s.effect != model::Effect::Allow || !s.principal) continue;
      for (const policy::PrincipalValue& v : policy::principalValues(*s.principal)) {
        const auto f = policy::splitArn(v.item->value);
        if (v.entry->type != "AWS" || !f || (*f)[2] != "iam" || (*f)[5].rfind("role/", 0) != 0) continue;
        const std::string& res = (*f)[5];
        roles.push_back((*f)[1] + ":" + (*f)[4] + ":" + res.substr(res.rfind('/') + 1));
      }
    }
    for (const model::Statement& s : p.statements) {
      if (s.effect != model::Effect::Allow || !s.principal) continue;
      for (const policy::PrincipalValue& v : policy::principalValues(*s.principal)) {
        const auto f = policy::splitArn(v.item->value);
        if (v.entry->type != "AWS" || !f || (*f)[2] != "sts" || (*f)[5].rfind("assumed-role/", 0) != 0) continue;
        const std::string rest = (*f)[5].substr(13);
        const size_t slash = rest.find('/');
        const std::string role = rest.substr(0, slash);
        const std::string key = (*f)[1] + ":" + (*f)[4] + ":" + role;
        if (std::find(roles.begin(), roles.end(), key) == roles.end()) continue;
        r.report(p, *v.item->node,
                 "the session principal \"" + v.item->value + "\" is redundant: the trust policy also trusts the "
                     "role \"" + role + "\", which covers all of its sessions",
                 "Remove the session ARN (or the role ARN, if only that session should be trusted)");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL124() { return engine::makeRule<RedundantSessionPrincipal>(); }

}  // namespace rolelint::rules
