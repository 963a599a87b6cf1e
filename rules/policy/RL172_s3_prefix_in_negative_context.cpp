// RL172 s3-prefix-in-negative-context: s3:prefix tested with a positive string
// operator in a Deny statement, or with a negated one in an Allow statement.
// Neither restricts listing: a request that names a shorter prefix ("priv"
// instead of "private/") does not match the condition value, so the Deny does
// not apply / the Allow applies, and the listing still returns the objects under
// the prefix. The patterns that work are Allow + StringLike and Deny + StringNotLike.
// Sources: IAM Access Analyzer policy check reference, "Security Warning – S3
// prefix in negative context" (S3_PREFIX_IN_NEGATIVE_CONTEXT,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// Amazon S3 User Guide, "Amazon S3 condition key examples"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html);
// IAM User Guide, "Condition operators" (negated operators).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class S3PrefixInNegativeContext final : public engine::Rule {
 public:
  S3PrefixInNegativeContext()
      : engine::Rule({.id = "RL172",
                      .name = "s3-prefix-in-negative-context",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "s3:prefix is tested by a Deny with a positive string operator or an Allow with a "
                                 "negated one, which a shorter prefix bypasses.",
                      .equivalents = {"access-analyzer:S3_PREFIX_IN_NEGATIVE_CONTEXT"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.effect != model::Effect::Allow && s.effect != model::Effect::Deny) return;
    const bool deny = s.effect == model::Effect::Deny;
    for (const model::Condition& c : s.conditions) {
      if (c.keyMember == nullptr || !policy::iequals(c.key, "s3:prefix")) continue;
      const policy::Operator op = c.parsedOp;
      if (policy::familyOf(op.base) != policy::OperatorFamily::String) continue;
      const bool negated = op.base.rfind("StringNot", 0) == 0;
      if (deny == negated) continue;  // Allow + positive, Deny + negated: the working patterns
      const std::string fix = deny ? "StringNotLike" : "StringLike";
      std::string msg = "\"s3:prefix\" under `" + c.op + "` in " + (deny ? "a Deny" : "an Allow") +
                        " statement does not restrict listing: a request that names a shorter prefix (\"priv\" for "
                        "\"private/\") does not match the value, so " +
                        (deny ? std::string("the Deny does not apply") : std::string("the Allow applies")) +
                        " and the objects under the prefix are still listed";
      std::string help = "Use `" + fix + "` in " + (deny ? "the Deny" : "the Allow") + " with the prefixes to permit";
      r.reportKey(p, c.keyMember->value, std::move(msg), std::move(help));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL172() { return engine::makeRule<S3PrefixInNegativeContext>(); }

}  // namespace rolelint::rules
