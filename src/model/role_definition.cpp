#include "model/role_definition.h"

#include "input/yaml.h"
#include "input/terraform.h"

#include <map>
#include <set>

#include <filesystem>
#include <vector>

namespace rolelint::model::detail {

json::Value copyValue(const json::Value& v) {
  json::Value out;
  out.kind = v.kind;
  out.boolean = v.boolean;
  out.begin = v.begin;
  out.end = v.end;
  out.text = v.text;
  out.elements.reserve(v.elements.size());
  for (const json::Value& e : v.elements) out.elements.push_back(copyValue(e));
  out.members.reserve(v.members.size());
  for (const json::Member& m : v.members) {
    json::Member c;
    c.key = m.key;
    c.keyBegin = m.keyBegin;
    c.keyEnd = m.keyEnd;
    c.value = copyValue(m.value);
    out.members.push_back(std::move(c));
  }
  return out;
}

json::Value makeObject(json::Span at) {
  json::Value v;
  v.kind = json::Kind::Object;
  v.begin = at.begin;
  v.end = at.end;
  return v;
}

json::Value makeArray(json::Span at) {
  json::Value v = makeObject(at);
  v.kind = json::Kind::Array;
  return v;
}

json::Value makeString(std::string text, json::Span at) {
  json::Value v = makeObject(at);
  v.kind = json::Kind::String;
  v.text = std::move(text);
  return v;
}

json::Value& addMember(json::Value& obj, std::string key, json::Span keyAt, json::Value value) {
  json::Member m;
  m.key = std::move(key);
  m.keyBegin = keyAt.begin;
  m.keyEnd = keyAt.end;
  m.value = std::move(value);
  obj.members.push_back(std::move(m));
  return obj.members.back().value;
}

json::Span keyRangeOf(const json::Value& v) {
  if (const json::Member* m = v.memberOf()) return m->keyRange();
  return v.range();
}

std::shared_ptr<const input::Tree> makeTree(const std::shared_ptr<const input::Source>& source, json::Value root) {
  auto tree = std::make_shared<input::Tree>();
  tree->source = source;
  tree->doc.root = std::make_unique<json::Value>(std::move(root));
  json::relink(*tree->doc.root);
  return tree;
}

bool isYamlSource(const input::Source& source) { return input::isYamlText(source.path, source.text); }

namespace {

// A JSON document written as a YAML string: parsed from its decoded text; every
// position is that of the string (YAML escapes and folding do not map byte for byte).
std::shared_ptr<const input::Tree> parseYamlString(const std::shared_ptr<const input::Source>& source,
                                                   const json::Value& str) {
  auto tree = std::make_shared<input::Tree>();
  tree->source = source;
  tree->doc = json::read(str.text);
  for (json::Problem& p : tree->doc.problems) {
    p.range = input::rangeAt(*source, str.range());
    if (p.related) p.related = p.range;
  }
  if (tree->doc.root) {
    std::vector<json::Value*> stack{&*tree->doc.root};
    while (!stack.empty()) {
      json::Value* v = stack.back();
      stack.pop_back();
      v->begin = str.begin;
      v->end = str.end;
      for (json::Value& e : v->elements) stack.push_back(&e);
      for (json::Member& m : v->members) {
        m.keyBegin = str.begin;
        m.keyEnd = str.end;
        stack.push_back(&m.value);
      }
    }
  }
  return tree;
}

struct DefinitionBuilder {
  const RoleDefinition& def;
  const std::shared_ptr<const input::LoadedFile>& file;
  input::Loader& loader;
  const BuildOptions& options;
  Unit& unit;

  void problem(input::ProblemCode code, std::string message, core::Location loc) {
    input::Problem p;
    p.code = code;
    p.message = std::move(message);
    p.location = std::move(loc);
    unit.problems.push_back(std::move(p));
  }

  void fieldType(const Role& role, const json::Value& v, std::string_view field, std::string_view expected) {
    std::string message = "\"";
    message.append(field).append("\" must be ").append(expected).append(", not ").append(json::kindName(v.kind));
    problem(input::ProblemCode::InvalidRoleField, std::move(message), role.locate(v));
  }

