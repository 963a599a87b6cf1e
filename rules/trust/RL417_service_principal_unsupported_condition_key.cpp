// RL417 service-principal-unsupported-condition-key: a trust policy statement
// whose only principals are AWS service principals tests, with an operator that
// is false when the key is absent, a global condition key that AWS never puts
// in the request context of a service principal. The condition never matches:
// an Allow never lets the service assume the role, a Deny never applies.
// Sources: Access Analyzer check UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL ("you
// can't use the aws:PrincipalOrgID condition key with the service principal
// cloudfront.amazonaws.com")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-unsupported-condition-key-for-service-principal);
// AWS global condition context keys, the "Availability" of each key
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
//  - aws:PrincipalOrgID: "This key is included in the request context only if the principal is a
//    member of an organization." Its note: a PrincipalOrgID condition "prevents all principals outside
//    of the specified organization ... This includes any AWS services that interact with your internal
//    resources, such as AWS CloudTrail".
//  - aws:PrincipalOrgPaths: same availability; "That principal can be an IAM user, IAM role, AWS STS
//    federated user principal, or AWS account root user."
//  - aws:PrincipalTag/tag-key: "This key is included in the request context if the principal is using
//    an IAM user with attached tags. It is included for a principal using an IAM role with attached tags
//    or session tags."
//  - Properties of a role session (aws:AssumedRoot, aws:FederatedProvider, aws:TokenIssueTime,
//    aws:SignInSessionArn, aws:MultiFactorAuthAge, aws:MultiFactorAuthPresent, aws:SourceIdentity):
//    "These condition keys are only available when a request is made by a principal with role session
//    or federated user principal credentials." A service principal assuming a role is neither.
// The fix keys: aws:SourceOrgID / aws:SourceOrgPaths / aws:SourceArn / aws:SourceAccount, which the
// service sets for the resource it acts for (Cross-service confused deputy prevention,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
// Exception: IAM Roles Anywhere (rolesanywhere.amazonaws.com) maps attributes of the
// authenticating X.509 certificate to principal tags, and AWS's own trust policy example tests
// them: IAM Roles Anywhere User Guide, "Trust model" ("IAM Roles Anywhere extracts values from
// the subject, issuer, and Subject Alternative Name (SAN) fields of the authenticating certificate
// and makes them available for policy evaluation via the sourceIdentity and principal tags")
// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html) and "Attribute
// mapping and trust policy" (example: "StringEquals": {"aws:PrincipalTag/x509Issuer/CN": "Bob"}
// with "Service": "rolesanywhere.amazonaws.com")
// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/attribute-mapping-and-trust-policy.html).
// So aws:PrincipalTag/* is not reported for rolesanywhere.amazonaws.com. The source identity it
// sets is documented as the sts:SourceIdentity key (not in the list), not aws:SourceIdentity, and
// no other listed key is documented for Roles Anywhere, so those are still reported for it.
// Keys left out on purpose (their availability does not say they are absent for service
// principals, or says they are present): see docs/rules/RL417.md.
#include <array>
#include <vector>

#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_conditions.h"

