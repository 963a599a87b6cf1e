// Roles from CloudFormation templates (JSON, or YAML converted by the input
// layer): resources of type AWS::IAM::Role, with the AWS::IAM::Policy,
// AWS::IAM::RolePolicy and AWS::IAM::ManagedPolicy resources linked to them.
// Property names: CloudFormation User Guide, AWS::IAM::Role, AWS::IAM::Policy,
// AWS::IAM::RolePolicy, AWS::IAM::ManagedPolicy
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html and neighbours).
//
// Intrinsic functions (Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::If, …) are values
// rolelint cannot know. They are left out of the model, so no rule reports them:
// an intrinsic element of an array is dropped; a statement that holds one anywhere
// else is dropped; a role field that is one is absent. The only intrinsic values
// that are evaluated are ARNs built from the partition alone
// (arn:${AWS::Partition}:iam::aws:policy/…), read as the aws partition.
#include <map>
#include <set>

#include "model/model.h"
#include "model/role_definition.h"

namespace rolelint::model {
namespace {

using detail::addMember;
using detail::copyValue;

bool isIntrinsic(const json::Value& v) {
  if (!v.isObject() || v.members.size() != 1) return false;
  const std::string& k = v.members[0].key;
  return k == "Ref" || k.rfind("Fn::", 0) == 0;
}

// A copy of `v` without intrinsic values: intrinsic array elements are dropped;
// false when `v` is intrinsic, holds one elsewhere, or an array lost every element.
bool copyClean(const json::Value& v, json::Value& out) {
  if (isIntrinsic(v)) return false;
  out.kind = v.kind;
  out.boolean = v.boolean;
  out.begin = v.begin;
  out.end = v.end;
  out.text = v.text;
  bool dropped = false;
  for (const json::Value& e : v.elements) {
    if (isIntrinsic(e)) {
      dropped = true;
      continue;
    }
    json::Value c;
    if (!copyClean(e, c)) return false;
    out.elements.push_back(std::move(c));
  }
  if (dropped && out.elements.empty()) return false;
  for (const json::Member& m : v.members) {
    json::Value c;
    if (!copyClean(m.value, c)) return false;
    addMember(out, m.key, m.keyRange(), std::move(c));
  }
  return true;
}

// A policy document without intrinsic values, or nullopt when nothing is left.
std::optional<json::Value> cleanDocument(const json::Value& doc) {
  if (isIntrinsic(doc)) return std::nullopt;
  if (!doc.isObject()) return copyValue(doc);  // a JSON string or a wrong type: as written
  json::Value out = detail::makeObject(doc.range());
  for (const json::Member& m : doc.members) {
    if (m.key != "Statement") {
      json::Value c;
      if (copyClean(m.value, c)) addMember(out, m.key, m.keyRange(), std::move(c));
      continue;
    }
    if (isIntrinsic(m.value)) return std::nullopt;
    if (!m.value.isArray()) {
      json::Value c;
      if (!copyClean(m.value, c)) return std::nullopt;
      addMember(out, m.key, m.keyRange(), std::move(c));
      continue;
    }
    json::Value statements = detail::makeArray(m.value.range());
    for (const json::Value& s : m.value.elements) {
      json::Value c;
      if (copyClean(s, c)) statements.elements.push_back(std::move(c));
    }
    if (statements.elements.empty() && !m.value.elements.empty()) return std::nullopt;
    addMember(out, m.key, m.keyRange(), std::move(statements));
  }
  return out;
}

// An ARN string, or an Fn::Sub / Fn::Join whose only unknown is the partition.
std::optional<json::Value> knownArn(const json::Value& v) {
  if (v.isString()) return copyValue(v);
  if (!isIntrinsic(v)) return std::nullopt;
  const json::Member& fn = v.members[0];
  if (fn.key == "Fn::Sub" && fn.value.isString()) {
    std::string s = fn.value.text;
    static constexpr std::string_view kPartition = "${AWS::Partition}";
    for (size_t at = s.find(kPartition); at != std::string::npos; at = s.find(kPartition, at))
      s.replace(at, kPartition.size(), "aws");
    if (s.find("${") != std::string::npos) return std::nullopt;
    return detail::makeString(std::move(s), fn.value.range());
  }
  if (fn.key == "Fn::Join" && fn.value.isArray() && fn.value.elements.size() == 2 && fn.value.elements[0].isString() &&
      fn.value.elements[1].isArray()) {
    std::string s;
    bool first = true;
    for (const json::Value& part : fn.value.elements[1].elements) {
      if (!first) s += fn.value.elements[0].text;
      first = false;
      if (part.isString()) {
        s += part.text;
      } else if (isIntrinsic(part) && part.members[0].key == "Ref" && part.members[0].value.isString() &&
                 part.members[0].value.text == "AWS::Partition") {
        s += "aws";
      } else {
        return std::nullopt;
      }
    }
    return detail::makeString(std::move(s), v.range());
  }
  return std::nullopt;
}

// The logical ID a {"Ref": "Id"} names, or "".
std::string refOf(const json::Value& v) {
  if (isIntrinsic(v) && v.members[0].key == "Ref" && v.members[0].value.isString()) return v.members[0].value.text;
  return "";
}

struct Resource {
  std::string id;
  std::string type;
  const json::Value* node = nullptr;
  const json::Value* properties = nullptr;
};

struct TemplateBuilder {
  const std::shared_ptr<const input::LoadedFile>& file;
  input::Loader& loader;
  const BuildOptions& options;
  Unit& unit;
  std::vector<Resource> resources;
  std::map<std::string, const Resource*> byId;
  std::set<std::string> used;  // policy resources that became part of a role

