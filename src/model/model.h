// The role model: what rules look at. A Role has a trust policy, inline and
// managed permissions policies and a permissions boundary; a PolicyDocument has
// Statements with their Principal, Action/Resource lists and Conditions, with
// single-string and array forms normalised. Every node keeps the json::Value
// it came from (owned through the shared Tree), so a rule can locate any part.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <typeinfo>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/action.h"
#include "core/arn.h"
#include "core/condition_operator.h"
#include "core/diagnostic.h"
#include "input/input.h"
#include "json/value.h"

namespace rolelint::model {

enum class PolicyKind { Trust, Identity, Boundary, Managed };
std::string_view kindName(PolicyKind k);  // "trust", "identity", "boundary", "managed"

enum class Effect { Allow, Deny, Invalid, Missing };

// One string of a string-or-array element, with the value it came from.
struct StringItem {
  json::Text value;  // a view of node->text (the tree outlives the model built from it); a copy owns its bytes
  const json::Value* node = nullptr;
  // Typed views, parsed once when the model is built (core/arn.h, core/action.h):
  // `arn` for Resource/NotResource entries and AWS principals written as ARNs,
  // `action` for Action/NotAction entries.
  // Both keep offsets into `value`: item.arn->field(item.value, core::ArnField::Region).
  std::optional<core::Arn> arn;
  std::optional<core::Action> action;
};

// An element that takes a string or an array of strings (Action, Resource…).
// Non-string entries are kept out of `items`; rules on data types read `node`.
struct StringList {
  const json::Value* node = nullptr;  // the element's value; null when absent
  std::vector<StringItem> items;
  bool present() const { return node != nullptr; }
};

// Principal / NotPrincipal: "*" or {"AWS"|"Service"|"Federated"|"CanonicalUser": string-or-array}.
struct Principal {
  const json::Value* node = nullptr;
  bool wildcard = false;  // the bare string "*"
  struct Entry {
    std::string type;                    // the map key as written
    const json::Member* member = nullptr;
    StringList values;
  };
  std::vector<Entry> entries;
};

// One key under one operator: {"StringEquals": {"aws:SourceAccount": ["1", "2"]}}.
struct Condition {
  std::string op;                          // operator as written, e.g. "ForAnyValue:StringLike"
  core::ConditionOperator parsedOp;        // `op` split and looked up once (core/condition_operator.h)
  const json::Member* opMember = nullptr;  // its member in the Condition object
  std::string key;                         // condition key as written
  const json::Member* keyMember = nullptr;
  std::vector<const json::Value*> values;  // the value, or each element of an array value
};

struct Statement {
  uint32_t index = 0;
  const json::Value* node = nullptr;  // the statement object
  const json::Value* sid = nullptr;
  const json::Value* effectNode = nullptr;
  Effect effect = Effect::Missing;
  StringList action, notAction, resource, notResource;
  std::optional<Principal> principal, notPrincipal;
  const json::Value* condition = nullptr;
  std::vector<Condition> conditions;
};

// Data a layer above derives from a document, computed on first use and kept
// with it: a managed policy shared by thousands of roles (a dump) is analysed
// once. Copies start empty. One user per slot type: see PolicyDocument::derived.
class DerivedSlot {
 public:
  DerivedSlot() = default;
  DerivedSlot(const DerivedSlot&) noexcept {}
  DerivedSlot& operator=(const DerivedSlot&) noexcept { return *this; }
  // noexcept moves keep PolicyDocument (and Role) cheap to move in vectors.
  DerivedSlot(DerivedSlot&& o) noexcept : value_(std::move(o.value_)), type_(o.type_), release_(o.release_) {}
  DerivedSlot& operator=(DerivedSlot&& o) noexcept {
    value_ = std::move(o.value_);
    type_ = o.type_;
    release_ = o.release_;
    return *this;
  }
  // The value, default-constructed on the first call (thread-safe); T keeps
  // what it computes in mutable members, under its own lock.
  template <typename T>
  const T& get() const {
    std::lock_guard<std::mutex> lock(mu_);
    if (!value_) {
      value_ = std::make_shared<const T>();
      type_ = &typeid(T);
      if constexpr (requires(const T& t) { t.release(); })
        release_ = [](const void* v) { static_cast<const T*>(v)->release(); };
    } else if (*type_ != typeid(T)) {
      throw std::logic_error("DerivedSlot used with two types");
    }
    return *static_cast<const T*>(value_.get());
  }

  // Lets the value drop what it computed, when T has `void release() const` (under
  // its own lock; the value stays, so references to it remain valid, and a later
  // get() computes again). The engine calls it when a role's walk is over, so that
  // an audit does not keep every role's analysis to the end.
  void release() const {
    void (*f)(const void*) = nullptr;
    std::shared_ptr<const void> v;
    {
      std::lock_guard<std::mutex> lock(mu_);
      f = release_;
      v = value_;
    }
    if (f != nullptr && v) f(v.get());
  }

