// Request evaluation: decides one request {principal, action, resource,
// context} against a role's identity-based policies and its optional
// permissions boundary, the way IAM does for a request inside one account
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
//   1. an explicit Deny in any of the policies wins;
//   2. otherwise the request is allowed only when an identity policy allows it
//      AND (there is no boundary OR the boundary allows it);
//   3. otherwise it is implicitly denied.
// SCPs, RCPs, session policies and resource-based policies are not inputs: the
// decision is always "what the given identity policies and boundary decide".
// When something the answer depends on is outside this model the Evaluation
// says so in `notModelled` instead of pretending to know:
//   - a cross-account request (principal and resource accounts differ);
//   - an implicit deny on a resource of a service with resource-based policies
//     (S3, SQS, SNS, KMS, Lambda, …) or sts:AssumeRole* on a role (trust policy);
//   - kms:* allowed (the key policy must allow too);
//   - sts:GetCallerIdentity (works even when denied);
//   - a policy-modifying iam action on an AWS managed policy;
//   - a single-valued operator on a key with several request values;
//   - unknown operators, malformed Condition blocks, invalid Effect, Principal
//     in an identity policy (IAM would reject the policy).
// The request context is used as given, plus aws:PrincipalAccount (and
// aws:PrincipalArn for a role ARN principal) derived from `principal` when absent.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "model/model.h"

namespace rolelint::analysis {

enum class Decision { Allowed, ImplicitlyDenied, ExplicitlyDenied };
// "Allowed", "ImplicitlyDenied", "ExplicitlyDenied".
std::string_view decisionName(Decision d);

// Request context: condition key (any case; lookups are case-insensitive) ->
// its values. One value = a single-valued key; several = a multivalued key
// (aws:TagKeys…); an empty list counts as absent.
using Context = std::map<std::string, std::vector<std::string>>;

struct Request {
  std::string principal;  // ARN of the calling principal (the role or its session); may be empty
  std::string action;     // "service:Action"
  std::string resource;   // resource ARN, or "*" for actions without resource-level permissions
  Context context;
};

// A statement that took part in a decision.
struct StatementRef {
  const model::PolicyDocument* policy = nullptr;
  std::string label;                  // policy label ("inline:NAME", an ARN, "boundary:ARN", …)
  uint32_t index = 0;                 // statement index in its policy
  const json::Value* node = nullptr;  // the statement object (locate it with policy->locate)
  model::Effect effect = model::Effect::Allow;
};

// Decision of one set of policies (identity alone, or the boundary alone).
struct SetResult {
  Decision decision = Decision::ImplicitlyDenied;
  std::vector<StatementRef> allows;  // every Allow statement that applies to the request
  std::vector<StatementRef> denies;  // every Deny statement that applies to the request
};

struct Evaluation {
  Decision decision = Decision::ImplicitlyDenied;  // combined
  SetResult identity;
  std::optional<SetResult> boundary;  // nullopt when the role has no boundary
  // The statements that decide `decision`: the applicable Deny statements when
  // ExplicitlyDenied; the identity and boundary Allow statements when Allowed;
  // empty when ImplicitlyDenied (see `reason`).
  std::vector<StatementRef> deciding;
  std::string reason;  // one sentence on why, e.g. "no identity policy allows s3:PutObject"
  // What the answer may depend on but this model does not cover; empty when the
  // decision is complete for the given policies. Each entry is one sentence.
  std::vector<std::string> notModelled;
  bool modelled() const { return notModelled.empty(); }
};

struct Policies {
  std::vector<const model::PolicyDocument*> identity;  // inline + resolved managed policies
  const model::PolicyDocument* boundary = nullptr;     // the resolved permissions boundary, if any
};

// Collects a role's identity policies (inline, resolved managed) and boundary.
// Managed policies that could not be resolved are listed in `unresolved`.
Policies policiesOf(const model::Role& role, std::vector<std::string>* unresolved = nullptr);

Evaluation evaluate(const Policies& policies, const Request& request);

// --- building blocks, exposed for tests and for the set-level analysis ---

// IAM action pattern match: case-insensitive, `*` any run, `?` one character.
bool actionMatches(std::string_view pattern, std::string_view action);
// IAM glob over one string (`*`, `?`), case-sensitive unless ignoreCase.
bool globMatches(std::string_view pattern, std::string_view text, bool ignoreCase = false);
// Resource/ArnLike match of `pattern` against `arn`, per the 6 colon-separated
// segments; `*` alone matches anything. Policy variables are substituted from
// `context` when `variables` is true (Version 2012-10-17) — in the resource part
// only for Resource elements (resourceOnly), everywhere for Arn* conditions.
bool arnMatches(std::string_view pattern, std::string_view arn, const Context* context = nullptr,
                bool variables = false, bool resourceOnly = true);
// Parses an IPv4/IPv6 address or CIDR; true when `address` lies in `cidr`.
bool ipInCidr(std::string_view address, std::string_view cidr);
// ISO 8601 date/date-time or epoch seconds -> seconds since the epoch.
std::optional<double> parseDate(std::string_view text);

}  // namespace rolelint::analysis
