// `rolelint simulate`; see simulate.h.
#include "cli/simulate.h"

#include <algorithm>
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

#include "analysis/effective.h"
#include "analysis/evaluate.h"
#include "catalog/catalog.h"
#include "driver/driver.h"
#include "driver/embedded_data.h"
#include "core/embedded.h"
#include "input/input.h"
#include "json/reader.h"
#include "model/model.h"
#include "core/wildcard.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

using OJson = nlohmann::ordered_json;

using core::hasWildcard;

// The AWS managed organisation policies attached by default, which are not IAM
// managed policies: FullAWSAccess (SCP,
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html)
// and RCPFullAWSAccess (RCP,
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html).
std::optional<std::string_view> orgManagedPolicy(std::string_view name) {
  if (name == "FullAWSAccess" || name == "p-FullAWSAccess")
    return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  if (name == "RCPFullAWSAccess" || name == "p-RCPFullAWSAccess")
    return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})";
  return std::nullopt;
}

std::shared_ptr<input::Tree> treeOf(std::string path, std::string text) {
  auto source = std::make_shared<input::Source>(std::move(path), std::move(text));
  auto tree = std::make_shared<input::Tree>();
  tree->source = source;
  tree->doc = json::read(source->text, {.borrow = true});  // the tree holds the source
  return tree;
}

// The embedded IAM catalog, or null when this build has none (or a broken one,
// which the test suite rules out).
const catalog::Catalog* embeddedCatalogOrNone() {
  auto c = driver::embeddedCatalog();
  return c ? *c : nullptr;
}

