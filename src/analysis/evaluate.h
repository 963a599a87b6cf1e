// Request evaluation: decides one request {principal, action, resource,
// context} the way AWS does
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html),
// from the policies it is given: the role's identity-based policies and
// permissions boundary and, when given, the service control policies (SCPs) of
// the principal's organisation, the resource control policies (RCPs) of the
// resource's organisation, the session policies and the resource's own policy:
//   1. an explicit Deny in any applicable policy wins;
//   2. every SCP level must allow (SCPs do not apply to service-linked roles);
//   3. a same-account resource policy that names the role session (or the
//      caller exactly, or "*") allows by itself; one that names the role ARN
//      allows when the boundary and the session policy allow too;
//   4. otherwise identity policies AND the boundary AND the session policy must
//      allow; a cross-account request needs the resource policy too, and so do
//      KMS keys and role trust policies in every case;
//   5. otherwise it is implicitly denied.
// Two requests are decided whatever the policies say: sts:GetCallerIdentity is
// always allowed, and writes to an AWS managed policy are always refused
// (`special`). docs/effective.md describes each rule with its source.
// When something the answer depends on is outside this model the Evaluation
// says so in `notModelled` instead of pretending to know:
//   - a cross-account request with no resource policy given;
//   - an implicit deny on a resource of a service with resource-based policies
//     (S3, SQS, SNS, KMS, Lambda, …) or sts:AssumeRole* on a role (trust
//     policy), when no resource policy is given;
//   - kms:* allowed with no key policy given (the key policy must allow too);
//   - a single-valued operator on a key with several request values;
//   - unknown operators, malformed Condition blocks, invalid Effect, Principal
//     in an identity policy (IAM would reject the policy).
// The request context is used as given, plus aws:PrincipalAccount (and
// aws:PrincipalArn for a role ARN principal) derived from `principal`, and
// aws:ResourceAccount from `resourceAccount`, when absent.
#pragma once
#include <initializer_list>
#include <map>
#include <memory>
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
//
// A map with std::map's interface whose copies share their entries until one of them
// is written (copy on write): the security searches evaluate thousands of requests
// whose contexts differ from a role's base context in nothing, and keep the requests
// they confirm. Every non-const member (operator[], find, begin, erase…) first makes
// the entries this object's own, so an iterator or reference it returns refers to
// them; taking one, then copying the context, then writing through it would write
// into the copy as well (not done here: copies are taken before writing).
class Context {
 public:
  using Map = std::map<std::string, std::vector<std::string>>;
  using key_type = Map::key_type;
  using mapped_type = Map::mapped_type;
  using value_type = Map::value_type;
  using size_type = Map::size_type;
  using iterator = Map::iterator;
  using const_iterator = Map::const_iterator;

  Context() = default;
  Context(std::initializer_list<value_type> init) : map_(std::make_shared<Map>(init)) {}

  bool empty() const { return !map_ || map_->empty(); }
  size_type size() const { return map_ ? map_->size() : 0; }
  const_iterator begin() const { return view().begin(); }
  const_iterator end() const { return view().end(); }
  const_iterator cbegin() const { return view().begin(); }
  const_iterator cend() const { return view().end(); }
  const_iterator find(const key_type& key) const { return view().find(key); }
  size_type count(const key_type& key) const { return view().count(key); }
  const mapped_type& at(const key_type& key) const { return view().at(key); }

  iterator begin() { return own().begin(); }
  iterator end() { return own().end(); }
  iterator find(const key_type& key) { return own().find(key); }
  mapped_type& operator[](const key_type& key) { return own()[key]; }
  mapped_type& operator[](key_type&& key) { return own()[std::move(key)]; }
  // `it` may be of entries shared since it was taken: then the own copy's entry goes.
  iterator erase(const_iterator it) {
    if (map_ && map_.use_count() > 1) {
      const key_type key = it->first;
      Map& m = own();
      return m.erase(m.find(key));
    }
    return own().erase(it);
  }
  size_type erase(const key_type& key) { return own().erase(key); }
  template <class... Args>
  std::pair<iterator, bool> emplace(Args&&... args) {
    return own().emplace(std::forward<Args>(args)...);
  }
  void clear() { map_.reset(); }

  friend bool operator==(const Context& a, const Context& b) { return a.map_ == b.map_ || a.view() == b.view(); }

 private:
  std::shared_ptr<Map> map_;  // null: no entries
  const Map& view() const {
    static const Map kEmpty;
    return map_ ? *map_ : kEmpty;
  }
  Map& own();
};