  const json::Value* typed(const Role& role, std::string_view field, json::Kind kind, std::string_view expected) {
    const json::Value* v = role.root->find(field);
    if (v != nullptr && v->kind != kind) {
      fieldType(role, *v, field, expected);
      return nullptr;
    }
    return v;
  }

  std::optional<input::Resolved> resolve(const std::shared_ptr<const input::Tree>& tree, const json::Value& v) {
    if (v.isString() && isYamlSource(*tree->source) && !v.text.starts_with("file://")) {
      auto inner = parseYamlString(tree->source, v);
      input::addReaderProblems(*inner, unit.problems);
      if (inner->root() == nullptr || !inner->root()->isObject()) return std::nullopt;
      return input::Resolved{inner, inner->root()};
    }
    return loader.resolveDocument(*file, tree, v, unit.problems);
  }

  std::optional<PolicyDocument> document(const Role& role, const json::Value& v, PolicyKind kind, std::string label,
                                         std::string_view field) {
    if (!v.isObject() && !v.isString()) {
      fieldType(role, v, field, "a policy document: an object, a JSON string or \"file://path.json\"");
      return std::nullopt;
    }
    auto r = resolve(role.tree, v);
    if (!r) return std::nullopt;
    return buildPolicy(*r, kind, std::move(label), role.displayName);
  }

  std::shared_ptr<const PolicyDocument> managedDocument(const Role& role, const std::string& arn, PolicyKind kind,
                                                        std::string label) {
    if (def.cache == nullptr) return buildManaged(role.displayName, arn, kind, std::move(label));
    auto key = std::make_pair(arn, kind);
    // Built under the lock: each document once, and its problems reported once.
    std::lock_guard<std::mutex> lock(def.cache->mu);
    if (auto it = def.cache->docs.find(key); it != def.cache->docs.end()) return it->second;
    auto doc = buildManaged("", arn, kind, std::move(label));
    def.cache->docs.emplace(std::move(key), doc);
    return doc;
  }

  std::shared_ptr<PolicyDocument> buildManaged(const std::string& roleName, const std::string& arn,
                                                     PolicyKind kind, std::string label) {
    if (def.lookup) {
      if (auto ref = def.lookup(arn)) {
        if (ref->value == nullptr) return nullptr;
        auto r = resolve(ref->tree, *ref->value);
        if (!r) return nullptr;
        r->awsManaged = ref->awsManaged;
        return std::make_shared<PolicyDocument>(buildPolicy(*r, kind, std::move(label), roleName));
      }
    }
    if (options.resolver != nullptr) {
      if (auto r = options.resolver->resolve(arn))
        return std::make_shared<PolicyDocument>(buildPolicy(*r, kind, std::move(label), roleName));
    }
    return nullptr;
  }

  void unresolved(const Role& role, const json::Value& node, const std::string& arn, std::string_view what) {
    std::string message(what);
    if (core::hasUnknown(arn)) {
      // A CloudFormation parameter, an import, a dynamic reference (core/unknown.h).
      message += " \"" + arn + "\" is known only at deployment, so its statements are not checked";
    } else if (arn.find(":iam::aws:policy/") != std::string::npos) {
      message += " \"" + arn +
                 "\" is not an AWS managed policy in rolelint's catalog, so its statements are not checked; check "
                 "the name and path, or map the ARN to a file in .rolelint.json \"policies\"";
    } else {
      message += " \"" + arn + "\" is not defined in this run, so its statements are not checked; " + def.defineHint;
    }
    problem(input::ProblemCode::UnresolvedManagedPolicy, std::move(message), role.locate(node));
  }

