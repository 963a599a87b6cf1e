// RL174 invalid-kms-key-value: a condition key whose value is a KMS key ARN is
// compared with a value that cannot be one (a key ID, an alias, an alias ARN,
// another service's ARN). A key ARN has the form
// arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID (IAM Access Analyzer, "Error –
// Invalid kms key value", INVALID_KMS_KEY_VALUE,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html;
// AWS KMS Developer Guide, "Key ARN", https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN).
// Keys encoded, each documented as taking a key ARN:
// - s3:x-amz-server-side-encryption-aws-kms-key-id: "To specify the KMS key, you must use a key Amazon Resource
//   Name (ARN) that is in the arn:aws:kms:region:acct-id:key/key-id format" (Amazon S3 User Guide, "Using
//   server-side encryption with AWS KMS keys (SSE-KMS)", Requiring server-side encryption,
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms);
// - s3express:x-amz-server-side-encryption-aws-kms-key-id: the same sentence for directory buckets
//   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-UsingKMSEncryption.html);
// - s3tables:KMSKeyArn: the KMS key ARN of a table or table bucket (Service Authorization Reference, Amazon S3
//   Tables, https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3tables.html, and
//   "Enforcing and scoping SSE-KMS use for tables and table buckets",
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/tables-require-kms.html).
// The S3 page adds that IAM does not check the key exists, so such a value is
// silently never equal to the request's key ARN.
// Values with a wildcard or a policy variable are checked up to the first ARN
// field that holds one, and that field on its literal start ("alias/*" can
// never become "key/…"): "*" can span colons, so later fields are unknown.
#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

constexpr std::array<std::string_view, 3> kKmsKeyArnKeys = {
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3express:x-amz-server-side-encryption-aws-kms-key-id",
    "s3tables:KMSKeyArn",
};

bool isKmsKeyArnKey(std::string_view key) {
  for (std::string_view k : kKmsKeyArnKeys) {
    if (policy::iequals(key, k)) return true;
  }
  return false;
}

// The literal part of an ARN field before its first wildcard (`*`, `?`) or
// policy variable ("${"), and whether the field holds one (is "open"). Under
// StringEquals a `*` is literal, but RL147 reports that; here it still counts
// as a wildcard, so the check stays on the safe side.
struct FieldPrefix {
  std::string_view literal;
  bool open = false;
};
FieldPrefix literalPrefix(std::string_view field) {
  const size_t wild = std::min(core::findWildcard(field), field.find("${"));
  if (wild == std::string_view::npos) return {field, false};
  return {field.substr(0, wild), true};
}

using core::allDigits;
using core::startsWith;

// Why field `i` of a pattern, whose literal part before its first wildcard or
// variable is `lit`, can never be that field of a key ARN; "" when it may be.
// `*` can span colons, so the fields after this one are not known.
std::string openFieldProblem(size_t i, std::string_view lit) {
  switch (i) {
    case 0:
      if (startsWith(lit, "alias/")) return "it is a key alias";
      if (!startsWith("arn", lit)) return "it does not start with \"arn:\"";
      break;
    case 1:
      if (!policy::isKnownPartitionPrefix(lit)) {
        return "its partition field starts with \"" + std::string(lit) + "\", which no AWS partition does";
      }
      break;
    case 2:
      if (!startsWith("kms", lit)) return "its service field starts with \"" + std::string(lit) + "\", not kms";
      break;
    case 4:
      if (lit.size() > 12 || (!lit.empty() && !allDigits(lit))) return "its account field is not a 12-digit account ID";
      break;
    case 5:
      // The resource must start with "key/": its literal prefix must be a
      // prefix of "key/" or start with it.
      if (startsWith(lit, "alias/")) return "it is an alias ARN, not a key ARN";
      if (!startsWith("key/", lit) && !startsWith(lit, "key/")) return "its resource is not \"key/KEY-ID\"";
      break;
    default:  // the Region field: any literal start may still be a Region
      break;
  }
  return "";
}

// Why `value` cannot be a KMS key ARN, or "" when it can (or may, for a pattern).
std::string problem(std::string_view value) {
  // Fields of arn:partition:service:region:account:resource, the last keeping its colons.
  std::array<std::string_view, 6> f{};
  size_t n = 0;
  std::string_view rest = value;
  while (n < 5) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) break;
    f[n++] = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  f[n++] = rest;
  const bool complete = n == 6;
  for (size_t i = 0; i < n; ++i) {
    // A pattern from here on: check the literal start of this field, then stop.
    const FieldPrefix fp = literalPrefix(f[i]);
    if (fp.open) return openFieldProblem(i, fp.literal);
    switch (i) {
      case 0:
        if (f[0] != "arn") {
          if (n == 1 && value.rfind("alias/", 0) == 0) return "it is a key alias";
          if (n == 1) return "it is a key ID or another value that is not an ARN";
          return "it does not start with \"arn:\"";
        }
        break;
      case 1:
        if (n > 2 && !policy::isKnownPartition(f[1])) return "\"" + std::string(f[1]) + "\" is not an AWS partition";
        break;
      case 2:
        if (n > 3 && f[2] != "kms") return "it is an ARN of the \"" + std::string(f[2]) + "\" service, not of kms";
        break;
      case 3:
        if (n > 4 && f[3].empty()) return "its Region field is empty";
        break;
      case 4:
        if (n > 5 && (f[4].size() != 12 || !allDigits(f[4]))) return "its account field is not a 12-digit account ID";
        break;
      case 5:
        if (f[5].rfind("alias/", 0) == 0) return "it is an alias ARN, not a key ARN";
        if (f[5].rfind("key/", 0) != 0 || f[5].size() == 4) return "its resource is not \"key/KEY-ID\"";
        break;
      default:
        break;
    }
  }
  if (!complete) return "it has fewer than the six fields of an ARN";
  return "";
}

class InvalidKmsKeyValue final : public engine::Rule {
 public:
  InvalidKmsKeyValue()
      : engine::Rule({.id = "RL174",
                      .name = "invalid-kms-key-value",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A condition key that holds a KMS key ARN is compared with a value that is not a "
                                 "KMS key ARN.",
                      .equivalents = {"access-analyzer:INVALID_KMS_KEY_VALUE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::Condition& c : s.conditions) {
      if (!isKmsKeyArnKey(c.key)) continue;
      const policy::Operator op = c.parsedOp;
      const policy::OperatorFamily family = policy::familyOf(op.base);
      if (family != policy::OperatorFamily::String && family != policy::OperatorFamily::Arn) continue;
      for (const json::Value* v : c.values) {
        if (!v->isString()) continue;
        const std::string why = problem(v->text);
        if (why.empty()) continue;
        r.report(p, *v,
                 "\"" + v->text + "\" is not a KMS key ARN (" + why + "), but \"" + c.key +
                     "\" holds the KMS key ARN of the request, so it never " +
                     (literalPrefix(v->text).open ? "matches this pattern" : "equals this value") +
                     " and the condition does not test the key you meant",
                 "Write the key ARN, arn:aws:kms:REGION:ACCOUNT:key/KEY-ID");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL174() { return engine::makeRule<InvalidKmsKeyValue>(); }

}  // namespace rolelint::rules
