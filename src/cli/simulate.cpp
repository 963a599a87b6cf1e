// `rolelint simulate`; see simulate.h.
#include "cli/simulate.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/evaluate.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "input/input.h"
#include "json/reader.h"
#include "model/model.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

using OJson = nlohmann::ordered_json;

// The embedded AWS managed policies, parsed once.
const catalog::ManagedPolicies* awsManaged() {
  static const std::optional<catalog::ManagedPolicies> managed = [] {
    std::optional<catalog::ManagedPolicies> m;
    if (auto text = embedded::find("rules/catalog/managed-policies.txt")) {
      if (auto parsed = catalog::ManagedPolicies::parse(*text)) m.emplace(std::move(*parsed));
    }
    return m;
  }();
  return managed ? &*managed : nullptr;
}

std::shared_ptr<input::Tree> treeOf(std::string path, std::string text) {
  auto source = std::make_shared<input::Source>(std::move(path), std::move(text));
  auto tree = std::make_shared<input::Tree>();
  tree->source = source;
  tree->doc = json::read(source->text);
  return tree;
}

// An AWS managed policy by ARN or by name ("ReadOnlyAccess", "service-role/AWSLambdaRole").
std::optional<input::Resolved> resolveManaged(std::string_view nameOrArn) {
  const auto* aws = awsManaged();
  if (aws == nullptr) return std::nullopt;
  std::vector<std::string> candidates;
  if (nameOrArn.substr(0, 4) == "arn:") {
    candidates.emplace_back(nameOrArn);
  } else {
    for (const char* path : {"", "service-role/", "job-function/", "aws-service-role/"})
      candidates.push_back("arn:aws:iam::aws:policy/" + std::string(path) + std::string(nameOrArn));
  }
  // Parsed documents are cached: a batch names the same few policies on many lines.
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const input::Tree>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  for (const auto& arn : candidates) {
    if (auto it = cache.find(arn); it != cache.end()) return input::Resolved{it->second, it->second->root(), true};
    if (auto doc = aws->findDocument(arn)) {
      auto tree = treeOf("aws-managed:" + arn, std::string(*doc));
      if (tree->root() != nullptr && tree->root()->isObject()) {
        cache.emplace(arn, tree);
        return input::Resolved{tree, tree->root(), true};
      }
    }
  }
  return std::nullopt;
}

class ManagedResolver final : public model::PolicyResolver {
 public:
  std::optional<input::Resolved> resolve(std::string_view arn) override { return resolveManaged(arn); }
};

std::string where(const analysis::StatementRef& s) {
  if (s.policy == nullptr || s.node == nullptr) return s.label;
  core::Location loc = s.policy->locate(*s.node);
  return loc.file + ":" + std::to_string(loc.range.begin.line) + ":" + std::to_string(loc.range.begin.column);
}

OJson statementJson(const analysis::StatementRef& s) {
  OJson j;
  j["policy"] = s.label;
  j["statement"] = s.index;
  j["effect"] = s.effect == model::Effect::Deny ? "Deny" : "Allow";
  if (s.policy != nullptr && s.node != nullptr) {
    core::Location loc = s.policy->locate(*s.node);
    j["file"] = loc.file;
    j["line"] = loc.range.begin.line;
    j["column"] = loc.range.begin.column;
  }
  return j;
}

// Loads a policy document file (identity or boundary).
std::optional<model::PolicyDocument> loadPolicy(input::Loader& loader, const std::string& path, model::PolicyKind kind,
                                                std::string label, std::string* error) {
  auto dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  auto file = loader.load(path, false, dir, error);
  if (!file) return std::nullopt;
  if (!file->problems.empty()) {
    const auto& p = file->problems.front();
    *error = path + ":" + std::to_string(p.location.range.begin.line) + ":" +
             std::to_string(p.location.range.begin.column) + ": " + p.message;
    return std::nullopt;
  }
  if (file->tree == nullptr || file->tree->root() == nullptr || !file->tree->root()->isObject()) {
    *error = path + ": not a JSON object";
    return std::nullopt;
  }
  return model::buildPolicy(input::Resolved{file->tree, file->tree->root(), false}, kind, std::move(label), "");
}

