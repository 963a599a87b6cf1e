// RL176 invalid-aws-principal: an "AWS" principal of a trust policy is an
// account ID (12 digits), "arn:PARTITION:iam::ACCOUNT:root", an IAM user or role
// ARN, or an STS assumed-role or federated-user ARN. Anything else (an 11-digit
// account, "arn:aws::iam::…", a group, free text) makes IAM reject the policy with
// "Invalid principal in policy" (issue 17, item 9).
// Sources: IAM User Guide, IAM JSON policy elements: Principal, "AWS account
// principals", "IAM role principals", "Role session principals", "IAM user
// principals" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html);
// AWS Knowledge Center, "How can I resolve the IAM trust policy error 'Failed to update
// trust policy. Invalid principal in policy'?"
// (https://repost.aws/knowledge-center/iam-trust-policy-error); IAM identifiers, ARNs
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
#include "core/text.h"
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

using core::allDigits;

// A unique ID such as AROA…/AIDA… (RL123 reports those): IAM stores principals so.
bool looksLikeUniqueId(std::string_view s) {
  if (s.size() < 16 || s[0] != 'A') return false;
  for (char c : s) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Why `v` is not a valid AWS principal, and the fix; an empty `why` when it is valid.
struct Problem {
  std::string why, fix;
};

Problem problem(const std::string& v) {
  if (allDigits(v)) {
    if (v.size() == 12) return {};
    return {"an account ID has 12 digits, this has " + std::to_string(v.size()) +
                (v.size() < 12 ? " (a leading zero lost by a number type?)" : ""),
            "Write the 12-digit ID as a string"};
  }
  if (v.rfind("arn:", 0) != 0) {
    return {"it is neither a 12-digit account ID nor an ARN", "Write the account ID or the IAM role or user ARN"};
  }
  const auto f = policy::splitArn(v);
  if (!f) return {"an ARN has six ':'-separated fields", "Write arn:aws:iam::ACCOUNT:role/NAME"};
  const auto& a = *f;
  const std::string shape = "Write arn:" + (policy::isKnownPartition(a[1]) ? a[1] : std::string("aws")) +
                            ":iam::ACCOUNT:role/NAME (or user/NAME, root)";
  if (!policy::isKnownPartition(a[1])) return {"\"" + a[1] + "\" is not an AWS partition", shape};
  if (a[2] != "iam" && a[2] != "sts") {
    return {(a[2].empty() ? std::string("the service field is empty") : "the service is \"" + a[2] + "\"") +
                "; principals are iam or sts ARNs",
            shape};
  }
  if (!a[3].empty()) return {"IAM and STS ARNs have no Region, this has \"" + a[3] + "\"", shape};
  if (!(allDigits(a[4]) && a[4].size() == 12)) {
    return {a[4].empty() ? std::string("the account field is empty") : "the account \"" + a[4] + "\" is not 12 digits",
            shape};
  }
  const std::string& res = a[5];
  auto under = [&](std::string_view prefix) { return res.rfind(prefix, 0) == 0 && res.size() > prefix.size(); };
  if (a[2] == "iam") {
    if (res == "root" || under("user/") || under("role/")) return {};
    if (under("group/")) {
      return {"a group cannot be a principal", "Trust the roles or users, or the account with a condition"};
    }
    if (under("saml-provider/") || under("oidc-provider/")) {
      return {"an identity provider is a Federated principal", "Write {\"Federated\": \"" + v + "\"}"};
    }
    return {"an iam principal ARN names root, user/NAME or role/NAME", shape};
  }
  // sts: a role session (assumed-role/ROLE/SESSION) or a federated user.
  if (under("federated-user/")) return {};
  if (under("assumed-role/") && res.find('/', 13) != std::string::npos && res.back() != '/') return {};
  return {"an sts principal ARN names assumed-role/ROLE/SESSION or federated-user/NAME",
          "Fix the ARN, or trust the role: arn:" + a[1] + ":iam::" + a[4] + ":role/NAME"};
}

class InvalidAwsPrincipal final : public engine::Rule {
 public:
  InvalidAwsPrincipal()
      : engine::Rule({.id = "RL176",
                      .name = "invalid-aws-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "An \"AWS\" principal is not an account ID or an IAM or STS principal ARN, so IAM "
                                 "rejects the trust policy (\"Invalid principal in policy\").",
                      .equivalents = {"cfn-lint:E3530"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p)) return;  // in identity policies the Principal itself is RL114's finding
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!pr->has_value()) continue;
      for (const policy::PrincipalValue& v : policy::principalValues(**pr)) {
        if (v.entry->type != "AWS") continue;
        const json::Text& t = v.item->value;
        // "*" is RL401's, other wildcards RL119's, variables RL134's, unique IDs RL123's;
        // an unknown part (a template parameter) may be any value.
        if (core::findWildcard(t) != std::string::npos || policy::hasVariable(t) || core::hasUnknown(t) ||
            looksLikeUniqueId(t)) {
          continue;
        }
        const Problem why = problem(t.str());
        if (why.why.empty()) continue;
        r.report(p, *v.item->node, "\"" + t + "\" is not a valid AWS principal, so IAM rejects the policy: " + why.why,
                 why.fix);
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL176() { return engine::makeRule<InvalidAwsPrincipal>(); }

}  // namespace rolelint::rules
