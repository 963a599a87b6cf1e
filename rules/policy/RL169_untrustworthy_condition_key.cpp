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
#include "rules/registry.h"
#include "rules/support/policy_util.h"

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
    for (const model::Condition& c : s.conditions) {
      if (c.keyMember == nullptr) continue;
      for (const SpoofableKey& k : kSpoofable) {
        if (!policy::iequals(c.key, k.name)) continue;
        r.reportKey(p, c.keyMember->value,
                    "`" + c.key + "` is the HTTP " + std::string(k.header) +
                        " header of the request, which the caller writes: anyone can send any value, so the "
                        "condition does not control who gets access (" + std::string(k.use) +
                        "). Do not use it for access control; test keys that AWS sets from the authenticated "
                        "request instead, such as `aws:PrincipalArn`, `aws:PrincipalOrgID` or `aws:SourceVpce`");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL169() { return std::make_unique<UntrustworthyConditionKey>(); }

}  // namespace rolelint::rules
