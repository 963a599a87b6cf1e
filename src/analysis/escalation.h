// Privilege escalation on effective permissions (the RL6xx rules, docs/security-analysis.md):
// for one role, which methods of the escalation table (rules/security/escalation.json,
// PE-01 … PE-44) the role can carry out, with one concrete request per step that
// the request evaluator (analysis/evaluate.h) confirms is allowed — across all the
// role's identity policies, after the permissions boundary, explicit Denies and
// conditions.
//
// The neutralisers of the table are honoured by choosing the requests the way an
// attacker would have to make them:
//   - the request context carries what the method fixes: iam:PassedToService is the
//     method's service, iam:PermissionsBoundary the role's own boundary when it acts
//     on itself (absent for a role it creates), aws:username is absent (a role
//     session has none, so user/${aws:username} never matches), aws:CurrentTime is
//     the analysis date;
//   - a role, user, group or existing resource that must be *another, more
//     privileged* one is only taken from wildcard Resource patterns: a literal ARN
//     names a known resource, presumably no more privileged (PassRole limited to
//     literal role ARNs closes the pass-role paths); what the attacker creates
//     (a function, a new role) may have any name the Resource allows;
//   - values the attacker chooses (iam:PolicyARN, ec2:InstanceProfile,
//     cloudformation:RoleArn, a new boundary) come from wildcard condition
//     patterns, or are privileged policies (AdministratorAccess …);
//   - self-escalation must gain something: an action the boundary (or, without
//     one, IAM) allows that the role does not already have.
// Other condition keys are set to values that satisfy the granting statements
// and, where possible, to values that keep conditional Denies from applying: a
// satisfiable condition does not neutralise, an unsatisfiable one does.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/action_set.h"
#include "analysis/evaluate.h"
#include "catalog/catalog.h"

namespace rolelint::analysis {

// Whose resource a step acts on.
enum class EscalationTarget {
  SelfRole,    // the role itself
  SelfPolicy,  // a customer managed policy attached to the role, or its boundary policy
  OtherRole,   // another existing role (wildcard Resource patterns only)
  AnyRole,     // a role to pass or assume (wildcard patterns only)
  NewRole,     // a role the attacker creates (any name the Resource allows)
  User,        // another user (wildcard patterns only)
  Group,       // a group (wildcard patterns only)
  Any,         // a resource the attacker creates (any name the Resource allows)
  Existing,    // an existing resource that may run with a role (wildcard patterns only)
};

struct EscalationStep {
  std::vector<std::string> actions;  // alternatives: any one of them
  EscalationTarget target = EscalationTarget::Any;
  // Condition keys the method fixes, by how: "$service" (each of the method's
  // services), "$policy" (a privileged policy or an allow-listed one), "$chosen-role",
  // "$chosen-profile", "$chosen-policy" (an ARN of the attacker's choosing),
  // "$condition" (a value the granting statement's condition allows), "$absent".
  std::map<std::string, std::string> context;
};

struct EscalationMethod {
  std::string id;     // "PE-23"
  std::string title;  // "new Lambda function with a passed role, invoked"
  char cls = 'S';     // S self, P principal, N pass a role, E existing resource, T trust
  std::vector<std::string> services;  // iam:PassedToService values (class N)
  std::vector<EscalationStep> steps;  // all of them
  bool sameTarget = false;            // the steps' role/user targets must be one resource
  std::string onlyWith;               // reported only when this method is also open ("PE-18")
  std::string gain;                   // "self": must widen the role; "boundary": identity ⊄ boundary
  std::string close;                  // what closes it (help)
};

struct EscalationTable {
  std::vector<EscalationMethod> methods;
  std::vector<std::string> privilegedPolicies;  // ARNs whose attachment escalates
  // The data version of a catalog known to hold every action of the methods (the
  // embedded one, checked by a test), or "": with that catalog a method whose
  // step names only services the role has no action of is ruled out from the
  // service index alone, without parsing those services.
  std::string catalogVersion;
};

// The role under analysis.
struct EscalationSubject {
  Policies policies;
  std::string arn;       // the role's ARN; account "*" or "<unknown account>" when not known
  std::string account;   // "" when not known
  std::string name;      // role name
  std::string path;      // "/" or "/a/b/"
  std::vector<std::string> ownPolicies;  // ARNs of attached managed policies
  std::string boundaryArn;               // "" without a boundary
  double now = 0;                        // analysis date, seconds since the epoch
};

// One confirmed request of a step.
struct EscalationWitness {
  Request request;
  Evaluation evaluation;  // Allowed; `deciding` holds the granting statements
};

struct EscalationFinding {
  const EscalationMethod* method = nullptr;
  std::vector<EscalationWitness> steps;  // one per method step
  std::string pattern;                   // the wildcard Resource pattern that left it open, if any
};

// Every method of `table` whose class is in `classes` ("SPN", "ET") that the
// role can carry out; at most one finding per method id (the first variant that
// is open), in table order.
// The subject's account and action sets (granted, within the boundary, effective),
// which every question below starts from. Computed by each call unless the caller
// passes one it keeps: the RL6xx rules share one per role.
struct AccessCore;
std::shared_ptr<const AccessCore> accessCore(const EscalationSubject& subject, const catalog::Catalog* catalog);
// Whether the subject may perform some action of one of `services` (service prefixes),
// by the catalog's service index; true when that cannot be told (no catalog or no
// action sets). A prefix the catalog does not know is passed over: the caller's list
// may hold strings that are not services, and must come from a catalog that knows its
// services' actions.
bool mayUseSomeService(const AccessCore& core, const catalog::Catalog* catalog,
                       const std::vector<std::string>& services);
// The same with the services' actions gathered already (serviceActions, once per catalog).
bool mayUseSomeAction(const AccessCore& core, const ActionSet& actions);
ActionSet serviceActions(const catalog::Catalog& catalog, const std::vector<std::string>& services);

std::vector<EscalationFinding> findEscalations(const EscalationSubject& subject, const EscalationTable& table,
                                               const catalog::Catalog* catalog, std::string_view classes,
                                               std::shared_ptr<const AccessCore> core = nullptr);

// Can the subject perform some action of `actionPatterns` on some resource of
// `resourcePatterns` (ARN patterns, "*")? `allowed` is a request the evaluator
// confirms (the first found, in catalog order of the actions); `mayBeAllowed` is
// false when no request can be allowed at all (the actions are not effective, or
// no granting statement's Resource meets the patterns), true when one might be
// even though none was confirmed.
struct AccessAnswer {
  std::optional<EscalationWitness> allowed;
  bool mayBeAllowed = false;
};
AccessAnswer findAccess(const EscalationSubject& subject, const catalog::Catalog* catalog,
                        const std::vector<std::string>& actionPatterns,
                        const std::vector<std::string>& resourcePatterns,
                        std::shared_ptr<const AccessCore> core = nullptr);

// Requests the subject's policies allow, for comparing two versions of a role
// (`rolelint diff`): for each catalog action some request may be allowed for,
// candidate requests built from every granting identity statement (its Resource
// items instantiated, contexts that satisfy its conditions), each confirmed by
// the evaluator; at most `perAction` per action, actions in catalog order.
std::vector<EscalationWitness> confirmedRequests(const EscalationSubject& subject, const catalog::Catalog& catalog,
                                                 size_t perAction);

// The subject's own ARN from its name, path and account (account "" gives
// "arn:aws:iam::<unknown account>:role/PATHNAME").
std::string roleArn(std::string_view account, std::string_view path, std::string_view name);

}  // namespace rolelint::analysis
