// Roles from CloudFormation templates, Terraform plans and IAM API dumps are
// rewritten into a role definition of CreateRole shape (RoleName, Path,
// AssumeRolePolicyDocument, Policies [{PolicyName, PolicyDocument}],
// ManagedPolicyArns, PermissionsBoundary, Tags [{Key, Value}] …) whose values are
// copies of the original values, positions included. Rules that read the role
// definition (role.root) then see the same shape from every input, and every
// location still points into the file a person can open. JSON pointers of
// role-level findings are in that CreateRole shape (/Policies/0/PolicyName).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "input/input.h"
#include "json/value.h"
#include "model/model.h"

namespace rolelint::model::detail {

// Values built here keep the positions of the values they were made from.
json::Value copyValue(const json::Value& v);
json::Value makeObject(json::Span at);
json::Value makeArray(json::Span at);
json::Value makeString(std::string text, json::Span at);
// Adds `key: value` to `obj`; the key is located at `keyAt`.
json::Value& addMember(json::Value& obj, std::string key, json::Span keyAt, json::Value value);
// The key range of the member holding `v`, or v's own range.
json::Span keyRangeOf(const json::Value& v);

// Turns a built role definition into a tree in `source` coordinates.
std::shared_ptr<const input::Tree> makeTree(const std::shared_ptr<const input::Source>& source, json::Value root);

// A managed policy document found in the input itself (a dump's Policies list,
// a template's AWS::IAM::ManagedPolicy): the value to resolve and its tree.
struct DocumentRef {
  std::shared_ptr<const input::Tree> tree;
  const json::Value* value = nullptr;
  bool awsManaged = false;
};
using ManagedLookup = std::function<std::optional<DocumentRef>(const std::string& arn)>;

// Managed policies and boundaries already built for earlier roles of the same
// input, by (ARN, kind); nullptr when the ARN could not be resolved. The engine
// runs the per-policy rules on a shared document once. Built with an empty
// roleName: the caller names the role when only one role uses it
// (nameSoleUsers).
// Thread-safe: roles of a dump may be built in parallel.
struct DocumentCache {
  std::mutex mu;
  std::map<std::pair<std::string, PolicyKind>, std::shared_ptr<PolicyDocument>> docs;
};
// Sets roleName on the cached documents that exactly one of `roles` uses.
void nameSoleUsers(DocumentCache& cache, const std::vector<Role>& roles);

// A role definition ready to be built.
struct RoleDefinition {
  std::shared_ptr<const input::Tree> tree;  // its root is the CreateRole-shaped object
  std::string displayName;
  ManagedLookup lookup;  // may be empty
  DocumentCache* cache = nullptr;  // set when several roles share managed policies (a dump)
  // Where an unresolved managed policy can be defined, for the RL007 message
  // (a role definition file has its own "ManagedPolicies"; other inputs do not).
  std::string defineHint = "map the ARN to a file in .rolelint.json \"policies\"";
};

// Builds a Role from `def` the way role definitions are built (BundleBuilder),
// without the unknown-field check (the definition was made from known fields).
// Resolves managed policies and the boundary from def.lookup, then from
// options.resolver; reports RL007/RL009 problems into unit.problems.
Role buildRoleDefinition(const RoleDefinition& def, const std::shared_ptr<const input::LoadedFile>& file,
                         input::Loader& loader, const BuildOptions& options, Unit& unit);

// Whether `source` was read from YAML (positions of strings are not JSON escapes).
bool isYamlSource(const input::Source& source);

}  // namespace rolelint::model::detail
