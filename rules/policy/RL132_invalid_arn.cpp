// RL132 invalid-arn: a Resource/NotResource entry is "*" or an ARN
// arn:partition:service:region:account-id:resource with a known partition,
// a lowercase service without wildcards and an empty or 12-digit account.
// Source: IAM User Guide, IAM identifiers, ARNs
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), IAM JSON policy elements: Resource
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html); partitions from
// botocore's partitions.json (iam-facts §2.6).
#include "core/wildcard.h"
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

using core::hasWildcard;

class InvalidArn final : public engine::Rule {
 public:
  InvalidArn()
      : engine::Rule({.id = "RL132",
                      .name = "invalid-arn",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Resource or NotResource entry is not a well-formed ARN.",
                      .equivalents = {"access-analyzer:INVALID_ARN_PREFIX", "access-analyzer:MISSING_ARN_FIELD",
                                      "access-analyzer:INVALID_ARN_SERVICE_CASE",
                                      "access-analyzer:INVALID_ARN_ACCOUNT", "access-analyzer:INVALID_PARTITION",
                                      "parliament:INVALID_ARN", "cfn-lint:E3510"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (policy::isTrust(p)) return;  // Resource in a trust policy is RL112's finding
    for (const model::StringList* l : {&s.resource, &s.notResource}) {
      for (const model::StringItem& it : l->items)
        if (!core::hasUnknown(it.value)) check(it, p, r);  // an unknown part may be any value (core/unknown.h)
    }
  }

 private:
  static void check(const model::StringItem& it, const model::PolicyDocument& p, engine::Reporter& r) {
    const json::Text& t = it.value;
    if (t == "*") return;
    // An unknown part (core/unknown.h: a parameter, an import, another resource's
    // ARN) may stand for any text, colons included: check only what is known.
    if (core::hasUnknown(t) && (t.rfind("arn:", 0) != 0 || !policy::splitArn(t))) return;
    if (t.rfind("arn:", 0) != 0) {
      std::string why = "an ARN starts with \"arn:\"";
      std::string fix = "Write the full ARN, e.g. \"arn:aws:s3:::media/*\"";
      if (policy::lower(t).rfind("arn:", 0) == 0) {
        why = "the prefix is case-sensitive";
        fix = "Write \"arn:\"";
      }
      r.report(p, *it.node, "\"" + t + "\" is not an ARN or \"*\": " + why + "; IAM rejects the policy", fix);
      return;
    }
    const auto f = policy::splitArn(t);
    if (!f) {
      r.report(p, *it.node,
               "\"" + t + "\" has fewer than six ':'-separated fields; an ARN is "
                   "arn:partition:service:region:account-id:resource",
               "Keep the empty fields, e.g. \"arn:aws:s3:::media\"");
      return;
    }
    const auto& a = *f;
    size_t off = 4;  // offset of the partition field
    if (!(policy::hasVariable(a[1]) || core::hasUnknown(a[1])) && !hasWildcard(a[1]) && !policy::isKnownPartition(a[1])) {
      r.reportSubstring(p, *it.node, off, a[1].size(),
                              "\"" + a[1] + "\" is not an AWS partition" +
                                  (a[1].empty() ? std::string(" (the partition field is empty)") : std::string()),
                              "Use aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc");
    }
    off += a[1].size() + 1;
    if (const size_t w = core::findWildcard(a[2]); w != std::string::npos) {
      // "You can't use a wildcard in the service segment that identifies the AWS product"
      // (IAM JSON policy elements: Resource; issue 17, item 8).
      r.reportSubstring(p, *it.node, off, a[2].size(),
                              "the service \"" + a[2] + "\" of the ARN has a wildcard, which IAM does not support "
                                  "in the service segment",
                              "Write one ARN per service with its prefix in full");
    }
    bool upper = false;
    for (char c : a[2]) upper = upper || std::isupper(static_cast<unsigned char>(c));
    if (upper) {
      r.reportSubstring(p, *it.node, off, a[2].size(),
                              "the service \"" + a[2] + "\" of the ARN must be lowercase; ARNs are matched "
                                  "case-sensitively",
                              "Write \"" + policy::lower(a[2]) + "\"");
    }
    off += a[2].size() + 1 + a[3].size() + 1;
    const std::string& acct = a[4];
    bool ok = acct.empty() || acct == "aws" || (policy::hasVariable(acct) || core::hasUnknown(acct));
    if (!ok) {
      size_t digits = 0;
      bool chars = true;
      for (char c : acct) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
          ++digits;
        } else if (c != '*' && c != '?') {
          chars = false;
        }
      }
      ok = chars && (hasWildcard(acct) ? digits <= 12 : digits == 12);
    }
    if (!ok) {
      r.reportSubstring(p, *it.node, off, acct.size(),
                              "the account field \"" + acct + "\" must be a 12-digit AWS account ID (or empty for "
                                  "services such as S3 whose ARNs have no account); the ARN matches no resource",
                              "Write the resource's 12-digit account ID, or leave the field empty if the service's "
                              "ARNs have no account");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL132() { return engine::makeRule<InvalidArn>(); }

}  // namespace rolelint::rules