  // Does `v` (a Roles entry or a RoleName) name `role` (logical ID, role name)?
  static bool names(const json::Value& v, const Resource& role, const json::Value* roleName) {
    if (refOf(v) == role.id) return true;
    return v.isString() && roleName != nullptr && roleName->isString() && v.text == roleName->text;
  }

  bool linked(const Resource& policy, const Resource& role, const json::Value* roleName) const {
    if (policy.properties == nullptr) return false;
    if (const json::Value* roles = policy.properties->find("Roles"); roles != nullptr && roles->isArray()) {
      for (const json::Value& r : roles->elements)
        if (names(r, role, roleName)) return true;
    }
    if (const json::Value* rn = policy.properties->find("RoleName"); rn != nullptr && names(*rn, role, roleName))
      return true;
    return false;
  }

  // A managed policy resource's document, cleaned, as its own tree.
  std::optional<input::Resolved> managedDocument(const Resource& mp) {
    const json::Value* doc = mp.properties != nullptr ? mp.properties->find("PolicyDocument") : nullptr;
    if (doc == nullptr) return std::nullopt;
    auto clean = cleanDocument(*doc);
    if (!clean) return std::nullopt;
    auto tree = detail::makeTree(file->tree->source, std::move(*clean));
    return loader.resolveDocument(*file, tree, *tree->root(), unit.problems);
  }

  void attach(Role& role, const Resource& mp, const json::Value& node, bool boundary) {
    used.insert(mp.id);
    PolicyRef ref;
    // A boundary has no ARN before deployment: without a node, the rules on boundary ARNs skip it.
    ref.node = boundary ? nullptr : &node;
    ref.arn = mp.id;
    if (auto r = managedDocument(mp)) {
      ref.document = std::make_shared<const PolicyDocument>(
          buildPolicy(*r, boundary ? PolicyKind::Boundary : PolicyKind::Managed,
                      (boundary ? "boundary:" : "managed:") + mp.id, role.displayName));
    }
    if (boundary) {
      role.boundary = std::move(ref);
    } else {
      role.managed.push_back(std::move(ref));
    }
  }

