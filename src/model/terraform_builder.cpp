// Roles from Terraform plans in JSON (`terraform show -json PLAN`): the
// resources of planned_values.root_module and its child_modules of type
// aws_iam_role, with the aws_iam_role_policy, aws_iam_policy and
// aws_iam_role_policy_attachment resources linked to them.
// Format: Terraform documentation, "JSON Output Format"
// (https://developer.hashicorp.com/terraform/internals/json-format); attribute
// names: AWS provider documentation of aws_iam_role, aws_iam_role_policy,
// aws_iam_policy and aws_iam_role_policy_attachment
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role).
//
// Values unknown until apply (resource_changes[].change.after_unknown) are absent
// from planned_values or null there: they are left out of the model, like
// CloudFormation's intrinsic functions. A link to a role or policy whose name or
// ARN is unknown is read from the configuration's references (aws_iam_role.NAME).
#include <algorithm>
#include <map>
#include <set>

#include "model/model.h"
#include "core/unknown.h"
#include "model/role_definition.h"

namespace rolelint::model {
namespace {

using detail::addMember;
using detail::copyValue;

struct TfResource {
  std::string address;  // aws_iam_role.media, module.m.aws_iam_role.media
  std::string type;
  std::string module;  // "" for the root module, else "module.m"
  const json::Value* values = nullptr;
  const json::Value* node = nullptr;
};

const json::Value* known(const json::Value* obj, std::string_view key) {
  if (obj == nullptr || !obj->isObject()) return nullptr;
  const json::Value* v = obj->find(key);
  return v != nullptr && !v->isNull() ? v : nullptr;
}

const json::Value* knownString(const json::Value* obj, std::string_view key) {
  const json::Value* v = known(obj, key);
  return v != nullptr && v->isString() && !v->text.empty() ? v : nullptr;
}

// A policy: a JSON string (plans) or the document itself (Terraform source, input/terraform.h).
const json::Value* knownPolicy(const json::Value* obj, std::string_view key) {
  const json::Value* v = known(obj, key);
  if (v != nullptr && v->isObject()) return v;
  return v != nullptr && v->isString() && !v->text.empty() && !core::isWhollyUnknown(v->text) ? v : nullptr;
}

struct PlanBuilder {
  const std::shared_ptr<const input::LoadedFile>& file;
  input::Loader& loader;
  const BuildOptions& options;
  Unit& unit;
  std::vector<TfResource> resources;
  // Configuration references per resource address: attribute -> referenced addresses.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> references;
  std::set<std::string> used;  // aws_iam_policy addresses that became part of a role

  // Indexes of `resources` (positions, ascending), built once by buildIndexes() so that linking a
  // role to its policies does not scan every resource of the plan for every role.
  std::map<std::string, std::vector<size_t>> byRoleName;   // known `role` value -> resources with it
  std::map<std::string, std::vector<size_t>> byRoleRef;    // role address -> resources whose `role` references it
  std::map<std::string, std::vector<size_t>> policyByAddress;  // aws_iam_policy address -> its resources
  std::map<std::string, size_t> policyByArn;               // known arn -> the first aws_iam_policy with it

  // A tree of built values in the file's coordinates, with the file's unknown origins (core/unknown.h).
  // The trees share the file's table (input::Tree::unknowns): a copy per tree is quadratic.
  std::shared_ptr<const input::Tree> treeOf(json::Value root) const {
    auto tree = std::make_shared<input::Tree>();
    tree->source = file->tree->source;
    tree->unknowns = file->tree->unknowns;
    tree->doc.root = std::make_unique<json::Value>(std::move(root));
    json::relink(*tree->doc.root);
    return tree;
  }

  void collect(const json::Value& module, const std::string& moduleAddress, int depth) {
    if (depth > 32) return;
    if (const json::Value* rs = module.find("resources"); rs != nullptr && rs->isArray()) {
      for (const json::Value& r : rs->elements) {
        const json::Value* address = knownString(&r, "address");
        const json::Value* type = knownString(&r, "type");
        const json::Value* mode = knownString(&r, "mode");
        if (address == nullptr || type == nullptr || (mode != nullptr && mode->text != "managed")) continue;
        resources.push_back(TfResource{address->text, type->text, moduleAddress, known(&r, "values"), &r});
      }
    }
    if (const json::Value* cs = module.find("child_modules"); cs != nullptr && cs->isArray()) {
      for (const json::Value& c : cs->elements) {
        const json::Value* address = knownString(&c, "address");
        if (c.isObject()) collect(c, address != nullptr ? address->text.str() : moduleAddress, depth + 1);
      }
    }
  }

