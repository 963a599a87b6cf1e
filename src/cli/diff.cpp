// `rolelint diff`; see diff.h. New access is decided request by request with the
// evaluator (analysis/evaluate.h): a request built from NEW's granting statements
// (analysis::confirmedRequests) that NEW allows and OLD does not.
#include "cli/diff.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/arn_template.h"
#include "analysis/effective.h"
#include "analysis/escalation.h"
#include "catalog/catalog.h"
#include "driver/driver.h"
#include "driver/embedded_data.h"
#include "core/condition_value.h"
#include "core/embedded.h"
#include "core/result.h"
#include "input/input.h"
#include "json/reader.h"
#include "model/model.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

using OJson = nlohmann::ordered_json;

// One side of the diff: the roles of one input, by name.
struct Side {
  std::unique_ptr<driver::Run> run;
  std::map<std::string, const model::Role*> roles;
  const model::PolicyDocument* policy = nullptr;  // a standalone policy document
};

constexpr const char* kPolicyRole = "policy";

// Reads one side as check reads its inputs (a file, a directory, "-", any
// format); an Error when it cannot be read or holds nothing to compare.
core::Status loadSide(const std::string& path, Side& side) {
  driver::Inputs in;
  in.paths = {path};
  in.strict = true;  // both sides must be IAM
  auto run = driver::run(in, driver::Options{});
  if (!run) return run.error();
  side.run = std::move(*run);
  if (!side.run->report.notifications.empty()) return core::Error{side.run->report.notifications.front()};
  if (core::Status s = side.run->unreadable(); !s) return s;
  for (const model::Role* r : side.run->roles) side.roles[r->displayName] = r;
  for (const model::Unit& u : side.run->units)
    for (const auto& d : u.policies)
      if (d.kind != model::PolicyKind::Trust && side.policy == nullptr) side.policy = &d;
  if (side.roles.empty() && side.policy == nullptr)
    return core::Error{path + ": holds no role and no permissions policy"};
  return core::Ok{};
}

struct Access {
  std::string action, resource, when;
  std::string file;
  int line = 0, column = 0;
  std::string service, level;
};

analysis::EscalationSubject subjectOf(const model::Role* role, const model::PolicyDocument* policy, double now,
                                      std::vector<std::string>* unresolved) {
  analysis::EscalationSubject s;
  if (role != nullptr) {
    s.policies = analysis::policiesOf(*role, unresolved);
    s.name = role->displayName;
    s.path = role->path != nullptr && role->path->isString() ? role->path->text : "/";
    if (const json::Value* arn = role->root ? role->root->find("Arn") : nullptr; arn && arn->isString())
      if (auto p = analysis::splitArn(arn->text); p && p->account.size() == 12) s.account = std::string(p->account);
    for (const auto& m : role->managed) s.ownPolicies.push_back(m.arn);
    if (role->boundary) s.boundaryArn = role->boundary->arn;
  } else if (policy != nullptr) {
    s.policies.identity.push_back(policy);
    s.name = kPolicyRole;
    s.path = "/";
  }
  s.arn = analysis::roleArn(s.account, s.path, s.name);
  s.now = now;
  return s;
}

std::string whenOf(const analysis::EscalationWitness& w) {
  std::vector<std::string> parts;
  for (const auto& d : w.evaluation.deciding)
    for (const auto& c : d.policy->statements[d.index].conditions) {
      std::string t = analysis::describeCondition(c);
      if (std::find(parts.begin(), parts.end(), t) == parts.end()) parts.push_back(t);
    }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? " and " : "") + parts[i];
  return out.empty() ? "always" : out;
}

// Requests `from` allows that `against` does not: at most one per action.
std::vector<Access> gained(const analysis::EscalationSubject& from, const analysis::EscalationSubject& against,
                           const catalog::Catalog& cat) {
  std::vector<Access> out;
  std::set<std::string> done;
  for (const auto& w : analysis::confirmedRequests(from, cat, 4)) {
    if (done.count(w.request.action)) continue;
    analysis::Request req = w.request;
    req.principal = against.arn;  // the same role under the other version
    if (analysis::evaluate(against.policies, req).decision == analysis::Decision::Allowed) continue;
    done.insert(w.request.action);
    Access a{w.request.action, w.request.resource, whenOf(w)};
    for (const auto& d : w.evaluation.deciding)
      if (d.effect == model::Effect::Allow && d.node != nullptr && d.policy->kind != model::PolicyKind::Boundary) {
        const core::Location loc = d.policy->locate(*d.node);
        a.file = loc.file;
        a.line = static_cast<int>(loc.range.begin.line);
        a.column = static_cast<int>(loc.range.begin.column);
        break;
      }
    a.service = a.action.substr(0, a.action.find(':'));
    if (const catalog::Action* act = cat.findAction(a.action)) a.level = std::string(catalog::accessLevelName(act->accessLevel));
    out.push_back(std::move(a));
  }
  return out;
}