struct Request {
  std::string principal;  // ARN of the calling principal (the role or its session); may be empty
  std::string action;     // "service:Action"
  std::string resource;   // resource ARN, or "*" for actions without resource-level permissions
  Context context;
  // The account that owns the resource, for resources whose ARN names none (S3
  // buckets); "" = the ARN's account. Decides same- vs cross-account.
  std::string resourceAccount;
};

// A statement that took part in a decision.
struct StatementRef {
  const model::PolicyDocument* policy = nullptr;
  // The policy's label ("inline:NAME", an ARN, "boundary:ARN", …): a view of policy->label,
  // valid as long as the policy (evaluations run thousands of times per audit).
  std::string_view label;
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

// How a resource-based policy's applicable Allow names the caller
// ([EVAL], "Resource-based policies and implicit denies in other policy types"):
// the account (a delegation: IAM policies still decide), the role ARN (limited by
// an implicit deny in the boundary or session policy), or directly the caller
// (its session ARN, its exact ARN, "*" or NotPrincipal: not limited by implicit denies).
enum class Grant { None, Account, Role, Direct };

// Requests AWS decides whatever the policies say.
enum class Special { None, CallerIdentity, AwsManagedPolicyWrite };

struct Evaluation {
  Decision decision = Decision::ImplicitlyDenied;  // combined
  Special special = Special::None;
  SetResult identity;
  std::optional<SetResult> boundary;  // nullopt when the role has no boundary
  // The organisation's and session's policies, when given (nullopt otherwise).
  // scp: Allowed when every level allows; rcp: Allowed unless a Deny applies
  // (RCPFullAWSAccess is attached at every level); nullopt also when the type
  // does not apply to the request (`skipped` says why).
  std::optional<SetResult> scp, rcp, session, resourcePolicy;
  Grant resourceGrant = Grant::None;  // strongest applicable resource-policy Allow
  std::vector<std::string> skipped;   // e.g. "SCPs do not apply to service-linked roles"
  // The statements that decide `decision`: the applicable Deny statements when
  // ExplicitlyDenied; when Allowed, the Allow statements of the way it is allowed
  // (identity, boundary, session, SCP, resource policy, as they apply); empty when
  // ImplicitlyDenied and for `special` requests (see `reason`).
  std::vector<StatementRef> deciding;
  std::string reason;  // one sentence on why, e.g. "no identity policy allows s3:PutObject"
  // What the answer may depend on but this model does not cover; empty when the
  // decision is complete for the given policies. Each entry is one sentence.
  std::vector<std::string> notModelled;
  bool modelled() const { return notModelled.empty(); }
};

// One level of an organisation (the root, an OU, the account): the policies
// attached there, ORed. Levels are ANDed.
using PolicyLevel = std::vector<const model::PolicyDocument*>;

struct Policies {
  std::vector<const model::PolicyDocument*> identity;  // inline + resolved managed policies
  const model::PolicyDocument* boundary = nullptr;     // the resolved permissions boundary, if any
  std::vector<PolicyLevel> scps;                       // SCP levels of the principal's account; empty: none
  std::vector<PolicyLevel> rcps;                       // RCP levels of the resource's account; empty: none
  std::vector<const model::PolicyDocument*> session;   // session policies (ORed); empty: none
  const model::PolicyDocument* resourcePolicy = nullptr;  // the resource's policy (bucket, key, trust…)
};

// The IAM actions that modify a managed policy; AWS refuses them on AWS managed
// policies (arn:PARTITION:iam::aws:policy/…).
const std::vector<std::string_view>& managedPolicyWriteActions();
// True when `service` (an action prefix) is one whose resources RCPs apply to.
bool rcpAppliesToService(std::string_view service);
// True when `principal` is a service-linked role or one of its sessions.
bool isServiceLinkedRole(std::string_view principal);

// Collects a role's identity policies (inline, resolved managed) and boundary.
// Managed policies that could not be resolved are listed in `unresolved`.
Policies policiesOf(const model::Role& role, std::vector<std::string>* unresolved = nullptr);

Evaluation evaluate(const Policies& policies, const Request& request);
// Adds to `request` the keys IAM puts in every request context of its principal
// (aws:PrincipalAccount, aws:PrincipalArn for a role) and aws:ResourceAccount from
// `resourceAccount`, where the context lacks them; evaluate() adds them to a copy
// otherwise. Returns whether it added any.
bool addImpliedKeys(Request& request);
// evaluate() of a request that went through addImpliedKeys already, for searches that
// read only the decision and the deciding statements (the security analysis evaluates
// thousands): it does not look for the implied keys again, and leaves `reason` and the
// request-level `notModelled` texts empty.
Evaluation evaluateWithImpliedKeys(const Policies& policies, const Request& request);

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

}  // namespace rolelint::analysis
