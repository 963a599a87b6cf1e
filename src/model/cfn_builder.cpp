// Roles from CloudFormation templates (JSON, or YAML converted by the input
// layer): resources of type AWS::IAM::Role, with the AWS::IAM::Policy,
// AWS::IAM::RolePolicy and AWS::IAM::ManagedPolicy resources linked to them.
// Property names: CloudFormation User Guide, AWS::IAM::Role, AWS::IAM::Policy,
// AWS::IAM::RolePolicy, AWS::IAM::ManagedPolicy
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html and neighbours).
//
// Intrinsic functions are evaluated symbolically (model/cfn_eval.h): what is
// known is read as written, what is not is an unknown part of the value, so no
// statement, policy or role field is dropped for holding one.
#include <map>
#include <set>

#include "model/model.h"
#include "core/embedded.h"
#include "json/reader.h"
#include "model/cfn_eval.h"
#include "model/role_definition.h"

namespace rolelint::model {
namespace {

using detail::addMember;

bool isIntrinsic(const json::Value& v) { return detail::CfnEvaluator::isIntrinsic(v); }
std::string refOf(const json::Value& v) { return detail::CfnEvaluator::refOf(v); }

// SAM policy templates (rules/sam/policy-templates.json, from AWS SAM's
// published definitions, Apache-2.0): name -> {"Parameters", "Definition"}.
const json::Value* samTemplates() {
  static const json::Document doc = [] {
    auto text = embedded::find("rules/sam/policy-templates.json");
    return text ? json::read(*text) : json::Document{};
  }();
  if (!doc.root || !doc.root->isObject()) return nullptr;
  const json::Value* t = doc.root->find("Templates");
  return t != nullptr && t->isObject() ? t : nullptr;
}

struct Resource {
  std::string id;
  std::string type;
  const json::Value* node = nullptr;
  const json::Value* properties = nullptr;
  std::string condition;  // the resource's Condition attribute, or ""
};

// A policy document written as a JSON string (`!Sub |` in YAML, the EKS IRSA
// trust policy): parsed, with positions inside the string where they can be
// mapped (a literal block scalar: same lines, columns shifted by its
// indentation), else at the string.
std::optional<json::Value> parseStringDocument(const input::Source& src, const json::Value& raw,
                                               const json::Value& evaluated) {
  if (!evaluated.isString()) return std::nullopt;
  const std::string& text = evaluated.text;
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return std::nullopt;
  json::Document doc = json::read(text);
  if (!doc.root || !doc.root->isObject() || !doc.problems.empty()) return std::nullopt;
  // The string node: the Fn::Sub argument (or its first element), or the string itself.
  const json::Value* strNode = &raw;
  if (detail::CfnEvaluator::isIntrinsic(raw)) {
    const json::Value& arg = raw.members[0].value;
    strNode = arg.isArray() && !arg.elements.empty() ? &arg.elements[0] : &arg;
  }
  const bool literalBlock = strNode->isString() && strNode->begin < src.text.size() &&
                            src.text[strNode->begin] == '|';
  core::LineIndex inner(text);
  const uint32_t strLine = literalBlock ? src.position(strNode->begin).line : 0;
  // An offset in the text to one in the source.
  auto map = [&](uint32_t innerOffset) -> uint32_t {
    if (!literalBlock) return strNode->begin;
    const core::Pos p = inner.position(text, innerOffset);
    const uint32_t srcLine = strLine + p.line;  // line 1 of the text is the line after the header
    if (srcLine > src.lines.lineCount()) return strNode->begin;
    std::string_view line = src.lines.lineText(src.text, srcLine);
    std::string_view innerLine = inner.lineText(text, p.line);
    // The block's indentation: the source line's leading spaces less those the
    // line keeps inside the scalar (nested JSON lines are indented further).
    auto lead = [](std::string_view l) {
      const size_t n = l.find_first_not_of(' ');
      return n == std::string_view::npos ? l.size() : n;
    };
    const size_t indent = lead(line) >= lead(innerLine) ? lead(line) - lead(innerLine) : 0;
    const size_t col = p.offset - static_cast<size_t>(innerLine.data() - text.data());
    // Columns after a substitution on the same line are not those of the source.
    const size_t lineOffset = static_cast<size_t>(line.data() - src.text.data());
    if (innerLine.substr(0, col) != line.substr(indent, col)) return static_cast<uint32_t>(lineOffset + indent);
    return static_cast<uint32_t>(std::min(lineOffset + indent + col, src.text.size()));
  };
  std::vector<json::Value*> stack{&*doc.root};
  while (!stack.empty()) {
    json::Value* v = stack.back();
    stack.pop_back();
    v->begin = map(v->begin);
    v->end = literalBlock ? map(v->end) : strNode->end;
    if (v->end < v->begin) v->end = v->begin;
    for (json::Value& e : v->elements) stack.push_back(&e);
    for (json::Member& m : v->members) {
      m.keyBegin = map(m.keyBegin);
      m.keyEnd = literalBlock ? map(m.keyEnd) : strNode->end;
      if (m.keyEnd < m.keyBegin) m.keyEnd = m.keyBegin;
      stack.push_back(&m.value);
    }
  }
  return std::move(*doc.root);
}

struct TemplateBuilder {
  const std::shared_ptr<const input::LoadedFile>& file;
  input::Loader& loader;
  const BuildOptions& options;
  Unit& unit;
  detail::CfnEvaluator ev;
  std::vector<Resource> resources;
  std::map<std::string, const Resource*> byId;
  std::set<std::string> used;  // policy resources that became part of a role