// An AWS managed policy by ARN or by name ("ReadOnlyAccess", "service-role/AWSLambdaRole").
std::optional<input::Resolved> resolveManaged(std::string_view nameOrArn) {
  const auto* aws = driver::embeddedManagedPolicies();
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

std::string where(const analysis::StatementRef& s) {
  if (s.policy == nullptr || s.node == nullptr) return std::string(s.label);
  core::Location loc = s.policy->locate(*s.node);
  return loc.file + ":" + std::to_string(loc.range.begin.line) + ":" + std::to_string(loc.range.begin.column);
}

OJson statementJson(const analysis::StatementRef& s) {
  OJson j;
  j["policy"] = std::string(s.label);
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
core::Result<model::PolicyDocument> loadPolicy(input::Loader& loader, const std::string& path, model::PolicyKind kind,
                                               std::string label) {
  auto dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  auto file = loader.load(path, false, dir);
  if (!file) return file.error();
  if (!file->problems.empty()) {
    const auto& p = file->problems.front();
    return core::Error{path + ":" + std::to_string(p.location.range.begin.line) + ":" +
                       std::to_string(p.location.range.begin.column) + ": " + p.message};
  }
  if (file->tree == nullptr || file->tree->root() == nullptr || !file->tree->root()->isObject())
    return core::Error{path + ": not a JSON object"};
  return model::buildPolicy(input::Resolved{file->tree, file->tree->root(), false}, kind, std::move(label), "");
}

// Loads a file holding one policy document, or a JSON array of documents.
core::Result<std::vector<model::PolicyDocument>> loadPolicies(input::Loader& loader, const std::string& path,
                                                               const std::string& label) {
  auto dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  auto file = loader.load(path, false, dir);
  if (!file) return file.error();
  const json::Value* root = file->tree == nullptr ? nullptr : file->tree->root();
  for (const auto& p : file->problems) {
    // A list of policies is what these files may hold, not an unsupported document.
    if (p.code == input::ProblemCode::UnsupportedDocument && root != nullptr && root->isArray()) continue;
    return core::Error{path + ":" + std::to_string(p.location.range.begin.line) + ":" +
                       std::to_string(p.location.range.begin.column) + ": " + p.message};
  }
  std::vector<model::PolicyDocument> docs;
  if (root != nullptr && root->isObject()) {
    docs.push_back(model::buildPolicy(input::Resolved{file->tree, root, false}, model::PolicyKind::Identity, label, ""));
  } else if (root != nullptr && root->isArray() && !root->elements.empty() &&
             std::all_of(root->elements.begin(), root->elements.end(), [](const json::Value& v) { return v.isObject(); })) {
    for (size_t i = 0; i < root->elements.size(); ++i)
      docs.push_back(model::buildPolicy(input::Resolved{file->tree, &root->elements[i], false}, model::PolicyKind::Identity,
                                        label + "[" + std::to_string(i) + "]", ""));
  } else {
    return core::Error{path + ": not a policy document (a JSON object) or a list of them"};
  }
  return docs;
}

void printText(const analysis::Evaluation& e, const analysis::Request& req, std::ostream& out) {
  out << analysis::decisionName(e.decision) << ": " << req.action << " on " << req.resource << "\n";
  out << "  reason:   " << e.reason << "\n";
  out << "  identity: " << analysis::decisionName(e.identity.decision) << "\n";
  out << "  boundary: " << (e.boundary ? std::string(analysis::decisionName(e.boundary->decision)) : "none") << "\n";
  auto line = [&](const char* what, const std::optional<analysis::SetResult>& r) {
    if (r) out << "  " << what << std::string(analysis::decisionName(r->decision)) << "\n";
  };
  line("scp:      ", e.scp);
  line("rcp:      ", e.rcp);
  line("session:  ", e.session);
  line("resource policy: ", e.resourcePolicy);
  for (const auto& n : e.skipped) out << "  not applied: " << n << "\n";
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
  auto setJson = [&](const char* key, const std::optional<analysis::SetResult>& r) {
    if (r) j[key] = analysis::decisionName(r->decision);
  };
  setJson("scp", e.scp);
  setJson("rcp", e.rcp);
  setJson("session", e.session);
  setJson("resourcePolicy", e.resourcePolicy);
  if (!e.skipped.empty()) j["notApplied"] = e.skipped;
  j["reason"] = e.reason;
  j["deciding"] = OJson::array();
  for (const auto& s : e.deciding) j["deciding"].push_back(statementJson(s));
  if (!e.notModelled.empty()) j["notModelled"] = e.notModelled;
  return j;
}

// --- batch ------------------------------------------------------------------

std::string describe(const json::Value& v) { return std::string(json::kindName(v.kind)); }

// An AWS managed policy by name or ARN as a model document, built once per (name, kind).
core::Result<std::shared_ptr<const model::PolicyDocument>> managedPolicy(const std::string& name, model::PolicyKind kind) {
  static std::mutex mu;
  static std::map<std::pair<std::string, model::PolicyKind>, std::shared_ptr<const model::PolicyDocument>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find({name, kind}); it != cache.end()) return it->second;
  }
  auto r = resolveManaged(name);
  if (!r) return core::Error{"unknown AWS managed policy `" + name + "`"};
  auto doc = std::make_shared<const model::PolicyDocument>(
      model::buildPolicy(*r, kind, kind == model::PolicyKind::Boundary ? "boundary:" + name : name, ""));
  std::lock_guard<std::mutex> lock(mu);
  cache.emplace(std::make_pair(name, kind), doc);
  return doc;
}

// A policy of a batch line: a document object, a document as JSON text,
// {"name", "policy"}, or an AWS managed policy name/ARN.
using DocPtr = std::shared_ptr<const model::PolicyDocument>;
using Trees = std::vector<std::shared_ptr<const input::Tree>>;

core::Status checkFields(const json::Value& obj, std::initializer_list<std::string_view> known, const std::string& where) {
  for (const auto& m : obj.members)
    if (std::find(known.begin(), known.end(), m.key) == known.end())
      return core::Error{"unknown field \"" + where + m.key + "\""};
  return core::Ok{};
}