void printText(const analysis::Evaluation& e, const analysis::Request& req, std::ostream& out) {
  out << analysis::decisionName(e.decision) << ": " << req.action << " on " << req.resource << "\n";
  out << "  reason:   " << e.reason << "\n";
  out << "  identity: " << analysis::decisionName(e.identity.decision) << "\n";
  out << "  boundary: " << (e.boundary ? std::string(analysis::decisionName(e.boundary->decision)) : "none") << "\n";
  if (!e.deciding.empty()) {
    out << "  deciding statements:\n";
    for (const auto& s : e.deciding)
      out << "    " << where(s) << ": " << s.label << " statement " << s.index << " ("
          << (s.effect == model::Effect::Deny ? "Deny" : "Allow") << ")\n";
  }
  for (const auto& n : e.notModelled) out << "  not modelled: " << n << "\n";
}

OJson evaluationJson(const analysis::Evaluation& e) {
  OJson j;
  j["decision"] = analysis::decisionName(e.decision);
  j["identity"] = analysis::decisionName(e.identity.decision);
  j["boundary"] = e.boundary ? OJson(analysis::decisionName(e.boundary->decision)) : OJson(nullptr);
  j["reason"] = e.reason;
  j["deciding"] = OJson::array();
  for (const auto& s : e.deciding) j["deciding"].push_back(statementJson(s));
  if (!e.notModelled.empty()) j["notModelled"] = e.notModelled;
  return j;
}

// --- batch ------------------------------------------------------------------

struct BatchError {
  std::string message;
};

std::string describe(const json::Value& v) { return std::string(json::kindName(v.kind)); }

// An AWS managed policy by name or ARN as a model document, built once per (name, kind).
std::shared_ptr<const model::PolicyDocument> managedPolicy(const std::string& name, model::PolicyKind kind) {
  static std::mutex mu;
  static std::map<std::pair<std::string, model::PolicyKind>, std::shared_ptr<const model::PolicyDocument>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find({name, kind}); it != cache.end()) return it->second;
  }
  auto r = resolveManaged(name);
  if (!r) throw BatchError{"unknown AWS managed policy `" + name + "`"};
  auto doc = std::make_shared<const model::PolicyDocument>(
      model::buildPolicy(*r, kind, kind == model::PolicyKind::Boundary ? "boundary:" + name : name, ""));
  std::lock_guard<std::mutex> lock(mu);
  cache.emplace(std::make_pair(name, kind), doc);
  return doc;
}

// A policy of a batch line: a document object, a document as JSON text,
// {"name", "policy"}, or an AWS managed policy name/ARN.
using DocPtr = std::shared_ptr<const model::PolicyDocument>;

DocPtr batchPolicy(const std::shared_ptr<const input::Tree>& tree, const json::Value& v,
                                  model::PolicyKind kind, const std::string& defaultLabel,
                                  std::vector<std::shared_ptr<const input::Tree>>& keep) {
  if (v.isObject() && v.find("Statement") == nullptr && v.find("policy") != nullptr) {
    const json::Value* name = v.find("name");
    std::string label = name != nullptr && name->isString() ? name->text : defaultLabel;
    return batchPolicy(tree, *v.find("policy"), kind, label, keep);
  }
  if (v.isObject()) {
    if (v.find("Statement") == nullptr) throw BatchError{defaultLabel + ": a policy document needs a Statement"};
    return std::make_shared<const model::PolicyDocument>(
        model::buildPolicy(input::Resolved{tree, &v, false}, kind, defaultLabel, ""));
  }
  if (v.isString()) {
    std::string_view s = v.text;
    size_t first = s.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && s[first] == '{') {
      auto t = treeOf("<" + defaultLabel + ">", v.text);
      if (t->root() == nullptr || !t->root()->isObject() || !t->doc.problems.empty())
        throw BatchError{defaultLabel + ": the policy string is not a JSON object"};
      keep.push_back(t);
      return std::make_shared<const model::PolicyDocument>(
          model::buildPolicy(input::Resolved{t, t->root(), false}, kind, defaultLabel, ""));
    }
    return managedPolicy(v.text, kind);
  }
  throw BatchError{defaultLabel + ": expected a policy document, {\"name\", \"policy\"} or a managed policy name, got " +
                   describe(v)};
}

std::string scalar(const json::Value& v, const std::string& what) {
  if (v.isString() || v.isNumber()) return v.text;
  if (v.isBool()) return v.boolean ? "true" : "false";
  throw BatchError{what + " must be a string, got " + describe(v)};
}

}  // namespace