// Trust: principals (type:value) of Allow statements, with whether some statement
// lets them in without a condition.
std::map<std::string, bool> trustPrincipals(const model::Role* role) {
  std::map<std::string, bool> out;
  if (role == nullptr || !role->trust) return out;
  for (const auto& s : role->trust->statements) {
    if (s.effect != model::Effect::Allow || !s.principal) continue;
    const bool unconditional = s.conditions.empty();
    auto add = [&](const std::string& key) { out[key] = out[key] || unconditional; };
    if (s.principal->wildcard) add("AWS:*");
    for (const auto& e : s.principal->entries)
      for (const auto& v : e.values.items) add(e.type + ":" + v.value);
  }
  return out;
}

std::vector<Access> trustGained(const model::Role* from, const model::Role* against) {
  std::vector<Access> out;
  const auto now = trustPrincipals(from), before = trustPrincipals(against);
  for (const auto& [p, unconditional] : now) {
    auto it = before.find(p);
    std::string when;
    if (it == before.end()) when = "the trust policy now names " + p;
    else if (unconditional && !it->second) when = "the trust policy no longer requires a condition for " + p;
    else continue;
    Access a{"sts:AssumeRole", from->displayName, when};
    a.service = "trust";
    a.level = "assume role";
    if (from->trust && from->trust->root != nullptr) {
      const core::Location loc = from->trust->locate(*from->trust->root);
      a.file = loc.file;
      a.line = static_cast<int>(loc.range.begin.line);
      a.column = static_cast<int>(loc.range.begin.column);
    }
    out.push_back(std::move(a));
  }
  return out;
}