  void buildRole(const Resource& res) {
    const json::Value& props = *res.properties;
    json::Value def = detail::makeObject(res.node->range());
    const json::Value* roleName = props.find("RoleName");
    std::vector<std::pair<const Resource*, const json::Value*>> managedRefs;  // template managed policies
    const Resource* boundaryRes = nullptr;
    json::Value policies = detail::makeArray(props.range());
    core::Range policiesKey = props.range();
    bool hasPolicies = false;
    for (const json::Member& m : props.members) {
      const std::string& k = m.key;
      if (k == "RoleName" || k == "Path" || k == "Description" || k == "MaxSessionDuration") {
        if (!isIntrinsic(m.value)) addMember(def, k, m.keyRange(), copyValue(m.value));
      } else if (k == "AssumeRolePolicyDocument") {
        if (auto d = cleanDocument(m.value)) addMember(def, k, m.keyRange(), std::move(*d));
      } else if (k == "Tags") {
        if (!m.value.isArray()) {
          if (!isIntrinsic(m.value)) addMember(def, k, m.keyRange(), copyValue(m.value));
          continue;
        }
        json::Value tags = detail::makeArray(m.value.range());
        for (const json::Value& t : m.value.elements) {
          json::Value tc;
          if (copyClean(t, tc)) tags.elements.push_back(std::move(tc));
        }
        addMember(def, k, m.keyRange(), std::move(tags));
      } else if (k == "Policies") {
        if (!m.value.isArray()) {
          if (!isIntrinsic(m.value)) addMember(def, k, m.keyRange(), copyValue(m.value));
          continue;
        }
        hasPolicies = true;
        policiesKey = m.keyRange();
        policies.begin = m.value.begin;
        policies.end = m.value.end;
        for (const json::Value& p : m.value.elements) addInline(policies, p, p.range());
      } else if (k == "ManagedPolicyArns") {
        if (!m.value.isArray()) {
          if (!isIntrinsic(m.value)) addMember(def, k, m.keyRange(), copyValue(m.value));
          continue;
        }
        json::Value arns = detail::makeArray(m.value.range());
        for (const json::Value& a : m.value.elements) {
          if (auto it = byId.find(refOf(a)); it != byId.end() && it->second->type == "AWS::IAM::ManagedPolicy") {
            managedRefs.emplace_back(it->second, &a);
          } else if (auto s = knownArn(a)) {
            arns.elements.push_back(std::move(*s));
          } else if (!isIntrinsic(a)) {
            arns.elements.push_back(copyValue(a));
          }
        }
        addMember(def, k, m.keyRange(), std::move(arns));
      } else if (k == "PermissionsBoundary") {
        if (auto it = byId.find(refOf(m.value)); it != byId.end() && it->second->type == "AWS::IAM::ManagedPolicy") {
          // Defined in this template: no ARN before deployment. The definition names it by
          // logical ID (located at the Ref) and the lookup below resolves that ID.
          boundaryRes = it->second;
          addMember(def, k, m.keyRange(), detail::makeString(it->second->id, m.value.range()));
        } else if (auto s = knownArn(m.value)) {
          addMember(def, k, m.keyRange(), std::move(*s));
        } else if (!isIntrinsic(m.value)) {
          addMember(def, k, m.keyRange(), copyValue(m.value));
        }
      }
    }
    // AWS::IAM::Policy and AWS::IAM::RolePolicy resources put inline policies on the role.
    for (const Resource& r : resources) {
      if ((r.type != "AWS::IAM::Policy" && r.type != "AWS::IAM::RolePolicy") || !linked(r, res, roleName)) continue;
      used.insert(r.id);
      if (!hasPolicies) {
        hasPolicies = true;
        if (const json::Member* pn = r.properties->findMember("PolicyName")) policiesKey = pn->keyRange();
      }
      addInline(policies, *r.properties, r.properties->range());
    }
    if (hasPolicies) addMember(def, "Policies", policiesKey, std::move(policies));

    detail::RoleDefinition rd;
    rd.tree = detail::makeTree(file->tree->source, std::move(def));
    rd.displayName = res.id;
    if (boundaryRes != nullptr) {
      rd.lookup = [&](const std::string& arn) -> std::optional<detail::DocumentRef> {
        if (arn != boundaryRes->id) return std::nullopt;
        auto r = managedDocument(*boundaryRes);
        if (!r) return std::nullopt;
        return detail::DocumentRef{r->tree, r->root, false};
      };
    }
    Role role = detail::buildRoleDefinition(rd, file, loader, options, unit);
    if (boundaryRes != nullptr && role.boundary) {
      role.boundary->definedInRun = true;
      used.insert(boundaryRes->id);
    }
    for (const auto& [mp, node] : managedRefs) attach(role, *mp, *node, false);
    for (const Resource& r : resources) {
      if (r.type != "AWS::IAM::ManagedPolicy" || !linked(r, res, roleName)) continue;
      bool already = false;
      for (const PolicyRef& m : role.managed) already = already || m.arn == r.id;
      if (already) continue;
      const json::Value* roles = r.properties->find("Roles");
      attach(role, r, roles != nullptr ? *roles : *r.node, false);
    }
    unit.roles.push_back(std::move(role));
  }