core::Result<DocPtr> batchPolicy(const std::shared_ptr<const input::Tree>& tree, const json::Value& v,
                                 model::PolicyKind kind, const std::string& defaultLabel, Trees& keep) {
  if (v.isObject() && v.find("Statement") == nullptr && v.find("policy") != nullptr) {
    if (core::Status ok = checkFields(v, {"name", "policy"}, defaultLabel + "."); !ok) return ok.error();
    const json::Value* name = v.find("name");
    std::string label = name != nullptr && name->isString() ? name->text.str() : defaultLabel;
    return batchPolicy(tree, *v.find("policy"), kind, label, keep);
  }
  if (v.isObject()) {
    if (v.find("Statement") == nullptr) return core::Error{defaultLabel + ": a policy document needs a Statement"};
    return std::make_shared<const model::PolicyDocument>(
        model::buildPolicy(input::Resolved{tree, &v, false}, kind, defaultLabel, ""));
  }
  if (v.isString()) {
    std::string_view s = v.text;
    size_t first = s.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && s[first] == '{') {
      auto t = treeOf("<" + defaultLabel + ">", v.text);
      if (t->root() == nullptr || !t->root()->isObject() || !t->doc.problems.empty())
        return core::Error{defaultLabel + ": the policy string is not a JSON object"};
      keep.push_back(t);
      return std::make_shared<const model::PolicyDocument>(
          model::buildPolicy(input::Resolved{t, t->root(), false}, kind, defaultLabel, ""));
    }
    return managedPolicy(v.text, kind);
  }
  return core::Error{defaultLabel + ": expected a policy document, {\"name\", \"policy\"} or a managed policy name, got " +
                     describe(v)};
}

// A policy of an SCP or RCP level: as batchPolicy, except that a name is one of the
// AWS managed organisation policies (IAM managed policies are not SCPs or RCPs).
core::Result<DocPtr> orgPolicy(const std::shared_ptr<const input::Tree>& tree, const json::Value& v, bool rcp,
                               const std::string& label, Trees& keep) {
  if (v.isString() && v.text.find('{') == std::string::npos) {
    auto text = orgManagedPolicy(v.text);
    if (!text || (rcp != (v.text.find("RCP") != std::string::npos)))
      return core::Error{label + ": unknown " + (rcp ? "RCP" : "SCP") + " `" + v.text +
                         "` (give the policy document; by name only " + (rcp ? "RCPFullAWSAccess" : "FullAWSAccess") + ")"};
    auto t = treeOf("<" + v.text + ">", std::string(*text));
    keep.push_back(t);
    return std::make_shared<const model::PolicyDocument>(
        model::buildPolicy(input::Resolved{t, t->root(), true}, model::PolicyKind::Identity, v.text, ""));
  }
  return batchPolicy(tree, v, model::PolicyKind::Identity, label, keep);
}

using Levels = std::vector<std::vector<DocPtr>>;

// "scp" / "rcp": a policy, or a list of levels, each a policy or a list of policies.
core::Result<Levels> orgLevels(const std::shared_ptr<const input::Tree>& tree, const json::Value& v, bool rcp, Trees& keep) {
  const std::string what = rcp ? "rcp" : "scp";
  Levels levels;
  if (!v.isArray()) {
    auto d = orgPolicy(tree, v, rcp, what, keep);
    if (!d) return d.error();
    levels.push_back({*d});
    return levels;
  }
  if (v.elements.empty()) return core::Error{what + ": an empty list of levels (omit the field for none)"};
  for (size_t i = 0; i < v.elements.size(); ++i) {
    const json::Value& level = v.elements[i];
    const std::string label = what + "[" + std::to_string(i) + "]";
    std::vector<DocPtr> docs;
    if (level.isArray()) {
      if (level.elements.empty()) return core::Error{label + ": a level with no policy allows nothing; give its policies"};
      for (size_t k = 0; k < level.elements.size(); ++k) {
        auto d = orgPolicy(tree, level.elements[k], rcp, label + "[" + std::to_string(k) + "]", keep);
        if (!d) return d.error();
        docs.push_back(*d);
      }
    } else {
      auto d = orgPolicy(tree, level, rcp, label, keep);
      if (!d) return d.error();
      docs.push_back(*d);
    }
    levels.push_back(std::move(docs));
  }
  return levels;
}

core::Result<std::string> scalar(const json::Value& v, const std::string& what) {
  if (v.isString() || v.isNumber()) return v.text.str();
  if (v.isBool()) return std::string(v.boolean ? "true" : "false");
  return core::Error{what + " must be a string, got " + describe(v)};
}

// One policy, or a list of them (identity, session): `name` for the labels.
core::Status policyList(const std::shared_ptr<const input::Tree>& tree, const json::Value& v, const std::string& name,
                        Trees& keep, std::vector<DocPtr>& out) {
  if (!v.isArray()) {
    auto d = batchPolicy(tree, v, model::PolicyKind::Identity, name == "identity" ? "identity[0]" : name, keep);
    if (!d) return d.error();
    out.push_back(*d);
    return core::Ok{};
  }
  for (size_t i = 0; i < v.elements.size(); ++i) {
    auto d = batchPolicy(tree, v.elements[i], model::PolicyKind::Identity, name + "[" + std::to_string(i) + "]", keep);
    if (!d) return d.error();
    out.push_back(*d);
  }
  return core::Ok{};
}