OJson toJson(const std::vector<Access>& list) {
  OJson arr = OJson::array();
  for (const auto& a : list) {
    OJson j;
    j["action"] = a.action;
    j["resource"] = a.resource;
    j["when"] = a.when;
    if (!a.file.empty()) {
      j["file"] = a.file;
      j["line"] = a.line;
      j["column"] = a.column;
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

void printText(const std::string& title, const std::vector<Access>& list) {
  if (list.empty()) return;
  std::cout << "  " << title << ":\n";
  std::map<std::pair<std::string, std::string>, std::vector<const Access*>> groups;
  for (const auto& a : list) groups[{a.service, a.level}].push_back(&a);
  for (const auto& [key, items] : groups) {
    std::cout << "    " << key.first << " (" << key.second << "): " << items.size()
              << (items.size() == 1 ? " action" : " actions") << "\n";
    for (const Access* a : items) {
      std::cout << "      " << a->action << " on " << a->resource;
      if (a->when != "always") std::cout << " when " << a->when;
      if (!a->file.empty()) std::cout << "  [" << a->file << ":" << a->line << ":" << a->column << "]";
      std::cout << "\n";
    }
  }
}

}  // namespace

CLI::App* addDiffCommand(CLI::App& app, DiffOptions& opts) {
  auto* cmd = app.add_subcommand("diff", "What NEW allows that OLD does not, per role (exit 1 when anything)");
  cmd->add_option("old", opts.oldPath, "The old role, policy or input (a file, a directory, - for standard input)")->required();
  cmd->add_option("new", opts.newPath, "The new role, policy or input (a file, a directory, - for standard input)")->required();
  cmd->add_option("--format", opts.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  cmd->add_option("--now", opts.now, "Analysis date for aws:CurrentTime conditions (ISO 8601; default: now)");
  return cmd;
}

int runDiff(const DiffOptions& opts) {
  double now = static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  if (!opts.now.empty()) {
    auto d = core::parseDate(opts.now).seconds;
    if (!d) {
      std::cerr << "rolelint diff: --now: \"" << opts.now << "\" is not an ISO 8601 date\n";
      return 2;
    }
    now = *d;
  }
  auto embedded = driver::embeddedCatalog();
  const catalog::Catalog* cat = embedded ? *embedded : nullptr;
  if (cat == nullptr) {
    std::cerr << "rolelint diff: " << (embedded ? "no IAM catalog in this build" : embedded.error().message) << "\n";
    return 2;
  }
  Side oldSide, newSide;
  core::Status loaded = loadSide(opts.oldPath, oldSide);
  if (loaded) loaded = loadSide(opts.newPath, newSide);
  if (!loaded) {
    std::cerr << "rolelint diff: " << loaded.error().message << "\n";
    return 2;
  }
  // Role names to compare: NEW's roles (and a standalone policy), and roles only OLD has.
  std::set<std::string> names;
  for (const auto& [n, r] : newSide.roles) names.insert(n);
  for (const auto& [n, r] : oldSide.roles) names.insert(n);
  if (newSide.policy != nullptr || oldSide.policy != nullptr) names.insert(kPolicyRole);

  OJson roles = OJson::array();
  OJson results = OJson::array();
  bool anyNew = false;
  int rc = 0;
  for (const std::string& name : names) {
    auto pick = [&](const Side& s) -> const model::Role* {
      auto it = s.roles.find(name);
      return it == s.roles.end() ? nullptr : it->second;
    };
    const model::Role* o = pick(oldSide);
    const model::Role* n = pick(newSide);
    const model::PolicyDocument* op = name == kPolicyRole && o == nullptr ? oldSide.policy : nullptr;
    const model::PolicyDocument* np = name == kPolicyRole && n == nullptr ? newSide.policy : nullptr;
    std::vector<std::string> unresolved;
    auto os = subjectOf(o, op, now, &unresolved);
    auto ns = subjectOf(n, np, now, &unresolved);
    if (!unresolved.empty()) {
      for (const auto& u : unresolved) std::cerr << "rolelint diff: " << name << ": cannot resolve " << u << "\n";
      rc = 2;
      continue;
    }
    std::vector<Access> added = gained(ns, os, *cat), removed = gained(os, ns, *cat);
    if (n != nullptr) {
      auto t = trustGained(n, o);
      added.insert(added.end(), t.begin(), t.end());
    }
    if (o != nullptr) {
      auto t = trustGained(o, n);
      removed.insert(removed.end(), t.begin(), t.end());
    }
    anyNew = anyNew || !added.empty();
    OJson j;
    j["role"] = name;
    j["newAccess"] = toJson(added);
    j["removedAccess"] = toJson(removed);
    roles.push_back(std::move(j));
    if (opts.format == "text") {
      std::cout << "role " << name;
      if (o == nullptr && op == nullptr) std::cout << " (only in NEW)";
      if (n == nullptr && np == nullptr) std::cout << " (only in OLD)";
      std::cout << (added.empty() && removed.empty() ? ": no change in access\n" : "\n");
      printText("new access", added);
      printText("removed access", removed);
    }
    for (const auto& a : added) {
      OJson r;
      r["ruleId"] = "new-access";
      r["level"] = "error";
      r["message"]["text"] = "role " + name + ": new access " + a.action + " on " + a.resource +
                             (a.when == "always" ? std::string() : " when " + a.when);
      if (!a.file.empty()) {
        OJson loc;
        loc["physicalLocation"]["artifactLocation"]["uri"] = a.file;
        loc["physicalLocation"]["region"]["startLine"] = a.line;
        loc["physicalLocation"]["region"]["startColumn"] = a.column;
        r["locations"] = OJson::array({loc});
      }
      results.push_back(std::move(r));
    }
  }
  if (opts.format == "json") {
    OJson out;
    out["roles"] = std::move(roles);
    std::cout << out.dump(2) << "\n";
  } else if (opts.format == "sarif") {
    OJson rule;
    rule["id"] = "new-access";
    rule["shortDescription"]["text"] = "NEW allows a request OLD does not (rolelint diff)";
    OJson run;
    run["tool"]["driver"]["name"] = "rolelint";
    run["tool"]["driver"]["version"] = ROLELINT_VERSION;
    run["tool"]["driver"]["rules"] = OJson::array({rule});
    run["results"] = std::move(results);
    OJson log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = OJson::array({run});
    std::cout << log.dump(2) << "\n";
  }
  if (rc != 0) return rc;
  return anyNew ? 1 : 0;
}

}  // namespace rolelint::cli