  TemplateBuilder(const std::shared_ptr<const input::LoadedFile>& f, input::Loader& l, const BuildOptions& o, Unit& u)
      : file(f), loader(l), options(o), unit(u), ev(*f->tree->source, *f->tree->root()) {}

  // A tree of this template's values, with the origins of their unknown parts.
  std::shared_ptr<const input::Tree> makeTree(json::Value root) const {
    auto tree = std::make_shared<input::Tree>();
    tree->source = file->tree->source;
    tree->doc.root = std::make_unique<json::Value>(std::move(root));
    json::relink(*tree->doc.root);
    // The origins only grow: trees made while the table is unchanged share one copy of it.
    if (!origins_ || origins_->size() != ev.origins.size())
      origins_ = std::make_shared<const std::vector<core::UnknownOrigin>>(ev.origins);
    tree->unknowns = origins_;
    return tree;
  }
  mutable std::shared_ptr<const std::vector<core::UnknownOrigin>> origins_;

  // A policy document value: evaluated, and parsed when it is a JSON string built by Fn::Sub.
  std::optional<json::Value> document(const json::Value& raw) {
    auto d = ev.eval(raw);
    if (!d) return std::nullopt;
    if (d->isString() && (isIntrinsic(raw) || core::hasUnknown(d->text))) {
      if (auto parsed = parseStringDocument(*file->tree->source, raw, *d)) return parsed;
      if (core::hasUnknown(d->text)) {
        // Known only at deployment (an imported or referenced document): said, never skipped silently.
        notAnalysed(raw, "the policy document is " + core::displayUnknown(d->text, ev.origins) +
                             ", known only at deployment, so its statements are not analysed");
        return std::nullopt;
      }
    }
    return d;
  }

  void notAnalysed(const json::Value& at, std::string message) {
    input::Problem p;
    p.code = input::ProblemCode::UnresolvedManagedPolicy;  // RL007: a policy rolelint cannot see
    p.message = std::move(message);
    p.location = input::locate(*file->tree, at, nullptr);
    unit.problems.push_back(std::move(p));
  }

  // Does `v` (a Roles entry or a RoleName) name `role` (logical ID, role name)?
  static bool names(const json::Value& v, const Resource& role, const json::Value* roleName) {
    if (refOf(v) == role.id) return true;
    return v.isString() && roleName != nullptr && roleName->isString() && v.text == roleName->text;
  }

  bool linked(const Resource& policy, const Resource& role, const json::Value* roleName) const {
    if (policy.properties == nullptr) return false;
    if (const json::Value* roles = policy.properties->find("Roles"); roles != nullptr && roles->isArray()) {
      for (const json::Value& r : roles->elements) {
        if (names(r, role, roleName)) return true;
        // {"Fn::If": [C, {"Ref": Role}, {"Ref": "AWS::NoValue"}]}
        if (isIntrinsic(r) && r.members[0].key == "Fn::If" && r.members[0].value.isArray())
          for (const json::Value& b : r.members[0].value.elements)
            if (names(b, role, roleName)) return true;
      }
    }
    if (const json::Value* rn = policy.properties->find("RoleName"); rn != nullptr && names(*rn, role, roleName))
      return true;
    return false;
  }