namespace rolelint::rules {
namespace {

struct AbsentKey {
  std::string_view key;  // exact key, or a prefix ending in '/'
  std::string_view why;
  std::string_view fix;
};

constexpr std::string_view kOrgWhy =
    "it is set only when the principal belongs to an AWS Organizations organization, and an AWS service principal "
    "belongs to none of yours";
constexpr std::string_view kSessionWhy =
    "it describes a role session or federated user session, and a service principal assuming a role makes the "
    "request as itself, not with session credentials";
constexpr std::string_view kSourceFix = "`aws:SourceArn` or `aws:SourceAccount`";

constexpr std::array<AbsentKey, 10> kAbsentKeys = {{
    {"aws:PrincipalOrgID", kOrgWhy, "`aws:SourceOrgID` (the organization of the resource the service acts for)"},
    {"aws:PrincipalOrgPaths", kOrgWhy, "`aws:SourceOrgPaths` (the organization paths of the resource the service acts for)"},
    {"aws:PrincipalTag/", "it holds the tags of an IAM user or role (or session tags), and a service principal has none",
     kSourceFix},
    {"aws:AssumedRoot", kSessionWhy, kSourceFix},
    {"aws:FederatedProvider", kSessionWhy, kSourceFix},
    {"aws:TokenIssueTime", kSessionWhy, kSourceFix},
    {"aws:SignInSessionArn", kSessionWhy, kSourceFix},
    {"aws:MultiFactorAuthAge", kSessionWhy, kSourceFix},
    {"aws:MultiFactorAuthPresent", kSessionWhy, kSourceFix},
    {"aws:SourceIdentity", kSessionWhy, kSourceFix},
}};

constexpr std::string_view kRolesAnywhere = "rolesanywhere.amazonaws.com";

const AbsentKey* absentKey(std::string_view key) {
  const std::string k = trust::lower(key);
  for (const AbsentKey& a : kAbsentKeys) {
    const std::string want = trust::lower(a.key);
    if (want.back() == '/' ? k.size() > want.size() && k.compare(0, want.size(), want) == 0 : k == want) return &a;
  }
  return nullptr;
}

// The service principals of a statement whose Principal names service principals only.
std::vector<std::string> onlyServicePrincipals(const model::Statement& s) {
  std::vector<std::string> out;
  if (!s.principal || s.principal->wildcard || s.principal->entries.empty()) return {};
  for (const auto& e : s.principal->entries) {
    if (e.type != "Service" || e.values.items.empty()) return {};
    for (const auto& item : e.values.items) out.push_back(item.value);
  }
  return out;
}

std::string quotedList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += "`" + names[i] + "`";
  }
  return out;
}

class ServicePrincipalUnsupportedConditionKey final : public engine::Rule {
 public:
  ServicePrincipalUnsupportedConditionKey()
      : engine::Rule({.id = "RL417",
                      .name = "service-principal-unsupported-condition-key",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Error,
                      .summary = "A statement that trusts only service principals tests a condition key that is never in a service principal's request, so the condition never matches.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || s.conditions.empty()) return;
    if (s.effect != model::Effect::Allow && s.effect != model::Effect::Deny) return;
    const std::vector<std::string> allServices = onlyServicePrincipals(s);
    if (allServices.empty()) return;
    for (const model::Condition& c : s.conditions) {
      if (c.keyMember == nullptr || !trust::falseWhenKeyAbsent(c.op)) continue;
      const AbsentKey* a = absentKey(c.key);
      if (a == nullptr) continue;
      std::vector<std::string> services = allServices;
      if (a->key == "aws:PrincipalTag/")  // Roles Anywhere sets certificate attributes as principal tags
        std::erase_if(services, [](const std::string& v) { return trust::iequals(v, kRolesAnywhere); });
      if (services.empty()) continue;
      const bool allow = s.effect == model::Effect::Allow;
      const std::string who = services.size() > 1 ? "these services" : "the service";
      const std::string effect = allow ? "the statement never lets " + who + " assume the role" : "the Deny never applies";
      const std::string fix = allow ? "Remove it; to limit which requests of " + who + " may assume the role, use "
                                    : "Remove it; to deny by the resource " + who + " acts for, use ";
      r.reportKey(p, c.keyMember->value,
                  "`" + c.key + "` is never in the request context when " +
                      (services.size() > 1 ? "the service principals " + quotedList(services) + " assume"
                                           : "the service principal " + quotedList(services) + " assumes") +
                      " this role: " + std::string(a->why) + "; the `" + c.op +
                      "` condition is false when its key is absent, so " + effect,
                  fix + std::string(a->fix));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL417() { return engine::makeRule<ServicePrincipalUnsupportedConditionKey>(); }

}  // namespace rolelint::rules
