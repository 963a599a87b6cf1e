#include "model/model.h"
#include "model/role_definition.h"
#include "input/terraform.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <sstream>

namespace rolelint::model {

std::string_view kindName(PolicyKind k) {
  switch (k) {
    case PolicyKind::Trust: return "trust";
    case PolicyKind::Identity: return "identity";
    case PolicyKind::Boundary: return "boundary";
    case PolicyKind::Managed: return "managed";
  }
  return "identity";
}

namespace {

enum class Typed { None, Arn, Action };

StringItem item(const json::Value& v, Typed typed) {
  StringItem i{json::Text::view(v.text.sv()), &v, std::nullopt, std::nullopt};
  if (typed == Typed::Arn) i.arn = core::Arn::parse(v.text);
  if (typed == Typed::Action) i.action.emplace(v.text);
  return i;
}

StringList stringList(const json::Value* v, Typed typed = Typed::None) {
  StringList out;
  out.node = v;
  if (v == nullptr) return out;
  if (v->isString()) {
    out.items.push_back(item(*v, typed));
  } else if (v->isArray()) {
    out.items.reserve(v->elements.size());
    for (const json::Value& e : v->elements) {
      if (e.isString()) out.items.push_back(item(e, typed));
    }
  }
  return out;
}

Principal principal(const json::Value& v) {
  Principal p;
  p.node = &v;
  if (v.isString()) {
    p.wildcard = v.text == "*";
  } else if (v.isObject()) {
    for (const json::Member& m : v.members) {
      p.entries.push_back(Principal::Entry{m.key, &m, stringList(&m.value, m.key == "AWS" ? Typed::Arn : Typed::None)});
    }
  }
  return p;
}

Statement statement(const json::Value& v, uint32_t index) {
  Statement s;
  s.index = index;
  s.node = &v;
  if (!v.isObject()) return s;
  s.sid = v.find("Sid");
  s.effectNode = v.find("Effect");
  if (s.effectNode == nullptr) {
    s.effect = Effect::Missing;
  } else if (s.effectNode->isString() && s.effectNode->text == "Allow") {
    s.effect = Effect::Allow;
  } else if (s.effectNode->isString() && s.effectNode->text == "Deny") {
    s.effect = Effect::Deny;
  } else {
    s.effect = Effect::Invalid;
  }
  s.action = stringList(v.find("Action"), Typed::Action);
  s.notAction = stringList(v.find("NotAction"), Typed::Action);
  s.resource = stringList(v.find("Resource"), Typed::Arn);
  s.notResource = stringList(v.find("NotResource"), Typed::Arn);
  if (const json::Value* p = v.find("Principal")) s.principal = principal(*p);
  if (const json::Value* p = v.find("NotPrincipal")) s.notPrincipal = principal(*p);
  s.condition = v.find("Condition");
  if (s.condition != nullptr && s.condition->isObject()) {
    for (const json::Member& op : s.condition->members) {
      if (!op.value.isObject()) continue;
      for (const json::Member& key : op.value.members) {
        Condition c;
        c.op = op.key;
        c.parsedOp = core::parseOperator(op.key);
        c.opMember = &op;
        c.key = key.key;
        c.keyMember = &key;
        if (key.value.isArray()) {
          for (const json::Value& e : key.value.elements) c.values.push_back(&e);
        } else {
          c.values.push_back(&key.value);
        }
        s.conditions.push_back(std::move(c));
      }
    }
  }
  return s;
}

}  // namespace

PolicyDocument buildPolicy(const input::Resolved& doc, PolicyKind kind, std::string label, std::string roleName) {
  PolicyDocument p;
  p.kind = kind;
  p.label = std::move(label);
  p.roleName = std::move(roleName);
  p.tree = doc.tree;
  p.root = doc.root;
  p.awsManaged = doc.awsManaged;
  p.version = doc.root->find("Version");
  p.statementNode = doc.root->find("Statement");
  if (p.statementNode != nullptr) {
    if (p.statementNode->isArray()) {
      uint32_t i = 0;
      for (const json::Value& s : p.statementNode->elements) p.statements.push_back(statement(s, i++));
    } else if (p.statementNode->isObject()) {
      // AWS accepts a single statement object in place of the array.
      p.statements.push_back(statement(*p.statementNode, 0));
    }
  }
  return p;
}

PolicyKind detectKind(const json::Value& root) {
  const json::Value* st = root.find("Statement");
  if (st == nullptr) return PolicyKind::Identity;
  bool principal = false;
  bool resource = false;
  auto look = [&](const json::Value& s) {
    if (!s.isObject()) return;
    if (s.find("Principal") || s.find("NotPrincipal")) principal = true;
    if (s.find("Resource") || s.find("NotResource")) resource = true;
  };
  if (st->isArray()) {
    for (const json::Value& s : st->elements) look(s);
  } else {
    look(*st);
  }
  return principal && !resource ? PolicyKind::Trust : PolicyKind::Identity;
}

namespace {

constexpr std::array<std::string_view, 10> kRoleFields = {
    "Path",        "RoleName", "AssumeRolePolicyDocument", "Description", "MaxSessionDuration",
    "PermissionsBoundary", "Tags", "Policies", "ManagedPolicyArns", "ManagedPolicies"};

// A role definition file: its own fields are checked against CreateRole's, then
// it is built like the role definitions made from other inputs (role_definition.h);
// its "ManagedPolicies" map defines managed policies and boundaries by ARN.
struct BundleBuilder {
  const std::shared_ptr<const input::LoadedFile>& file;
  input::Loader& loader;
  const BuildOptions& options;
  Unit& unit;