  // Adds {PolicyName, PolicyDocument} from `p` (an inline policy or a policy resource's properties).
  static void addInline(json::Value& policies, const json::Value& p, core::Range at) {
    if (!p.isObject()) {
      if (!isIntrinsic(p)) policies.elements.push_back(copyValue(p));
      return;
    }
    const json::Value* name = p.find("PolicyName");
    const json::Value* doc = p.find("PolicyDocument");
    if ((name != nullptr && isIntrinsic(*name)) || (doc != nullptr && isIntrinsic(*doc))) return;
    json::Value entry = detail::makeObject(at);
    if (name != nullptr) addMember(entry, "PolicyName", name->memberOf()->keyRange(), copyValue(*name));
    if (doc != nullptr) {
      auto clean = cleanDocument(*doc);
      if (!clean) return;
      addMember(entry, "PolicyDocument", doc->memberOf()->keyRange(), std::move(*clean));
    }
    policies.elements.push_back(std::move(entry));
  }

  void run() {
    const json::Value* res = file->tree->root()->find("Resources");
    if (res == nullptr || !res->isObject()) return;
    for (const json::Member& m : res->members) {
      if (!m.value.isObject()) continue;
      const json::Value* type = m.value.find("Type");
      const json::Value* props = m.value.find("Properties");
      if (type == nullptr || !type->isString() || props == nullptr || !props->isObject()) continue;
      resources.push_back(Resource{m.key, type->text, &m.value, props});
    }
    for (const Resource& r : resources) byId.emplace(r.id, &r);
    for (const Resource& r : resources) {
      if (r.type == "AWS::IAM::Role") buildRole(r);
    }
    // Policies of the template that no role of it uses (for users, groups, roles defined elsewhere)
    // are still checked on their own.
    for (const Resource& r : resources) {
      const bool managed = r.type == "AWS::IAM::ManagedPolicy";
      if ((!managed && r.type != "AWS::IAM::Policy" && r.type != "AWS::IAM::RolePolicy") || used.count(r.id) != 0)
        continue;
      const json::Value* doc = r.properties->find("PolicyDocument");
      if (doc == nullptr) continue;
      auto clean = cleanDocument(*doc);
      if (!clean) continue;
      auto tree = detail::makeTree(file->tree->source, std::move(*clean));
      if (auto d = loader.resolveDocument(*file, tree, *tree->root(), unit.problems)) {
        unit.policies.push_back(buildPolicy(*d, managed ? PolicyKind::Managed : PolicyKind::Identity,
                                            (managed ? "managed:" : "inline:") + r.id, ""));
      }
    }
  }
};

}  // namespace

void buildCloudFormation(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                         const BuildOptions& options, Unit& unit) {
  TemplateBuilder b{file, loader, options, unit, {}, {}};
  b.run();
}

}  // namespace rolelint::model
