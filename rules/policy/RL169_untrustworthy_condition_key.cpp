// RL169 untrustworthy-condition-key: a condition on aws:UserAgent or aws:Referer,
// whose values come from HTTP headers the caller writes.
// Sources: IAM Access Analyzer policy check reference, "Security Warning –
// Untrustworthy condition key" ("The {{key}} condition key is not recommended for
// access control as it can be spoofed/manipulated by the caller.")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-untrustworthy-condition-key);
// the check names no keys. The keys encoded here are the two global keys whose
// entries on the page the check links to say the caller sets the value:
// aws:UserAgent ("Since the aws:UserAgent value is provided by the caller in an HTTP
// header, unauthorized parties can use modified or custom browsers to provide any
// aws:UserAgent value that they choose. As a result, aws:UserAgent should not be used
// to prevent unauthorized parties from making direct AWS requests.")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-useragent)
// and aws:referer ("Unauthorized parties can use modified or custom browsers to provide
// any aws:referer value that they choose. As a result, aws:referer should not be used to
// prevent unauthorized parties from making direct AWS requests.")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer).
// The keys to use instead depend on who makes the request, so the advice follows the
// statement's principal: for a service principal (trust policy), aws:SourceArn,
// aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths (Access Analyzer check
// "Recommended condition key for service principal": "we recommend aws:SourceArn,
// aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths instead of {{key}}", with
// aws:Referer as its example); aws:PrincipalOrgID and the other principal keys are never in a
// service principal's request (RL417). For a Federated principal, the provider's claim keys
// (Available keys for AWS web identity federation / SAML-based federation,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html).
// For IAM principals and identity policies, aws:PrincipalArn, aws:PrincipalOrgID, aws:SourceVpce.
// RL405 also reports these keys in a service principal's trust statement that has no source
// condition, with the same advice.
#include <set>
#include <string>

#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

struct SpoofableKey {
  std::string_view name;    // documented spelling
  std::string_view header;  // the HTTP header the value comes from
  std::string_view use;     // what AWS says the key is for
};

constexpr SpoofableKey kSpoofable[] = {
    {"aws:UserAgent", "User-Agent",
     "AWS offers it only to allow specific client applications, after testing the policy"},
    {"aws:Referer", "Referer",
     "AWS offers it only to keep third-party sites from linking to content such as S3 objects in standard "
     "browsers"},
};

// The keys to test instead, for the principal types of the statement.
std::string adviceFor(const model::Statement& s) {
  std::set<std::string> types;  // "AWS", "Service", "Federated" (others: as AWS)
  if (s.principal && !s.principal->wildcard)
    for (const auto& e : s.principal->entries) types.insert(e.type == "Service" || e.type == "Federated" ? e.type : "AWS");
  if (types.empty())  // identity policy, NotPrincipal or "Principal": "*"
    return "test keys that AWS sets from the authenticated request instead, such as `aws:PrincipalArn`, "
           "`aws:PrincipalOrgID` or `aws:SourceVpce`";
  std::string out = "instead, test keys that AWS sets from the authenticated request: ";
  bool first = true;
  auto add = [&](std::string_view part) {
    if (!first) out += "; ";
    out += part;
    first = false;
  };
  if (types.count("Service"))
    add("for the service principal, `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or "
        "`aws:SourceOrgPaths`, which the service sets for the resource it acts for (keys about the principal, "
        "such as `aws:PrincipalOrgID`, are never in a service principal's request)");
  if (types.count("Federated"))
    add("for the federated principal, the identity provider's claims, such as `PROVIDER:sub` and `PROVIDER:aud` "
        "for an OIDC provider or `SAML:aud` and `SAML:sub` for a SAML provider");
  if (types.count("AWS")) add("for the AWS principal, `aws:PrincipalArn`, `aws:PrincipalOrgID` or `aws:SourceVpce`");
  return out;
}

class UntrustworthyConditionKey final : public engine::Rule {
 public:
  UntrustworthyConditionKey()
      : engine::Rule({.id = "RL169",
                      .name = "untrustworthy-condition-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "A condition tests aws:UserAgent or aws:Referer, whose values the caller chooses.",
                      .equivalents = {"access-analyzer:UNTRUSTWORTHY_CONDITION_KEY"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.conditions.empty()) return;
    const std::string advice = adviceFor(s);
    for (const model::Condition& c : s.conditions) {
      if (c.keyMember == nullptr) continue;
      for (const SpoofableKey& k : kSpoofable) {
        if (!policy::iequals(c.key, k.name)) continue;
        r.reportKey(p, c.keyMember->value,
                    "`" + c.key + "` is the HTTP " + std::string(k.header) +
                        " header of the request, which the caller writes: anyone can send any value, so the "
                        "condition does not control who gets access (" + std::string(k.use) + ")",
                    "Do not use it for access control; " + advice);
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL169() { return engine::makeRule<UntrustworthyConditionKey>(); }

}  // namespace rolelint::rules