  void run() {
    const auto& tree = file->tree;
    const json::Value* root = tree->root();
    for (const json::Member& m : root->members) {
      if (std::find(kRoleFields.begin(), kRoleFields.end(), m.key) != kRoleFields.end()) continue;
      // The role's ARN, as get-role and create-role print it (the security rules' "the role itself").
      if (m.key == "Arn") continue;
      std::string known;
      for (auto f : kRoleFields) known += (known.empty() ? "" : ", ") + std::string(f);
      input::Problem p;
      p.code = input::ProblemCode::InvalidRoleField;
      p.message = "unknown field \"" + m.key + "\" in a role definition; IAM's CreateRole takes " + known +
                  " (Policies, ManagedPolicyArns and ManagedPolicies are rolelint's additions)";
      p.location = input::locateKey(*tree, m.value, root);
      unit.problems.push_back(std::move(p));
    }
    const json::Value* managed = root->find("ManagedPolicies");
    if (managed != nullptr && !managed->isObject()) {
      input::Problem p;
      p.code = input::ProblemCode::InvalidRoleField;
      p.message = std::string("\"ManagedPolicies\" must be an object mapping policy ARNs to documents, not ") +
                  std::string(json::kindName(managed->kind));
      p.location = input::locate(*tree, *managed, root);
      unit.problems.push_back(std::move(p));
      managed = nullptr;
    }
    detail::RoleDefinition def;
    def.tree = tree;
    def.displayName = std::filesystem::path(file->source->path).stem().string();
    def.defineHint = "add its document under \"ManagedPolicies\" or map the ARN to a file in .rolelint.json \"policies\"";
    if (managed != nullptr) {
      def.lookup = [tree, managed](const std::string& arn) -> std::optional<detail::DocumentRef> {
        const json::Value* d = managed->find(arn);
        if (d == nullptr) return std::nullopt;
        return detail::DocumentRef{tree, d, false};
      };
    }
    unit.roles.push_back(detail::buildRoleDefinition(def, file, loader, options, unit));
  }
};

}  // namespace

Unit build(std::shared_ptr<const input::LoadedFile> file, input::Loader& loader, const BuildOptions& options) {
  Unit unit;
  unit.file = file;
  unit.problems = file->problems;
  if (file->tree == nullptr || file->tree->root() == nullptr) return unit;
  const json::Value& root = *file->tree->root();
  switch (file->format) {
    case input::Format::PolicyDocument: {
      const PolicyKind kind = options.kind.value_or(detectKind(root));
      unit.policies.push_back(buildPolicy(input::Resolved{file->tree, &root}, kind, std::string(kindName(kind)), ""));
      break;
    }
    case input::Format::RoleBundle: {
      BundleBuilder b{file, loader, options, unit};
      b.run();
      break;
    }
    case input::Format::GetRole:
    case input::Format::AuthorizationDetails: buildAccountDump(file, loader, options, unit); break;
    case input::Format::GetRolePolicy: buildGetRolePolicy(file, loader, unit); break;
    case input::Format::CloudFormation: buildCloudFormation(file, loader, options, unit); break;
    case input::Format::TerraformPlan: buildTerraformPlan(file, loader, options, unit); break;
    case input::Format::Unknown: break;
  }
  return unit;
}

namespace {

std::string pos(const input::Source& src, const json::Value* v) {
  if (v == nullptr) return "-";
  const core::Pos p = input::positionAt(src, v->begin);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::string str(const json::Value* v) {
  if (v == nullptr) return "-";
  if (v->isString()) return "\"" + v->text + "\"";
  if (v->isNumber()) return v->text;
  std::string out = "<";
  out.append(json::kindName(v->kind)).append(">");
  return out;
}

void dumpList(std::ostringstream& o, const input::Source& src, std::string_view name, const StringList& l) {
  if (!l.present()) return;
  o << "    " << name << " @" << pos(src, l.node) << ":";
  for (const StringItem& i : l.items) o << " \"" << i.value << "\"@" << pos(src, i.node);
  o << "\n";
}

void dumpPolicy(std::ostringstream& o, const PolicyDocument& p) {
  const input::Source& src = *p.tree->source;
  o << "  policy " << p.label << " kind=" << kindName(p.kind) << " file=" << p.file() << " version=" << str(p.version)
    << "\n";
  for (const Statement& s : p.statements) {
    static constexpr std::array<std::string_view, 4> kEffects = {"Allow", "Deny", "invalid", "missing"};
    o << "   statement " << s.index << " @" << pos(src, s.node) << " effect=" << kEffects[static_cast<size_t>(s.effect)]
      << " sid=" << str(s.sid) << "\n";
    dumpList(o, src, "Action", s.action);
    dumpList(o, src, "NotAction", s.notAction);
    dumpList(o, src, "Resource", s.resource);
    dumpList(o, src, "NotResource", s.notResource);
    for (const auto* pr : {&s.principal, &s.notPrincipal}) {
      if (!*pr) continue;
      o << "    " << (pr == &s.principal ? "Principal" : "NotPrincipal") << " @" << pos(src, (*pr)->node)
        << ((*pr)->wildcard ? " *" : "") << "\n";
      for (const auto& e : (*pr)->entries) dumpList(o, src, "  " + e.type, e.values);
    }
    for (const Condition& c : s.conditions) {
      o << "    Condition " << c.op << " " << c.key << ":";
      for (const json::Value* v : c.values) o << " " << str(v) << "@" << pos(src, v);
      o << "\n";
    }
  }
}

}  // namespace

std::string dump(const Unit& unit) {
  std::ostringstream o;
  for (const Role& r : unit.roles) {
    o << "role " << r.displayName << " name=" << str(r.roleName) << " path=" << str(r.path)
      << " maxSession=" << str(r.maxSessionDuration) << " tags=" << r.tags.size() << "\n";
    if (r.trust) dumpPolicy(o, *r.trust);
    for (const auto& p : r.inlinePolicies) dumpPolicy(o, p);
    for (const auto& m : r.managed) {
      o << "  managed " << m.arn << (m.document ? "" : " (unresolved)") << "\n";
      if (m.document) dumpPolicy(o, *m.document);
    }
    if (r.boundary) {
      o << "  boundary " << r.boundary->arn << (r.boundary->document ? "" : " (unresolved)") << "\n";
      if (r.boundary->document) dumpPolicy(o, *r.boundary->document);
    }
  }
  for (const auto& p : unit.policies) dumpPolicy(o, p);
  for (const auto& p : unit.problems) {
    o << "problem " << static_cast<int>(p.code) << " " << p.location.file << ":" << p.location.range.begin.line << ":"
      << p.location.range.begin.column << " " << p.message << "\n";
  }
  return o.str();
}

}  // namespace rolelint::model