std::string simulateBatchLine(const std::string& line) {
  OJson out;
  out["id"] = nullptr;
  try {
    std::shared_ptr<const input::Tree> tree = treeOf("<batch>", line);
    const json::Value* root = tree->root();
    if (root == nullptr || !tree->doc.problems.empty()) {
      std::string msg = tree->doc.problems.empty() ? "not JSON" : tree->doc.problems.front().message;
      throw BatchError{"malformed JSON: " + msg};
    }
    if (!root->isObject()) throw BatchError{"a request line must be a JSON object"};
    if (const json::Value* id = root->find("id")) {
      if (id->isString()) out["id"] = id->text;
      else if (id->isNumber()) {
        auto n = OJson::parse(id->text, nullptr, false);
        out["id"] = n.is_discarded() || !n.is_number() ? OJson(id->text) : n;
      }
    }
    std::vector<std::shared_ptr<const input::Tree>> keep;
    std::vector<DocPtr> identity;
    const json::Value* ids = root->find("identity");
    if (ids == nullptr) throw BatchError{"missing \"identity\""};
    if (ids->isArray()) {
      for (size_t i = 0; i < ids->elements.size(); ++i)
        identity.push_back(batchPolicy(tree, ids->elements[i], model::PolicyKind::Identity,
                                       "identity[" + std::to_string(i) + "]", keep));
    } else {
      identity.push_back(batchPolicy(tree, *ids, model::PolicyKind::Identity, "identity[0]", keep));
    }
    DocPtr boundary;
    if (const json::Value* b = root->find("boundary"); b != nullptr && !b->isNull())
      boundary = batchPolicy(tree, *b, model::PolicyKind::Boundary, "boundary", keep);

    const json::Value* r = root->find("request");
    if (r == nullptr || !r->isObject()) throw BatchError{"missing \"request\" object"};
    analysis::Request req;
    if (const json::Value* p = r->find("principal"); p != nullptr && !p->isNull()) req.principal = scalar(*p, "principal");
    const json::Value* a = r->find("action");
    if (a == nullptr) throw BatchError{"missing request.action"};
    req.action = scalar(*a, "action");
    if (req.action.find(':') == std::string::npos) throw BatchError{"request.action must be service:Action"};
    if (const json::Value* res = r->find("resource"); res != nullptr && !res->isNull()) req.resource = scalar(*res, "resource");
    else req.resource = "*";
    if (const json::Value* c = r->find("context"); c != nullptr && !c->isNull()) {
      if (!c->isObject()) throw BatchError{"request.context must be an object"};
      for (const auto& m : c->members) {
        auto& vals = req.context[m.key];
        if (m.value.isArray()) {
          for (const auto& e : m.value.elements) vals.push_back(scalar(e, "context value of " + m.key));
        } else {
          vals.push_back(scalar(m.value, "context value of " + m.key));
        }
      }
    }
    analysis::Policies ps;
    for (const auto& d : identity) ps.identity.push_back(d.get());
    ps.boundary = boundary.get();
    auto e = analysis::evaluate(ps, req);
    out["decision"] = analysis::decisionName(e.decision);
    out["identity"] = analysis::decisionName(e.identity.decision);
    out["boundary"] = e.boundary ? OJson(analysis::decisionName(e.boundary->decision)) : OJson(nullptr);
    if (!e.notModelled.empty()) out["notModelled"] = e.notModelled;
  } catch (const BatchError& b) {
    OJson err;
    err["id"] = out["id"];
    err["error"] = b.message;
    return err.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const std::exception& x) {  // never stop the batch on one line
    OJson err;
    err["id"] = out["id"];
    err["error"] = std::string("internal error: ") + x.what();
    return err.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

CLI::App* addSimulateCommand(CLI::App& app, SimulateOptions& opts) {
  auto* sim = app.add_subcommand("simulate", "Decide a request against a role's policies and permissions boundary");
  sim->add_option("--role", opts.role, "Role-definition file (inline, managed and boundary policies)");
  sim->add_option("--role-name", opts.roleName, "The role to use when the file defines several");
  sim->add_option("--identity", opts.identity, "Identity policy file (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sim->add_option("--boundary", opts.boundary, "Permissions boundary policy file");
  sim->add_option("--principal", opts.principal, "Principal ARN (the role or its session)");
  sim->add_option("--action", opts.action, "Action, e.g. s3:GetObject");
  sim->add_option("--resource", opts.resource, "Resource ARN, or * (default)")->capture_default_str();
  sim->add_option("--context", opts.context, "Context entry key=value (repeatable; repeat a key for several values)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sim->add_option("--format", opts.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sim->add_flag("--batch", opts.batch, "Read JSON Lines requests on standard input, write one JSON line per request");
  sim->footer(
      "Examples:\n"
      "  rolelint simulate --role role.json --action s3:PutObject --resource arn:aws:s3:::media-out/k\n"
      "  rolelint simulate --identity policy.json --boundary boundary.json --action iam:CreateUser\n"
      "  rolelint simulate --identity p.json --action s3:GetObject --context aws:SourceIp=203.0.113.7\n"
      "  rolelint simulate --batch < requests.jsonl\n"
      "\nExit codes: 0 Allowed, 1 denied (implicitly or explicitly), 2 usage or input error;\n"
      "--batch: 0 (errors are reported per line).");
  return sim;
}

int runSimulate(const SimulateOptions& opts, std::istream& in, std::ostream& out, std::ostream& err) {
  if (opts.batch) {
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      out << simulateBatchLine(line) << "\n";
    }
    out.flush();
    return 0;
  }
  if (opts.action.empty()) {
    err << "rolelint simulate: --action is required (or --batch)\n";
    return 2;
  }
  if (opts.role.empty() && opts.identity.empty()) {
    err << "rolelint simulate: give the role (--role FILE) or its policies (--identity FILE, --boundary FILE)\n";
    return 2;
  }
  analysis::Request req;
  req.principal = opts.principal;
  req.action = opts.action;
  req.resource = opts.resource.empty() ? "*" : opts.resource;
  for (const auto& kv : opts.context) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "rolelint simulate: --context expects key=value, got `" << kv << "`\n";
      return 2;
    }
    req.context[kv.substr(0, eq)].push_back(kv.substr(eq + 1));
  }

  input::Loader loader;
  ManagedResolver resolver;
  std::optional<model::Unit> unit;
  std::vector<model::PolicyDocument> docs;
  std::optional<model::PolicyDocument> boundary;
  analysis::Policies ps;
  std::string error;
  if (!opts.role.empty()) {
    auto dir = fs::path(opts.role).parent_path();
    if (dir.empty()) dir = ".";
    auto file = loader.load(opts.role, false, dir, &error);
    if (!file) {
      err << "rolelint simulate: " << error << "\n";
      return 2;
    }
    model::BuildOptions bo;
    bo.resolver = &resolver;
    unit = model::build(std::make_shared<const input::LoadedFile>(std::move(*file)), loader, bo);
    for (const auto& p : unit->problems) {
      // Only problems that leave the role unreadable stop the simulation; the
      // rest (unknown fields…) are for `rolelint check`.
      using PC = input::ProblemCode;
      if (p.code != PC::JsonSyntax && p.code != PC::Encoding && p.code != PC::UnsupportedDocument &&
          p.code != PC::TooDeep && p.code != PC::UnresolvedFile && p.code != PC::FileEscape)
        continue;
      err << p.location.file << ":" << p.location.range.begin.line << ":" << p.location.range.begin.column << ": "
          << p.message << "\n";
      return 2;
    }
    const model::Role* role = nullptr;
    for (const auto& r : unit->roles)
      if (opts.roleName.empty() ? unit->roles.size() == 1 : r.displayName == opts.roleName) role = &r;
    if (role == nullptr) {
      err << "rolelint simulate: " << opts.role
          << (unit->roles.empty() ? " defines no role" : opts.roleName.empty() ? " defines several roles; pick one with --role-name"
                                                                               : " has no role named " + opts.roleName)
          << "\n";
      return 2;
    }
    std::vector<std::string> unresolved;
    ps = analysis::policiesOf(*role, &unresolved);
    if (!unresolved.empty()) {
      for (const auto& u : unresolved) err << "rolelint simulate: cannot resolve managed policy " << u << "\n";
      return 2;
    }
  }
  docs.reserve(opts.identity.size());
  for (const auto& path : opts.identity) {
    auto d = loadPolicy(loader, path, model::PolicyKind::Identity, path, &error);
    if (!d) {
      err << "rolelint simulate: " << error << "\n";
      return 2;
    }
    docs.push_back(std::move(*d));
  }
  for (const auto& d : docs) ps.identity.push_back(&d);
  if (!opts.boundary.empty()) {
    boundary = loadPolicy(loader, opts.boundary, model::PolicyKind::Boundary, "boundary:" + opts.boundary, &error);
    if (!boundary) {
      err << "rolelint simulate: " << error << "\n";
      return 2;
    }
    ps.boundary = &*boundary;
  }
  auto e = analysis::evaluate(ps, req);
  if (opts.format == "json") out << evaluationJson(e).dump(2) << "\n";
  else printText(e, req, out);
  return e.decision == analysis::Decision::Allowed ? 0 : 1;
}

int runSimulate(const SimulateOptions& opts) { return runSimulate(opts, std::cin, std::cout, std::cerr); }

}  // namespace rolelint::cli