  // A managed policy resource's document, evaluated, as its own tree.
  std::optional<input::Resolved> managedDocument(const Resource& mp) {
    const json::Value* doc = mp.properties != nullptr ? mp.properties->find("PolicyDocument") : nullptr;
    if (doc == nullptr) return std::nullopt;
    auto d = document(*doc);
    if (!d) return std::nullopt;
    auto tree = makeTree(std::move(*d));
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

  // A role property evaluated and added to the definition (removed by AWS::NoValue).
  void addEvaluated(json::Value& def, const json::Member& m, bool listOk = false) {
    if (auto v = ev.eval(m.value, listOk)) addMember(def, m.key, m.keyRange(), std::move(*v));
  }

  void buildRole(const Resource& res) {
    const json::Value& props = *res.properties;
    json::Value def = detail::makeObject(res.node->range());
    const json::Value* roleName = props.find("RoleName");
    std::vector<std::pair<const Resource*, const json::Value*>> managedRefs;  // template managed policies
    const Resource* boundaryRes = nullptr;
    json::Value policies = detail::makeArray(props.range());
    json::Span policiesKey = props.range();
    bool hasPolicies = false;
    for (const json::Member& m : props.members) {
      const std::string& k = m.key;
      if (k == "RoleName" || k == "Path" || k == "Description" || k == "MaxSessionDuration" || k == "Tags") {
        addEvaluated(def, m);
      } else if (k == "AssumeRolePolicyDocument") {
        if (auto d = document(m.value)) addMember(def, k, m.keyRange(), std::move(*d));
      } else if (k == "Policies") {
        if (!m.value.isArray()) {  // a whole-list intrinsic, or a wrong type (RL009)
          addEvaluated(def, m, true);
          continue;
        }
        hasPolicies = true;
        policiesKey = m.keyRange();
        policies.begin = m.value.begin;
        policies.end = m.value.end;
        addInlineList(policies, m.value);
      } else if (k == "ManagedPolicyArns") {
        if (!m.value.isArray()) {
          addEvaluated(def, m, true);
          continue;
        }
        json::Value arns = detail::makeArray(m.value.range());
        for (const json::Value& a : m.value.elements) {
          if (auto it = byId.find(refOf(a)); it != byId.end() && it->second->type == "AWS::IAM::ManagedPolicy") {
            managedRefs.emplace_back(it->second, &a);
          } else if (auto s = ev.eval(a, true)) {
            if (s->isArray()) {
              for (json::Value& e : s->elements) arns.elements.push_back(std::move(e));
            } else {
              arns.elements.push_back(std::move(*s));
            }
          }
        }
        addMember(def, k, m.keyRange(), std::move(arns));
      } else if (k == "PermissionsBoundary") {
        if (auto it = byId.find(refOf(m.value)); it != byId.end() && it->second->type == "AWS::IAM::ManagedPolicy") {
          // Defined in this template: no ARN before deployment. The definition names it by
          // logical ID (located at the Ref) and the lookup below resolves that ID.
          boundaryRes = it->second;
          addMember(def, k, m.keyRange(), detail::makeString(it->second->id, m.value.range()));
        } else {
          addEvaluated(def, m);
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

    setCondition(def, res);
    detail::RoleDefinition rd;
    rd.tree = makeTree(std::move(def));
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
    if (role.roleName != nullptr && core::hasUnknown(role.roleName->text)) role.displayName = res.id;
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

  // AWS::Serverless::Function / StateMachine: the role SAM generates (when no
  // Role is given). AWS SAM Developer Guide, AWS::Serverless::Function
  // (Policies, Role, PermissionsBoundary, RolePath, AssumeRolePolicyDocument,
  // Tracing, VpcConfig) and the Globals section:
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
  // The generated trust policy and managed policies, and the policies expanded
  // from SAM policy templates, are AWS's text: like AWS managed policies, they
  // count for the role's permissions but are not checked as the user's text.
  void buildSam(const Resource& res) {
    const bool function = res.type == "AWS::Serverless::Function";
    const json::Value* globals = nullptr;
    if (const json::Value* g = file->tree->root()->find("Globals"); g != nullptr && g->isObject())
      globals = g->find(function ? "Function" : "StateMachine");
    auto prop = [&](const char* name) -> const json::Value* {
      if (const json::Value* v = res.properties->find(name)) return v;
      return globals != nullptr && globals->isObject() ? globals->find(name) : nullptr;
    };
    if (prop("Role") != nullptr) return;  // the function uses a role defined elsewhere
    const json::Value& typeNode = *res.node->find("Type");
    const json::Span generatedAt = typeNode.range();
    json::Value def = detail::makeObject(res.node->range());
    std::set<std::string> generatedPolicies;
    bool generatedTrust = false;
    if (const json::Value* path = prop("RolePath")) {
      if (auto v = ev.eval(*path)) addMember(def, "Path", detail::keyRangeOf(*path), std::move(*v));
    }
    if (const json::Value* trust = prop("AssumeRolePolicyDocument")) {
      if (auto d = document(*trust)) addMember(def, "AssumeRolePolicyDocument", detail::keyRangeOf(*trust), std::move(*d));
    } else {
      // The trust policy SAM writes: the service may assume the role.
      generatedTrust = true;
      json::Value doc = detail::makeObject(generatedAt);
      addMember(doc, "Version", generatedAt, detail::makeString("2012-10-17", generatedAt));
      json::Value st = detail::makeObject(generatedAt);
      addMember(st, "Effect", generatedAt, detail::makeString("Allow", generatedAt));
      json::Value principal = detail::makeObject(generatedAt);
      addMember(principal, "Service", generatedAt,
                detail::makeString(function ? "lambda.amazonaws.com" : "states.amazonaws.com", generatedAt));
      addMember(st, "Principal", generatedAt, std::move(principal));
      addMember(st, "Action", generatedAt, detail::makeString("sts:AssumeRole", generatedAt));
      json::Value list = detail::makeArray(generatedAt);
      list.elements.push_back(std::move(st));
      addMember(doc, "Statement", generatedAt, std::move(list));
      addMember(def, "AssumeRolePolicyDocument", generatedAt, std::move(doc));
    }
    json::Value arns = detail::makeArray(generatedAt);
    auto awsManaged = [&](const std::string& name, json::Span at) {
      arns.elements.push_back(detail::makeString("arn:" + ev.partition() + ":iam::aws:policy/" + name, at));
    };
    if (function) {
      awsManaged("service-role/AWSLambdaBasicExecutionRole", generatedAt);
      if (const json::Value* t = prop("Tracing"); t != nullptr && t->isString() && t->text == "Active")
        awsManaged("AWSXrayWriteOnlyAccess", t->range());
      if (const json::Value* vpc = prop("VpcConfig"); vpc != nullptr && vpc->isObject())
        awsManaged("service-role/AWSLambdaVPCAccessExecutionRole", vpc->range());
    }
    json::Value policies = detail::makeArray(res.node->range());
    json::Span policiesKey = res.node->range();
    if (const json::Value* pol = prop("Policies")) {
      policiesKey = detail::keyRangeOf(*pol);
      samPolicies(res, *pol, arns, policies, generatedPolicies);
    }
    addMember(def, "ManagedPolicyArns", generatedAt, std::move(arns));
    if (!policies.elements.empty()) addMember(def, "Policies", policiesKey, std::move(policies));
    if (const json::Value* b = prop("PermissionsBoundary")) {
      if (auto v = ev.eval(*b)) addMember(def, "PermissionsBoundary", detail::keyRangeOf(*b), std::move(*v));
    }
    setCondition(def, res);
    detail::RoleDefinition rd;
    rd.tree = makeTree(std::move(def));
    rd.displayName = res.id + "Role";  // SAM's logical ID of the role it generates
    Role role = detail::buildRoleDefinition(rd, file, loader, options, unit);
    if (generatedTrust && role.trust) role.trust->awsManaged = true;
    for (PolicyDocument& p : role.inlinePolicies)
      if (generatedPolicies.count(p.label) != 0) p.awsManaged = true;
    unit.roles.push_back(std::move(role));
  }

  // An {"Fn::If": [Condition, A, B]} item: both branches are analysed, each marked
  // with its condition (findings in it say "only when condition … is true/false");
  // an AWS::NoValue branch adds nothing. False when `v` is not such an item.
  template <typename Branch>
  bool forEachIfBranch(const json::Value& v, Branch&& branch) {
    if (!(isIntrinsic(v) && v.members[0].key == "Fn::If" && v.members[0].value.isArray() &&
          v.members[0].value.elements.size() == 3 && v.members[0].value.elements[0].isString()))
      return false;
    const json::Value& arg = v.members[0].value;
    for (size_t i = 1; i < 3; ++i) {
      ev.conditional(v, arg.elements[i], "condition " + arg.elements[0].text + (i == 1 ? " is true" : " is false"));
      if (refOf(arg.elements[i]) != "AWS::NoValue") branch(arg.elements[i]);
    }
    return true;
  }

  // One SAM Policies value: a managed policy name or ARN, an inline policy
  // document, a policy template {Name: {Param: value}}, or a list of those.
  void samPolicies(const Resource& res, const json::Value& pol, json::Value& arns, json::Value& policies,
                   std::set<std::string>& generated) {
    if (pol.isArray()) {
      for (const json::Value& e : pol.elements) samPolicies(res, e, arns, policies, generated);
      return;
    }
    if (forEachIfBranch(pol, [&](const json::Value& branch) { samPolicies(res, branch, arns, policies, generated); }))
      return;
    const std::string name = res.id + "RolePolicy" + std::to_string(policies.elements.size());
    if (pol.isString() || isIntrinsic(pol)) {
      auto v = ev.eval(pol);
      if (!v || !v->isString()) return;
      // A name is an AWS managed policy; SAM turns it into the ARN.
      if (v->text.rfind("arn:", 0) != 0 && !core::hasUnknown(v->text)) {
        std::string arn = "arn:" + ev.partition() + ":iam::aws:policy/" + v->text;
        if (options.resolver != nullptr && !options.resolver->resolve(arn)) {
          const std::string serviceRole = "arn:" + ev.partition() + ":iam::aws:policy/service-role/" + v->text;
          if (options.resolver->resolve(serviceRole)) arn = serviceRole;
        }
        v->text = std::move(arn);
      }
      arns.elements.push_back(std::move(*v));
      return;
    }
    if (!pol.isObject()) return;
    if (pol.find("Statement") != nullptr) {
      json::Value entry = detail::makeObject(pol.range());
      addMember(entry, "PolicyName", pol.range(), detail::makeString(name, pol.range()));
      if (auto d = document(pol)) addMember(entry, "PolicyDocument", pol.range(), std::move(*d));
      policies.elements.push_back(std::move(entry));
      return;
    }
    const json::Value* templates = samTemplates();
    const json::Value* tpl = pol.members.size() == 1 && templates != nullptr ? templates->find(pol.members[0].key)
                                                                          : nullptr;
    const json::Value* definition = tpl != nullptr ? tpl->find("Definition") : nullptr;
    if (definition == nullptr) {
      notAnalysed(pol, "this Policies entry is not a SAM policy template rolelint knows, an inline policy "
                       "(\"Statement\") or a managed policy, so its permissions are not analysed");
      return;
    }
    // The template's parameters take the user's values, evaluated where the user wrote them.
    std::map<std::string, const json::Value*> params;
    const json::Value& given = pol.members[0].value;
    if (given.isObject())
      for (const json::Member& m : given.members) params.emplace(m.key, &m.value);
    ev.bindings = &params;
    ev.forcedRange = pol.range();
    auto doc = ev.eval(*definition);
    ev.bindings = nullptr;
    ev.forcedRange.reset();
    if (!doc) return;
    json::Value entry = detail::makeObject(pol.range());
    addMember(entry, "PolicyName", pol.range(), detail::makeString(name, pol.range()));
    addMember(entry, "PolicyDocument", pol.range(), std::move(*doc));
    policies.elements.push_back(std::move(entry));
    generated.insert("inline:" + name);
  }

  // A role under a resource Condition: the definition says so ("Condition", and
  // "ExclusiveConditions": the template's conditions that never hold with it),
  // for the rules that compare roles (RL302).
  void setCondition(json::Value& def, const Resource& res) const {
    if (res.condition.empty()) return;
    const json::Span at = res.node->find("Condition")->range();
    addMember(def, "Condition", at, detail::makeString(res.condition, at));
    json::Value list = detail::makeArray(at);
    std::set<std::string> seen;
    for (const Resource& other : resources)
      if (!other.condition.empty() && ev.exclusive(res.condition, other.condition) && seen.insert(other.condition).second)
        list.elements.push_back(detail::makeString(other.condition, at));
    addMember(def, "ExclusiveConditions", at, std::move(list));
  }

  // Adds the inline policies of a Policies list (Fn::If items: both branches).
  void addInlineList(json::Value& policies, const json::Value& list) {
    for (const json::Value& p : list.elements) {
      const bool branched = forEachIfBranch(p, [&](const json::Value& branch) {
        if (branch.isArray()) {
          addInlineList(policies, branch);
        } else {
          addInline(policies, branch, branch.range());
        }
      });
      if (branched) continue;
      addInline(policies, p, p.range());
    }
  }

  // Adds {PolicyName, PolicyDocument} from `p` (an inline policy or a policy resource's properties).
  void addInline(json::Value& policies, const json::Value& p, json::Span at) {
    if (!p.isObject() || isIntrinsic(p)) {
      if (auto v = ev.eval(p)) policies.elements.push_back(std::move(*v));
      return;
    }
    const json::Value* name = p.find("PolicyName");
    const json::Value* doc = p.find("PolicyDocument");
    json::Value entry = detail::makeObject(at);
    if (name != nullptr) {
      if (auto n = ev.eval(*name)) addMember(entry, "PolicyName", name->memberOf()->keyRange(), std::move(*n));
    }
    if (doc != nullptr) {
      auto d = document(*doc);
      if (!d) return;  // known only at deployment (an RL007 note), or removed by AWS::NoValue
      addMember(entry, "PolicyDocument", doc->memberOf()->keyRange(), std::move(*d));
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
      Resource r{m.key, type->text, &m.value, props, ""};
      if (const json::Value* c = m.value.find("Condition"); c != nullptr && c->isString()) {
        r.condition = c->text;
        ev.annotate(m.value.range(), "condition " + c->text + " is true");
      }
      // CDK output names each resource's construct (aws:cdk:path metadata).
      if (const json::Value* md = m.value.find("Metadata"); md != nullptr && md->isObject()) {
        if (const json::Value* path = md->find("aws:cdk:path"); path != nullptr && path->isString())
          ev.annotate(m.value.range(), "construct " + path->text);
      }
      resources.push_back(std::move(r));
    }
    for (const Resource& r : resources) byId.emplace(r.id, &r);
    for (const Resource& r : resources) {
      if (r.type == "AWS::IAM::Role") buildRole(r);
      if (r.type == "AWS::Serverless::Function" || r.type == "AWS::Serverless::StateMachine") buildSam(r);
    }
    // Policies of the template that no role of it uses (for users, groups, roles defined elsewhere)
    // are still checked on their own.
    for (const Resource& r : resources) {
      const bool managed = r.type == "AWS::IAM::ManagedPolicy";
      if ((!managed && r.type != "AWS::IAM::Policy" && r.type != "AWS::IAM::RolePolicy") || used.count(r.id) != 0)
        continue;
      const json::Value* doc = r.properties->find("PolicyDocument");
      if (doc == nullptr) continue;
      auto d = document(*doc);
      if (!d) continue;
      auto tree = makeTree(std::move(*d));
      if (auto resolved = loader.resolveDocument(*file, tree, *tree->root(), unit.problems)) {
        unit.policies.push_back(buildPolicy(*resolved, managed ? PolicyKind::Managed : PolicyKind::Identity,
                                            (managed ? "managed:" : "inline:") + r.id, ""));
      }
    }
  }
};

}  // namespace

void buildCloudFormation(const std::shared_ptr<const input::LoadedFile>& file, input::Loader& loader,
                         const BuildOptions& options, Unit& unit) {
  TemplateBuilder b(file, loader, options, unit);
  b.run();
}

}  // namespace rolelint::model