// The policies of a batch line, owning what analysis::Policies points to.
struct LinePolicies {
  Trees keep;
  std::vector<DocPtr> identity, session;
  DocPtr boundary, resourcePolicy;
  Levels scps, rcps;

  analysis::Policies view() const {
    analysis::Policies ps;
    for (const auto& d : identity) ps.identity.push_back(d.get());
    ps.boundary = boundary.get();
    for (const auto& level : scps) {
      ps.scps.emplace_back();
      for (const auto& d : level) ps.scps.back().push_back(d.get());
    }
    for (const auto& level : rcps) {
      ps.rcps.emplace_back();
      for (const auto& d : level) ps.rcps.back().push_back(d.get());
    }
    for (const auto& d : session) ps.session.push_back(d.get());
    ps.resourcePolicy = resourcePolicy.get();
    return ps;
  }
};

const json::Value* present(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v != nullptr && !v->isNull() ? v : nullptr;
}

core::Status linePolicies(const std::shared_ptr<const input::Tree>& tree, const json::Value& root, LinePolicies& out) {
  const json::Value* ids = root.find("identity");
  if (ids == nullptr) return core::Error{"missing \"identity\""};
  if (core::Status ok = policyList(tree, *ids, "identity", out.keep, out.identity); !ok) return ok;
  if (const json::Value* b = present(root, "boundary")) {
    auto d = batchPolicy(tree, *b, model::PolicyKind::Boundary, "boundary", out.keep);
    if (!d) return d.error();
    out.boundary = *d;
  }
  // Organisation, session and resource policies: only when the line has them.
  if (const json::Value* v = present(root, "scp")) {
    auto levels = orgLevels(tree, *v, false, out.keep);
    if (!levels) return levels.error();
    out.scps = std::move(*levels);
  }
  if (const json::Value* v = present(root, "rcp")) {
    auto levels = orgLevels(tree, *v, true, out.keep);
    if (!levels) return levels.error();
    out.rcps = std::move(*levels);
  }
  if (const json::Value* v = present(root, "session")) {
    if (v->isArray() && v->elements.empty())
      return core::Error{"session: an empty list (omit the field for no session policy)"};
    if (core::Status ok = policyList(tree, *v, "session", out.keep, out.session); !ok) return ok;
  }
  if (const json::Value* v = present(root, "resourcePolicy")) {
    auto d = batchPolicy(tree, *v, model::PolicyKind::Identity, "resourcePolicy", out.keep);
    if (!d) return d.error();
    out.resourcePolicy = *d;
  }
  return core::Ok{};
}

core::Result<analysis::Request> lineRequest(const json::Value& root) {
  const json::Value* r = root.find("request");
  if (r == nullptr || !r->isObject()) return core::Error{"missing \"request\" object"};
  if (core::Status ok = checkFields(*r, {"principal", "action", "resource", "resourceAccount", "context"}, "request.");
      !ok)
    return ok.error();
  analysis::Request req;
  if (const json::Value* p = present(*r, "principal")) {
    auto v = scalar(*p, "principal");
    if (!v) return v.error();
    req.principal = *v;
  }
  const json::Value* a = r->find("action");
  if (a == nullptr) return core::Error{"missing request.action"};
  auto action = scalar(*a, "action");
  if (!action) return action.error();
  req.action = *action;
  if (req.action.find(':') == std::string::npos && req.action != "*")
    return core::Error{"request.action must be service:Action"};
  req.resource = "*";
  if (const json::Value* res = present(*r, "resource")) {
    auto v = scalar(*res, "resource");
    if (!v) return v.error();
    req.resource = *v;
  }
  if (const json::Value* ra = present(*r, "resourceAccount")) {
    auto v = scalar(*ra, "resourceAccount");
    if (!v) return v.error();
    req.resourceAccount = *v;
    if (req.resourceAccount.size() != 12 || req.resourceAccount.find_first_not_of("0123456789") != std::string::npos)
      return core::Error{"request.resourceAccount must be a 12-digit account ID, got `" + req.resourceAccount + "`"};
  }
  if (const json::Value* c = present(*r, "context")) {
    if (!c->isObject()) return core::Error{"request.context must be an object"};
    for (const auto& m : c->members) {
      auto& vals = req.context[m.key];
      std::vector<const json::Value*> items;
      if (m.value.isArray()) {
        for (const auto& e : m.value.elements) items.push_back(&e);
      } else {
        items.push_back(&m.value);
      }
      for (const json::Value* e : items) {
        auto v = scalar(*e, "context value of " + m.key);
        if (!v) return v.error();
        vals.push_back(*v);
      }
    }
  }
  return req;
}

