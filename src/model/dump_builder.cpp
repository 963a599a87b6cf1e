// Roles from IAM API output: `aws iam get-account-authorization-details`
// (RoleDetailList, Policies) and `aws iam get-role` ({"Role": {...}}).
// Field names: IAM API Reference, RoleDetail, AttachedPolicy,
// AttachedPermissionsBoundary, ManagedPolicyDetail, PolicyVersion and Role
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html and neighbours).
#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "model/model.h"
#include "model/role_definition.h"

namespace rolelint::model {
namespace {

using detail::addMember;
using detail::keyRangeOf;

bool isAwsManagedArn(std::string_view arn) {
  return arn.find(":iam::aws:policy/") != std::string_view::npos;
}

// The document of a ManagedPolicyDetail's default version.
const json::Value* defaultDocument(const json::Value& policy) {
  const json::Value* versions = policy.find("PolicyVersionList");
  if (versions == nullptr || !versions->isArray()) return nullptr;
  const json::Value* def = policy.find("DefaultVersionId");
  const json::Value* found = nullptr;
  for (const json::Value& v : versions->elements) {
    if (!v.isObject()) continue;
    const json::Value* isDefault = v.find("IsDefaultVersion");
    const json::Value* id = v.find("VersionId");
    if ((isDefault != nullptr && isDefault->isBool() && isDefault->boolean) ||
        (def != nullptr && def->isString() && id != nullptr && id->isString() && id->text == def->text)) {
      found = v.find("Document");
      break;
    }
  }
  if (found == nullptr && versions->elements.size() == 1 && versions->elements[0].isObject()) {
    found = versions->elements[0].find("Document");
  }
  return found;
}

// A RoleDetail (or get-role's Role) rewritten in CreateRole shape. Its values are
// MOVED out of `r` (not copied: a dump of thousands of roles would otherwise
// hold every role twice); nothing reads the RoleDetailList entry afterwards.
json::Value definitionOf(json::Value& r) {
  json::Value def = detail::makeObject(r.range());
  def.members.reserve(r.members.size());
  for (json::Member& m : r.members) {
    const std::string& k = m.key;
    if (k == "RoleName" || k == "Path" || k == "Arn" || k == "Description" || k == "MaxSessionDuration" ||
        k == "AssumeRolePolicyDocument" || k == "Tags") {
      addMember(def, k, m.keyRange(), std::move(m.value));
    } else if (k == "RolePolicyList") {
      addMember(def, "Policies", m.keyRange(), std::move(m.value));
    } else if (k == "AttachedManagedPolicies") {
      if (!m.value.isArray()) {
        addMember(def, "ManagedPolicyArns", m.keyRange(), std::move(m.value));
        continue;
      }
      json::Value arns = detail::makeArray(m.value.range());
      for (json::Value& a : m.value.elements) {
        json::Value* arn = a.isObject() ? const_cast<json::Value*>(a.find("PolicyArn")) : nullptr;
        arns.elements.push_back(std::move(arn != nullptr ? *arn : a));
      }
      addMember(def, "ManagedPolicyArns", m.keyRange(), std::move(arns));
    } else if (k == "PermissionsBoundary") {
      json::Value* arn = m.value.isObject() ? const_cast<json::Value*>(m.value.find("PermissionsBoundaryArn")) : nullptr;
      if (m.value.isObject() && arn == nullptr) continue;
      addMember(def, k, m.keyRange(), std::move(arn != nullptr ? *arn : m.value));
    }
  }
  return def;
}

}  // namespace

void buildAccountDump(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                      const BuildOptions& options, Unit& unit) {
  const auto& tree = file->tree;
  const json::Value& root = *tree->root();
  // Managed policies defined in the dump itself, by ARN.
  std::map<std::string, const json::Value*, std::less<>> documents;
  if (const json::Value* policies = root.find("Policies"); policies != nullptr && policies->isArray()) {
    for (const json::Value& p : policies->elements) {
      const json::Value* arn = p.isObject() ? p.find("Arn") : nullptr;
      if (arn == nullptr || !arn->isString()) continue;
      documents.emplace(arn->text, defaultDocument(p));
    }
  }
  detail::ManagedLookup lookup = [&](const std::string& arn) -> std::optional<detail::DocumentRef> {
    auto it = documents.find(arn);
    if (it == documents.end() || it->second == nullptr) return std::nullopt;
    return detail::DocumentRef{tree, it->second, isAwsManagedArn(arn)};
  };

  // The role objects are moved into their definitions (definitionOf). The tree was
  // made non-const by the loader and this unit is built by one thread.
  json::Value& mutableRoot = const_cast<json::Value&>(root);
  std::vector<json::Value*> roles;
  if (file->format == input::Format::GetRole) {
    roles.push_back(const_cast<json::Value*>(mutableRoot.find("Role")));
  } else if (json::Value* list = const_cast<json::Value*>(mutableRoot.find("RoleDetailList"));
             list != nullptr && list->isArray()) {
    for (json::Value& r : list->elements) roles.push_back(&r);
  }
  std::set<std::string> attached;
  detail::DocumentCache cache;
  // Each role on its own (in parallel for a large dump), into its own slot and
  // problem list; merged in dump order, so the result does not depend on threads.
  struct Built {
    std::optional<Role> role;
    std::vector<input::Problem> problems;
  };
  std::vector<Built> built(roles.size());
  auto buildOne = [&](size_t i) {
    json::Value* r = roles[i];
    if (r == nullptr || !r->isObject()) return;
    detail::RoleDefinition def;
    def.displayName = "role #" + std::to_string(r->index);
    def.tree = detail::makeTree(tree->source, definitionOf(*r));
    // What is left of the entry (the moved-from members, RoleId, CreateDate,
    // RoleLastUsed…) is freed: at 10,000 roles it held about 20 MB to the end.
    r->members = {};
    def.lookup = lookup;
    def.cache = &cache;
    Unit local;
    built[i].role = detail::buildRoleDefinition(def, file, loader, options, local);
    built[i].problems = std::move(local.problems);
  };
  const unsigned threads = std::min<size_t>(std::max(1u, options.threads), (roles.size() + 63) / 64);
  if (threads <= 1) {
    for (size_t i = 0; i < roles.size(); ++i) buildOne(i);
  } else {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < roles.size(); i = next++) buildOne(i);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
  }
  unit.roles.reserve(unit.roles.size() + built.size());
  for (Built& b : built) {
    unit.problems.insert(unit.problems.end(), std::make_move_iterator(b.problems.begin()),
                         std::make_move_iterator(b.problems.end()));
    if (!b.role) continue;
    for (const PolicyRef& m : b.role->managed) attached.insert(m.arn);
    if (b.role->boundary) attached.insert(b.role->boundary->arn);
    unit.roles.push_back(std::move(*b.role));
  }
  detail::nameSoleUsers(cache, unit.roles);
  // Customer managed policies no role of the dump uses are still checked on their own.
  for (const auto& [arn, doc] : documents) {
    if (doc == nullptr || isAwsManagedArn(arn) || attached.count(arn) != 0) continue;
    if (auto r = loader.resolveDocument(*file, tree, *doc, unit.problems)) {
      unit.policies.push_back(buildPolicy(*r, PolicyKind::Managed, arn, ""));
    }
  }
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html: RoleName,
// PolicyName and PolicyDocument (URL-encoded by the API; the CLI prints it decoded).
void buildGetRolePolicy(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader, Unit& unit) {
  const auto& tree = file->tree;
  const json::Value& root = *tree->root();
  auto problem = [&](const json::Value& at, std::string message) {
    input::Problem p;
    p.code = input::ProblemCode::InvalidRoleField;
    p.message = std::move(message);
    p.location = input::locate(*tree, at, &root);
    unit.problems.push_back(std::move(p));
  };
  const json::Value* roleName = root.find("RoleName");
  const json::Value* policyName = root.find("PolicyName");
  const json::Value* doc = root.find("PolicyDocument");
  if (roleName != nullptr && !roleName->isString()) problem(*roleName, "\"RoleName\" must be a string");
  if (policyName != nullptr && !policyName->isString()) problem(*policyName, "\"PolicyName\" must be a string");
  if (doc == nullptr) return;
  if (!doc->isObject() && !doc->isString()) {
    problem(*doc, std::string("\"PolicyDocument\" must be a policy document (an object or a URL-encoded JSON string), not ") +
                      std::string(json::kindName(doc->kind)));
    return;
  }
  const std::string name = policyName != nullptr && policyName->isString() ? policyName->text : "?";
  const std::string role = roleName != nullptr && roleName->isString() ? roleName->text : "";
  if (auto r = loader.resolveDocument(*file, tree, *doc, unit.problems)) {
    unit.policies.push_back(buildPolicy(*r, PolicyKind::Identity, "inline:" + name, role));
  }
}

}  // namespace rolelint::model