  void collectReferences(const json::Value& module, const std::string& prefix, int depth) {
    if (depth > 32 || !module.isObject()) return;
    if (const json::Value* rs = module.find("resources"); rs != nullptr && rs->isArray()) {
      for (const json::Value& r : rs->elements) {
        const json::Value* address = knownString(&r, "address");
        const json::Value* exprs = known(&r, "expressions");
        if (address == nullptr || exprs == nullptr || !exprs->isObject()) continue;
        auto& attrs = references[prefix + address->text];
        for (const json::Member& e : exprs->members) {
          const json::Value* refs = known(&e.value, "references");
          if (refs == nullptr || !refs->isArray()) continue;
          for (const json::Value& ref : refs->elements)
            if (ref.isString()) attrs[e.key].push_back(prefix + ref.text);
        }
      }
    }
    if (const json::Value* calls = module.find("module_calls"); calls != nullptr && calls->isObject()) {
      for (const json::Member& c : calls->members) {
        if (const json::Value* m = known(&c.value, "module"))
          collectReferences(*m, prefix + "module." + c.key + ".", depth + 1);
      }
    }
  }

  // The configuration references of `from`'s attribute `attr`, or nullptr.
  const std::vector<std::string>* referencesOf(const TfResource& from, std::string_view attr) const {
    auto it = references.find(from.address);
    if (it == references.end()) return nullptr;
    auto a = it->second.find(std::string(attr));
    return a == it->second.end() ? nullptr : &a->second;
  }

  // The addresses a reference `ref` refers to: `ref` itself and each of its prefixes that a
  // "." follows (aws_iam_role.r.id: aws_iam_role.r.id, aws_iam_role.r and aws_iam_role).
  static void addressesOf(const std::string& ref, std::set<std::string>& out) {
    out.insert(ref);
    for (size_t p = ref.find('.'); p != std::string::npos; p = ref.find('.', p + 1)) out.insert(ref.substr(0, p));
  }