// The decision of one batch line, written into `out` (which holds its id).
core::Status decideLine(const std::string& line, OJson& out) {
  std::shared_ptr<const input::Tree> tree = treeOf("<batch>", line);
  const json::Value* root = tree->root();
  if (root == nullptr || !tree->doc.problems.empty())
    return core::Error{"malformed JSON: " + (tree->doc.problems.empty() ? std::string("not JSON")
                                                                        : tree->doc.problems.front().message)};
  if (!root->isObject()) return core::Error{"a request line must be a JSON object"};
  if (const json::Value* id = root->find("id")) {
    if (id->isString()) {
      out["id"] = id->text;
    } else if (id->isNumber()) {
      auto n = OJson::parse(id->text, nullptr, false);
      out["id"] = n.is_discarded() || !n.is_number() ? OJson(id->text) : n;
    }
  }
  if (core::Status ok =
          checkFields(*root, {"id", "identity", "boundary", "scp", "rcp", "session", "resourcePolicy", "request"}, "");
      !ok)
    return ok;
  LinePolicies lp;
  if (core::Status ok = linePolicies(tree, *root, lp); !ok) return ok;
  auto request = lineRequest(*root);
  if (!request) return request.error();
  const analysis::Request& req = *request;
  const analysis::Policies ps = lp.view();

  const catalog::Catalog* cat = embeddedCatalogOrNone();
  if (hasWildcard(req.action)) {
    // Item: a pattern is answered with the catalog actions it matches.
    if (cat == nullptr) return core::Error{"request.action has a wildcard, and this build has no IAM catalog to expand it"};
    const auto x = analysis::expandRequest(ps, req, *cat);
    if (!x.matched)
      return core::Error{"request.action `" + req.action + "` matches no action of the IAM catalog (" +
                         std::string(cat->version()) + ")"};
    out["decision"] = "Expanded";
    out["allowed"] = x.allowed;
    out["explicitlyDenied"] = x.explicitlyDenied;
    out["boundaryBlocked"] = x.boundaryBlocked;
    if (!x.notModelled.empty()) out["notModelled"] = x.notModelled;
    return core::Ok{};
  }
  if (cat != nullptr && cat->findAction(req.action) == nullptr)
    return core::Error{"unknown action `" + req.action + "` (not in the IAM catalog " + std::string(cat->version()) + ")"};
  auto e = analysis::evaluate(ps, req);
  out["decision"] = analysis::decisionName(e.decision);
  out["identity"] = analysis::decisionName(e.identity.decision);
  out["boundary"] = e.boundary ? OJson(analysis::decisionName(e.boundary->decision)) : OJson(nullptr);
  // The new policy types appear only when the line gives them (null: not applying).
  auto setJson = [](const std::optional<analysis::SetResult>& s) {
    return s ? OJson(analysis::decisionName(s->decision)) : OJson(nullptr);
  };
  if (!lp.scps.empty()) out["scp"] = setJson(e.scp);
  if (!lp.rcps.empty()) out["rcp"] = setJson(e.rcp);
  if (!lp.session.empty()) out["session"] = setJson(e.session);
  if (lp.resourcePolicy) out["resourcePolicy"] = setJson(e.resourcePolicy);
  if (e.special != analysis::Special::None || !lp.scps.empty() || !lp.rcps.empty() || !lp.session.empty() ||
      lp.resourcePolicy)
    out["reason"] = e.reason;
  if (!e.skipped.empty()) out["notApplied"] = e.skipped;
  if (!e.notModelled.empty()) out["notModelled"] = e.notModelled;
  return core::Ok{};
}