  Role run() {
    Role role;
    role.tree = def.tree;
    role.root = def.tree->root();
    role.displayName = def.displayName;
    role.roleName = typed(role, "RoleName", json::Kind::String, "a string");
    if (role.roleName == nullptr) role.namePrefix = typed(role, "RoleNamePrefix", json::Kind::String, "a string");
    role.path = typed(role, "Path", json::Kind::String, "a string");
    role.description = typed(role, "Description", json::Kind::String, "a string");
    role.maxSessionDuration = typed(role, "MaxSessionDuration", json::Kind::Number, "a number of seconds");
    if (role.roleName != nullptr) role.displayName = role.roleName->text;
    role.tagsNode = typed(role, "Tags", json::Kind::Array, "an array of {\"Key\": …, \"Value\": …} objects");
    if (role.tagsNode != nullptr) {
      for (const json::Value& t : role.tagsNode->elements) {
        if (!t.isObject()) {
          fieldType(role, t, "Tags", "an array of {\"Key\": …, \"Value\": …} objects");
          continue;
        }
        role.tags.push_back(Tag{&t, t.find("Key"), t.find("Value")});
      }
    }
    if (const json::Value* trust = role.root->find("AssumeRolePolicyDocument")) {
      role.trust = document(role, *trust, PolicyKind::Trust, "trust", "AssumeRolePolicyDocument");
    }
    if (const json::Value* pols = typed(role, "Policies", json::Kind::Array,
                                        "an array of {\"PolicyName\": …, \"PolicyDocument\": …} objects")) {
      for (const json::Value& p : pols->elements) {
        const json::Value* name = p.isObject() ? p.find("PolicyName") : nullptr;
        const json::Value* doc = p.isObject() ? p.find("PolicyDocument") : nullptr;
        if (!p.isObject() || doc == nullptr) {
          problem(input::ProblemCode::InvalidRoleField,
                  "each inline policy must be an object with \"PolicyName\" and \"PolicyDocument\"", role.locate(p));
          continue;
        }
        std::string label = "inline:";
        if (name != nullptr && name->isString()) {
          label += name->text;
        } else {
          label.append("#").append(std::to_string(p.index));
        }
        if (auto d = document(role, *doc, PolicyKind::Identity, label, "PolicyDocument")) {
          role.inlinePolicies.push_back(std::move(*d));
        }
      }
    }
    if (const json::Value* arns =
            typed(role, "ManagedPolicyArns", json::Kind::Array, "an array of managed policy ARNs")) {
      role.managedNode = arns;
      for (const json::Value& a : arns->elements) {
        if (!a.isString()) {
          fieldType(role, a, "ManagedPolicyArns", "an array of managed policy ARNs");
          continue;
        }
        PolicyRef ref{&a, a.text, managedDocument(role, a.text, PolicyKind::Managed, a.text)};
        if (!ref.document) unresolved(role, a, a.text, "managed policy");
        role.managed.push_back(std::move(ref));
      }
    }
    if (const json::Value* b = typed(role, "PermissionsBoundary", json::Kind::String, "a managed policy ARN")) {
      PolicyRef ref{b, b->text, managedDocument(role, b->text, PolicyKind::Boundary, "boundary:" + b->text)};
      if (!ref.document) unresolved(role, *b, b->text, "permissions boundary");
      role.boundary = std::move(ref);
    }
    return role;
  }
};

}  // namespace

void nameSoleUsers(DocumentCache& cache, const std::vector<Role>& roles) {
  std::map<const PolicyDocument*, std::pair<size_t, const Role*>> users;
  for (const Role& role : roles) {
    std::set<const PolicyDocument*> seen;
    for (const PolicyRef& m : role.managed)
      if (m.document) seen.insert(m.document.get());
    if (role.boundary && role.boundary->document) seen.insert(role.boundary->document.get());
    for (const PolicyDocument* d : seen) {
      auto& u = users[d];
      ++u.first;
      u.second = &role;
    }
  }
  for (auto& [key, doc] : cache.docs) {
    if (!doc) continue;
    auto it = users.find(doc.get());
    if (it != users.end() && it->second.first == 1) doc->roleName = it->second.second->displayName;
  }
}

Role buildRoleDefinition(const RoleDefinition& def, const std::shared_ptr<const input::LoadedFile>& file,
                         input::Loader& loader, const BuildOptions& options, Unit& unit) {
  DefinitionBuilder b{def, file, loader, options, unit};
  return b.run();
}

}  // namespace rolelint::model::detail