  // The positions in `by` of the resources that `from`'s attribute `attr` references
  // (by their address), ascending and once each.
  std::vector<size_t> referenced(const TfResource& from, std::string_view attr,
                                 const std::map<std::string, std::vector<size_t>>& by) const {
    std::vector<size_t> out;
    const std::vector<std::string>* refs = referencesOf(from, attr);
    if (refs == nullptr) return out;
    std::set<std::string> addresses;
    for (const std::string& ref : *refs) addressesOf(ref, addresses);
    for (const std::string& a : addresses)
      if (auto it = by.find(a); it != by.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void buildIndexes() {
    for (size_t i = 0; i < resources.size(); ++i) {
      const TfResource& r = resources[i];
      if (r.type == "aws_iam_policy") {
        policyByAddress[r.address].push_back(i);
        if (const json::Value* a = knownString(r.values, "arn")) policyByArn.emplace(a->text, i);
      }
      if (r.values == nullptr) continue;
      // A known `role` links by name, else the `role` references link by address.
      if (const json::Value* name = knownString(r.values, "role")) {
        byRoleName[name->text].push_back(i);
        continue;
      }
      const std::vector<std::string>* refs = referencesOf(r, "role");
      if (refs == nullptr) continue;
      std::set<std::string> addresses;
      for (const std::string& ref : *refs) addressesOf(ref, addresses);
      for (const std::string& a : addresses) byRoleRef[a].push_back(i);
    }
  }

  // The positions of the resources whose `role` is the role `role`, ascending. Role names are
  // unique in an account, so a known name links across modules; a reference only within one.
  std::vector<size_t> linkedTo(const TfResource& role, const json::Value* roleName) const {
    std::vector<size_t> out;
    if (roleName != nullptr)
      if (auto it = byRoleName.find(roleName->text); it != byRoleName.end()) out = it->second;
    if (auto it = byRoleRef.find(role.address); it != byRoleRef.end())
      for (size_t i : it->second)
        if (resources[i].module == role.module) out.push_back(i);
    std::sort(out.begin(), out.end());
    return out;
  }

  static void addInline(json::Value& policies, const json::Value& obj, const json::Value* name,
                        const json::Value* policy) {
    json::Value entry = detail::makeObject(obj.range());
    if (name != nullptr) addMember(entry, "PolicyName", detail::keyRangeOf(*name), copyValue(*name));
    addMember(entry, "PolicyDocument", detail::keyRangeOf(*policy), copyValue(*policy));
    policies.elements.push_back(std::move(entry));
  }

  // Where findings about a resource without a better place go: its "address".
  static const json::Value* anchor(const TfResource& r) {
    const json::Value* a = knownString(r.node, "address");
    return a != nullptr ? a : r.node;
  }

  std::optional<input::Resolved> policyOf(const TfResource& p) {
    const json::Value* doc = knownPolicy(p.values, "policy");
    if (doc == nullptr) return std::nullopt;
    auto tree = treeOf(copyValue(*doc));
    return loader.resolveDocument(*file, tree, *tree->root(), unit.problems);
  }

  void buildRole(const TfResource& res) {
    const json::Value& v = *res.values;
    json::Value def = detail::makeObject(res.node->range());
    const json::Value* roleName = knownString(&v, "name");
    auto field = [&](std::string_view from, std::string to) {
      if (const json::Value* x = known(&v, from)) addMember(def, std::move(to), detail::keyRangeOf(*x), copyValue(*x));
    };
    field("name", "RoleName");
    if (known(&v, "name") == nullptr) field("name_prefix", "RoleNamePrefix");
    field("path", "Path");
    if (knownString(&v, "description") != nullptr) field("description", "Description");
    field("max_session_duration", "MaxSessionDuration");
    if (const json::Value* t = knownPolicy(&v, "assume_role_policy"))
      addMember(def, "AssumeRolePolicyDocument", detail::keyRangeOf(*t), copyValue(*t));
    if (const json::Value* tags = known(&v, "tags"); tags != nullptr && tags->isObject()) {
      json::Value arr = detail::makeArray(tags->range());
      for (const json::Member& m : tags->members) {
        json::Value tag = detail::makeObject({m.keyBegin, m.value.end});
        addMember(tag, "Key", m.keyRange(), detail::makeString(m.key, m.keyRange()));
        addMember(tag, "Value", m.value.range(), copyValue(m.value));
        arr.elements.push_back(std::move(tag));
      }
      addMember(def, "Tags", detail::keyRangeOf(*tags), std::move(arr));
    }
    json::Value policies = detail::makeArray(v.range());
    json::Span policiesKey = v.range();
    bool hasPolicies = false;
    if (const json::Value* ip = known(&v, "inline_policy"); ip != nullptr && ip->isArray()) {
      for (const json::Value& p : ip->elements) {
        const json::Value* doc = knownPolicy(&p, "policy");
        if (doc == nullptr) continue;
        if (!hasPolicies) {
          hasPolicies = true;
          policiesKey = detail::keyRangeOf(*ip);
          policies.begin = ip->begin;
          policies.end = ip->end;
        }
        addInline(policies, p, knownString(&p, "name"), doc);
      }
    }
    json::Value arns = detail::makeArray(v.range());
    json::Span arnsKey = v.range();
    bool hasArns = false;
    if (const json::Value* mp = known(&v, "managed_policy_arns"); mp != nullptr && mp->isArray()) {
      hasArns = true;
      arnsKey = detail::keyRangeOf(*mp);
      arns.begin = mp->begin;
      arns.end = mp->end;
      for (const json::Value& a : mp->elements)
        if (!a.isNull()) arns.elements.push_back(copyValue(a));
    }
    if (const json::Value* b = knownString(&v, "permissions_boundary"))
      addMember(def, "PermissionsBoundary", detail::keyRangeOf(*b), copyValue(*b));

    std::vector<std::pair<const TfResource*, const TfResource*>> attachedPolicies;  // (attachment, aws_iam_policy)
    for (size_t ri : linkedTo(res, roleName)) {
      const TfResource& r = resources[ri];
      if (r.type == "aws_iam_role_policy") {
        const json::Value* doc = knownPolicy(r.values, "policy");
        if (doc == nullptr) continue;
        if (!hasPolicies) {
          hasPolicies = true;
          policiesKey = detail::keyRangeOf(*doc);
        }
        addInline(policies, *r.values, knownString(r.values, "name"), doc);
      } else if (r.type == "aws_iam_role_policy_attachment") {
        if (const json::Value* a = knownString(r.values, "policy_arn")) {
          if (!hasArns) {
            hasArns = true;
            arnsKey = detail::keyRangeOf(*a);
          }
          arns.elements.push_back(copyValue(*a));
          continue;
        }
        for (size_t pi : referenced(r, "policy_arn", policyByAddress)) {
          const TfResource& p = resources[pi];
          if (p.module == r.module) attachedPolicies.emplace_back(&r, &p);
        }
      }
    }
    if (hasPolicies) addMember(def, "Policies", policiesKey, std::move(policies));
    if (hasArns) addMember(def, "ManagedPolicyArns", arnsKey, std::move(arns));

    // aws_iam_policy resources of the plan, by their ARN when it is known.
    detail::ManagedLookup lookup = [this](const std::string& arn) -> std::optional<detail::DocumentRef> {
      auto it = policyByArn.find(arn);
      if (it == policyByArn.end()) return std::nullopt;
      const TfResource& p = resources[it->second];
      const json::Value* doc = knownPolicy(p.values, "policy");
      if (doc == nullptr) return std::nullopt;
      used.insert(p.address);
      return detail::DocumentRef{file->tree, doc, false};
    };
    detail::RoleDefinition rd;
    rd.tree = treeOf(std::move(def));
    rd.displayName = res.address;
    rd.lookup = lookup;
    Role role = detail::buildRoleDefinition(rd, file, loader, options, unit);
    for (const auto& [att, pol] : attachedPolicies) {
      used.insert(pol->address);
      PolicyRef ref;
      ref.node = anchor(*att);
      ref.arn = pol->address;
      if (auto r = policyOf(*pol)) ref.document = std::make_shared<const PolicyDocument>(
          buildPolicy(*r, PolicyKind::Managed, pol->address, role.displayName));
      role.managed.push_back(std::move(ref));
    }
    // A boundary whose ARN is unknown until apply: the aws_iam_policy the configuration references.
    if (!role.boundary) {
      for (size_t pi : referenced(res, "permissions_boundary", policyByAddress)) {
        // References are module-qualified, and a caller's policy passed as a module argument
        // is a reference of the child's attribute (input/terraform.cpp, throughName).
        const TfResource& p = resources[pi];
        used.insert(p.address);
        PolicyRef ref;
        ref.node = nullptr;  // no ARN before apply: the rules on boundary ARNs skip it
        ref.arn = p.address;
        ref.definedInRun = true;
        if (auto r = policyOf(p))
          ref.document = std::make_shared<const PolicyDocument>(
              buildPolicy(*r, PolicyKind::Boundary, "boundary:" + p.address, role.displayName));
        role.boundary = std::move(ref);
        break;
      }
    }
    unit.roles.push_back(std::move(role));
  }

  void run() {
    const json::Value& root = *file->tree->root();
    const json::Value* planned = known(&root, "planned_values");
    const json::Value* rootModule = known(planned, "root_module");
    if (rootModule == nullptr || !rootModule->isObject()) return;
    collect(*rootModule, "", 0);
    if (const json::Value* cfg = known(known(&root, "configuration"), "root_module")) collectReferences(*cfg, "", 0);
    buildIndexes();
    for (const TfResource& r : resources) {
      if (r.type == "aws_iam_role" && r.values != nullptr && r.values->isObject()) buildRole(r);
    }
    // Policies of the plan that no role of it uses are still checked on their own.
    for (const TfResource& p : resources) {
      if (p.type != "aws_iam_policy" || used.count(p.address) != 0) continue;
      if (auto r = policyOf(p)) unit.policies.push_back(buildPolicy(*r, PolicyKind::Managed, p.address, ""));
    }
  }
};

}  // namespace

void buildTerraformPlan(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                        const BuildOptions& options, Unit& unit) {
  PlanBuilder b{file, loader, options, unit, {}, {}};
  b.run();
}

}  // namespace rolelint::model