 private:
  mutable std::mutex mu_;
  mutable std::shared_ptr<const void> value_;
  mutable const std::type_info* type_ = nullptr;
  mutable void (*release_)(const void*) = nullptr;
};

struct PolicyDocument;
static_assert(std::is_nothrow_move_constructible_v<DerivedSlot>);

struct PolicyDocument {
  PolicyKind kind = PolicyKind::Identity;
  std::string label;     // for messages and output: "trust", "inline:NAME", an ARN, "boundary:ARN"
  std::string roleName;  // display name of the owning role ("" for a standalone document)
  std::shared_ptr<const input::Tree> tree;
  const json::Value* root = nullptr;  // the policy object
  const json::Value* version = nullptr;
  const json::Value* statementNode = nullptr;
  std::vector<Statement> statements;
  // An AWS managed policy from the embedded catalog: part of the role's permissions,
  // but not the user's text, so per-policy grammar rules do not run on it.
  bool awsManaged = false;
  // The RL5xx rules' action sets of the document's grants (src/analysis/effective_grants).
  DerivedSlot derived;

  const std::string& file() const { return tree->source->path; }
  core::Location locate(const json::Value& v) const { return input::locate(*tree, v, root); }
  core::Location locateKey(const json::Value& v) const { return input::locateKey(*tree, v, root); }
};

// A managed policy attached to a role, or its permissions boundary.
struct PolicyRef {
  const json::Value* node = nullptr;  // the ARN string
  std::string arn;
  // When it could be resolved. Shared: in an account dump one managed policy
  // (say ReadOnlyAccess) is attached to thousands of roles and built once.
  std::shared_ptr<const PolicyDocument> document;
  // Defined in the same template or plan: it has no ARN before deployment, and
  // `arn` holds its logical ID or resource address. Rules on ARNs skip it.
  bool definedInRun = false;
};

struct Tag {
  const json::Value* node = nullptr;  // the {"Key", "Value"} object
  const json::Value* key = nullptr;
  const json::Value* value = nullptr;
};

struct Role {
  std::string displayName;  // RoleName, or the file name when the role has none
  std::shared_ptr<const input::Tree> tree;
  const json::Value* root = nullptr;  // the role object
  const json::Value* roleName = nullptr;
  // Terraform's name_prefix without a name: the provider appends a unique suffix
  // (RoleNamePrefix in the role definition; no other input has it).
  const json::Value* namePrefix = nullptr;
  const json::Value* path = nullptr;
  const json::Value* description = nullptr;
  const json::Value* maxSessionDuration = nullptr;
  const json::Value* tagsNode = nullptr;
  std::vector<Tag> tags;
  std::optional<PolicyDocument> trust;
  std::vector<PolicyDocument> inlinePolicies;
  const json::Value* managedNode = nullptr;
  std::vector<PolicyRef> managed;
  std::optional<PolicyRef> boundary;
  // What the security rules work out about the role once and share
  // (engine/security.cpp, its only user).
  DerivedSlot derived;

  const std::string& file() const { return tree->source->path; }
  core::Location locate(const json::Value& v) const { return input::locate(*tree, v, root); }
  core::Location locateKey(const json::Value& v) const { return input::locateKey(*tree, v, root); }
};

static_assert(std::is_nothrow_move_constructible_v<PolicyDocument>);
static_assert(std::is_nothrow_move_constructible_v<Role>);

// Everything one input file yields.
struct Unit {
  std::shared_ptr<const input::LoadedFile> file;
  std::vector<Role> roles;
  std::vector<PolicyDocument> policies;  // standalone policy documents
  std::vector<input::Problem> problems;  // input problems, including those found while resolving
};

// Where managed policies and boundaries come from, in design.md §5 order after
// the bundle's own ManagedPolicies.
class PolicyResolver {
 public:
  virtual ~PolicyResolver() = default;
  virtual std::optional<input::Resolved> resolve(std::string_view arn) = 0;
};

struct BuildOptions {
  std::optional<PolicyKind> kind;           // --kind for standalone documents
  PolicyResolver* resolver = nullptr;       // config policies, embedded AWS managed policies
  // Threads for building the roles of one large input (an account dump); the
  // result does not depend on it. The resolver must then be thread-safe.
  unsigned threads = 1;
};

Unit build(std::shared_ptr<const input::LoadedFile> file, input::Loader& loader, const BuildOptions& options);

// Builders for IAM API output (get-account-authorization-details, get-role),
// CloudFormation templates and Terraform plans: each adds the roles (and
// standalone policies) of `file` to `unit`. See docs/inputs.md.
void buildAccountDump(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                      const BuildOptions& options, Unit& unit);
// aws iam get-role-policy output: the inline policy as a standalone identity
// policy labelled "inline:NAME" of the role named by RoleName.
void buildGetRolePolicy(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader, Unit& unit);
void buildCloudFormation(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                         const BuildOptions& options, Unit& unit);
void buildTerraformPlan(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                        const BuildOptions& options, Unit& unit);

// Builds a PolicyDocument from a resolved document (also used by tests).
PolicyDocument buildPolicy(const input::Resolved& doc, PolicyKind kind, std::string label, std::string roleName);

// Kind detection for a standalone document: trust when a statement carries
// Principal/NotPrincipal and none carries Resource/NotResource, else identity.
PolicyKind detectKind(const json::Value& root);

// Deterministic text dump of the model, for table-driven tests.
std::string dump(const Unit& unit);

}  // namespace rolelint::model