OJson errorLine(const OJson& id, const std::string& message) {
  OJson err;
  err["id"] = id;
  err["error"] = message;
  return err;
}

}  // namespace

std::string simulateBatchLine(const std::string& line) {
  OJson out;
  out["id"] = nullptr;
  try {
    if (core::Status ok = decideLine(line, out); !ok) out = errorLine(out["id"], ok.error().message);
  } catch (const std::exception& x) {  // never stop the batch on one line
    out = errorLine(out["id"], std::string("internal error: ") + x.what());
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void addOrgPolicyOptions(CLI::App& cmd, std::vector<std::string>& scp, std::vector<std::string>& rcp,
                         std::vector<std::string>& session) {
  cmd.add_option("--scp", scp, "SCP file: one level of the principal's organisation, root first (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--rcp", rcp, "RCP file: one level of the resource's organisation (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--session-policy", session, "Session policy file (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::App* addSimulateCommand(CLI::App& app, SimulateOptions& opts) {
  auto* sim = app.add_subcommand("simulate", "Decide a request against a role's policies and permissions boundary");
  sim->add_option("--role", opts.role, "The role: any input check reads (a role file, a template, a Terraform module directory, a dump, - for standard input); --role-name picks one of several");
  sim->add_option("--role-name", opts.roleName, "The role to use when the file defines several");
  sim->add_option("--identity", opts.identity, "Identity policy file (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sim->add_option("--boundary", opts.boundary, "Permissions boundary policy file");
  addOrgPolicyOptions(*sim, opts.scp, opts.rcp, opts.sessionPolicy);
  sim->add_option("--resource-policy", opts.resourcePolicy, "The resource's policy file (bucket policy, key policy, trust policy…)");
  sim->add_option("--resource-account", opts.resourceAccount, "The resource's account ID, when its ARN names none");
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
      "  rolelint simulate --role role.json --scp root.json --scp ou.json --action 's3:Get*'\n"
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
  loader.setStrict(true);  // the files named must be IAM
  std::unique_ptr<driver::Run> roleRun;  // owns the role the policies point into
  std::vector<model::PolicyDocument> docs;
  std::optional<model::PolicyDocument> boundary;
  analysis::Policies ps;
  if (!opts.role.empty()) {
    // The role is read as check reads its inputs: a file, a directory, "-", any format.
    driver::Inputs roleInput;
    roleInput.paths = {opts.role};
    roleInput.strict = true;  // the files named must be IAM
    auto run = driver::run(roleInput, driver::Options{});
    if (!run) {
      err << "rolelint simulate: " << run.error().message << "\n";
      return 2;
    }
    roleRun = std::move(*run);
    if (!roleRun->report.notifications.empty()) {
      err << "rolelint simulate: " << roleRun->report.notifications.front() << "\n";
      return 2;
    }
    // Only problems that leave the role unreadable stop the simulation; the
    // rest (unknown fields…) are for `rolelint check`.
    if (core::Status s = roleRun->unreadable(); !s) {
      err << s.error().message << "\n";
      return 2;
    }
    const std::vector<const model::Role*>& roles = roleRun->roles;
    const model::Role* role = nullptr;
    for (const model::Role* r : roles)
      if (opts.roleName.empty() ? roles.size() == 1 : r->displayName == opts.roleName) role = r;
    if (role == nullptr) {
      err << "rolelint simulate: " << opts.role
          << (roles.empty() ? " defines no role" : opts.roleName.empty() ? " defines several roles; pick one with --role-name"
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
    auto d = loadPolicy(loader, path, model::PolicyKind::Identity, path);
    if (!d) {
      err << "rolelint simulate: " << d.error().message << "\n";
      return 2;
    }
    docs.push_back(std::move(*d));
  }
  for (const auto& d : docs) ps.identity.push_back(&d);
  if (!opts.boundary.empty()) {
    auto b = loadPolicy(loader, opts.boundary, model::PolicyKind::Boundary, "boundary:" + opts.boundary);
    if (!b) {
      err << "rolelint simulate: " << b.error().message << "\n";
      return 2;
    }
    boundary = std::move(*b);
    ps.boundary = &*boundary;
  }
  // Organisation, session and resource policies.
  auto org = loadOrgPolicies(opts.scp, opts.rcp, opts.sessionPolicy);
  if (!org) {
    err << "rolelint simulate: " << org.error().message << "\n";
    return 2;
  }
  ps.scps = org->scps;
  ps.rcps = org->rcps;
  ps.session = org->session;
  std::optional<model::PolicyDocument> resourcePolicy;
  if (!opts.resourcePolicy.empty()) {
    auto r = loadPolicy(loader, opts.resourcePolicy, model::PolicyKind::Identity, "resource:" + opts.resourcePolicy);
    if (!r) {
      err << "rolelint simulate: " << r.error().message << "\n";
      return 2;
    }
    resourcePolicy = std::move(*r);
    ps.resourcePolicy = &*resourcePolicy;
  }
  if (!opts.resourceAccount.empty()) {
    if (opts.resourceAccount.size() != 12 || opts.resourceAccount.find_first_not_of("0123456789") != std::string::npos)
    {
      err << "rolelint simulate: --resource-account must be a 12-digit account ID\n";
      return 2;
    }
    req.resourceAccount = opts.resourceAccount;
  }

  const catalog::Catalog* cat = embeddedCatalogOrNone();
  if (hasWildcard(req.action)) {
    if (cat == nullptr) {
      err << "rolelint simulate: no IAM catalog in this build to expand " << req.action << "\n";
      return 2;
    }
    const auto x = analysis::expandRequest(ps, req, *cat);
    if (!x.matched) {
      err << "rolelint simulate: " << req.action << " matches no action of the IAM catalog (" << cat->version() << ")\n";
      return 2;
    }
    if (opts.format == "json") {
      OJson j;
      j["decision"] = "Expanded";
      j["allowed"] = x.allowed;
      j["explicitlyDenied"] = x.explicitlyDenied;
      j["boundaryBlocked"] = x.boundaryBlocked;
      if (!x.notModelled.empty()) j["notModelled"] = x.notModelled;
      out << j.dump(2) << "\n";
    } else {
      out << "Expanded: " << req.action << " on " << req.resource << "\n";
      auto list = [&](const char* what, const std::vector<std::string>& v) {
        out << "  " << what << " (" << v.size() << "):";
        for (const auto& a : v) out << " " << a;
        out << "\n";
      };
      list("allowed", x.allowed);
      list("explicitly denied", x.explicitlyDenied);
      list("blocked by the boundary", x.boundaryBlocked);
      for (const auto& n : x.notModelled) out << "  not modelled: " << n << "\n";
    }
    return x.allowed.empty() ? 1 : 0;
  }
  if (cat != nullptr && cat->findAction(req.action) == nullptr)
  {
    err << "rolelint simulate: unknown action `" << req.action << "` (not in the IAM catalog " << cat->version() << ")\n";
    return 2;
  }
  auto e = analysis::evaluate(ps, req);
  if (opts.format == "json") out << evaluationJson(e).dump(2) << "\n";
  else printText(e, req, out);
  return e.decision == analysis::Decision::Allowed ? 0 : 1;
}

int runSimulate(const SimulateOptions& opts) { return runSimulate(opts, std::cin, std::cout, std::cerr); }

core::Result<OrgPolicies> loadOrgPolicies(const std::vector<std::string>& scp, const std::vector<std::string>& rcp,
                                          const std::vector<std::string>& session) {
  input::Loader loader;
  loader.setStrict(true);  // the files named must be IAM
  OrgPolicies out;
  auto level = [&](const std::string& path, const std::string& label, analysis::PolicyLevel& into) -> core::Status {
    auto docs = loadPolicies(loader, path, label);
    if (!docs) return docs.error();
    for (auto& d : *docs) {
      out.docs.push_back(std::make_unique<model::PolicyDocument>(std::move(d)));
      into.push_back(out.docs.back().get());
    }
    return core::Ok{};
  };
  for (const auto& path : scp)
    if (auto s = level(path, "scp:" + path, out.scps.emplace_back()); !s) return s.error();
  for (const auto& path : rcp)
    if (auto s = level(path, "rcp:" + path, out.rcps.emplace_back()); !s) return s.error();
  for (const auto& path : session)
    if (auto s = level(path, "session:" + path, out.session); !s) return s.error();
  return out;
}

}  // namespace rolelint::cli
