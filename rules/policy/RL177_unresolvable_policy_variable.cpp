// RL177 unresolvable-policy-variable: a policy variable in a Resource or a
// condition value that no request can resolve: a name without a "prefix:"
// (${AMIId}, a template placeholder left in), a CloudFormation pseudo parameter
// (${AWS::AccountId}, literal text outside Fn::Sub), an aws: key that is no
// global key (${aws:usernam}), or a prefix that is no service (${bucket:name}).
// IAM replaces a variable by the value of the request key it names; a key that
// is never in the request leaves the ARN matching nothing and the condition
// value never matching (issue 17, item 11).
// Sources: IAM User Guide, IAM policy elements: Variables and tags ("Request
// information that you can use for policy variables"; a variable whose key is
// absent from the request context)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html);
// CloudFormation User Guide, Pseudo parameters reference (AWS::AccountId and the
// others are resolved only by CloudFormation)
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html).
#include "catalog/catalog.h"
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// Why `${body}` never resolves, and the fix; an empty `what` when it may resolve.
struct VariableProblem {
  std::string what, fix;
};

VariableProblem problem(const std::string& body, const catalog::Catalog* c) {
  if (body == "*" || body == "?" || body == "$") return {};  // ${*}, ${?}, ${$}: literal characters
  const std::string key = trimmed(std::string_view(body).substr(0, body.find(',')));  // ${key, 'default'}
  if (key.empty() || core::hasUnknown(key)) return {};  // RL133's, or an unknown template value
  if (key.rfind("AWS::", 0) == 0) {
    return {"is a CloudFormation pseudo parameter, which IAM does not resolve",
            "Write the value, or build the string with Fn::Sub"};
  }
  const size_t colon = key.find(':');
  if (colon == std::string::npos || colon == 0) {
    return {"names no request key (a template placeholder left in?)", "Replace it with the value"};
  }
  const std::string prefix = policy::lower(key.substr(0, colon));
  if (prefix == "aws") {
    // Without a catalog nothing says the key is unknown: no finding.
    if (c == nullptr || c->findGlobalConditionKey(key) != nullptr) return {};
    if (c != nullptr) {
      const auto hint = catalogrules::suggestKeys(c->globalConditionKeys(), key, 1);
      if (!hint.empty()) return {"is no AWS global condition key", "Did you mean ${" + hint.front() + "}?"};
    }
    return {"is no AWS global condition key", "Use a global condition key"};
  }
  // Identity-provider keys (saml:sub, accounts.google.com:sub, an OIDC host's claims)
  // are not in the catalog; they resolve in web-identity and SAML sessions.
  if (prefix == "saml" || prefix.find('.') != std::string::npos) return {};
  // A key of a known service is not judged: services resolve request keys the catalog does
  // not list (AWS managed policies use ${datazone:userId}, ${nimble:principalId}).
  if (c == nullptr || c->findConditionKey(key) != nullptr || c->findService(prefix) != nullptr) return {};
  return {"names no service or request key", "Use a global or service condition key"};
}

class UnresolvablePolicyVariable final : public engine::Rule {
 public:
  UnresolvablePolicyVariable()
      : engine::Rule({.id = "RL177",
                      .name = "unresolvable-policy-variable",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "A policy variable names no request key (a template placeholder, a CloudFormation "
                                 "pseudo parameter or a misspelt key), so it never resolves."}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    policy::forEachVariableSite(s, [&](const json::Value& v, const model::Condition* cond) {
      for (const policy::Variable& var : policy::variables(v.text)) {
        if (!var.closed) continue;  // RL133
        const VariableProblem why = problem(var.body, c);
        if (why.what.empty()) continue;
        const std::string effect = cond == nullptr ? "the ARN matches nothing" : "this value never matches";
        r.reportSubstring(p, v, var.pos, var.len,
                                "`${" + var.body + "}` " + why.what + ", so " + effect, why.fix);
      }
    });
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL177() { return engine::makeRule<UnresolvablePolicyVariable>(); }

}  // namespace rolelint::rules
