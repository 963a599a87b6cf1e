#include "cli/effective.h"

#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/effective.h"
#include "analysis/evaluate.h"
#include "cli/common.h"
#include "cli/simulate.h"
#include "driver/driver.h"
#include "output/escape.h"
#include "output/html.h"

namespace rolelint::cli {

CLI::App* addEffectiveCommand(CLI::App& app, EffectiveOptions& opts) {
  auto* effective = app.add_subcommand("effective", "What a role can really do, per service and access level");
  effective->add_option("roles", opts.paths, "Inputs holding roles, as check takes them: files of any format, directories (walked), - for standard input")->required();
  effective->add_option("--format", opts.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  effective->add_option("--config", opts.config, "Configuration file (for its \"policies\" map)");
  effective->add_flag("--no-config", opts.noConfig, "Do not look for .rolelint.json");
  addOrgPolicyOptions(*effective, opts.scp, opts.rcp, opts.session);
  effective->footer("Examples:\n  rolelint effective examples/mediaconvert/role.json\n"
                    "  rolelint effective roles/*.json --format json");
  return effective;
}

namespace {

// One role's effective permissions, per service and access level, as JSON.
nlohmann::ordered_json roleJson(const model::Role& role, const OrgPolicies& org, const catalog::Catalog& cat) {
  std::vector<std::string> unresolved;
  auto policies = analysis::policiesOf(role, &unresolved);
  // SCPs do not affect service-linked roles (analysis/evaluate.h).
  const bool slr = role.path != nullptr && role.path->isString() && role.path->text.rfind("/aws-service-role/", 0) == 0;
  if (!slr) policies.scps = org.scps;
  policies.rcps = org.rcps;
  policies.session = org.session;
  const auto access = analysis::effectiveAccess(policies, cat);
  nlohmann::ordered_json j;
  j["role"] = role.displayName;
  j["file"] = role.file();
  j["boundary"] = role.boundary ? nlohmann::ordered_json(role.boundary->arn) : nlohmann::ordered_json(nullptr);
  j["unresolved"] = unresolved;
  nlohmann::ordered_json services = nlohmann::ordered_json::array();
  for (const auto& a : access) {
    nlohmann::ordered_json sj;
    sj["service"] = a.service;
    sj["granted"] = a.granted;
    sj["effective"] = a.effective;
    sj["removedByBoundaryOrDeny"] = a.granted - a.effective;
    nlohmann::ordered_json levels;
    for (size_t l = 0; l < a.byLevel.size(); ++l)
      levels[std::string(catalog::accessLevelName(static_cast<catalog::AccessLevel>(l)))] = a.byLevel[l];
    sj["byAccessLevel"] = levels;
    sj["examples"] = a.examples;
    sj["blocked"] = a.blocked;
    sj["conditionalOnly"] = a.conditionalOnly;
    sj["conditional"] = a.conditional;
    services.push_back(std::move(sj));
  }
  j["services"] = std::move(services);
  if (slr && !org.scps.empty())
    j["notApplied"] = nlohmann::ordered_json::array({"SCPs do not apply to service-linked roles"});
  // Decided whatever the policies say (analysis/evaluate.h, Special).
  nlohmann::ordered_json allowed;
  allowed["action"] = "sts:GetCallerIdentity";
  allowed["reason"] = std::string(analysis::alwaysAllowedReason());
  j["alwaysAllowed"] = nlohmann::ordered_json::array({allowed});
  nlohmann::ordered_json refused;
  refused["actions"] = nlohmann::ordered_json::array();
  for (auto a : analysis::managedPolicyWriteActions()) refused["actions"].push_back(std::string(a));
  refused["resource"] = "arn:aws:iam::aws:policy/*";
  refused["reason"] = "AWS managed policies cannot be changed by anyone";
  j["alwaysRefused"] = nlohmann::ordered_json::array({refused});
  return j;
}

// The text output of effective: a paragraph per role.
void printText(const nlohmann::ordered_json& all) {
  for (const auto& r : all) {
    std::cout << "role " << output::displayText(r["role"].get<std::string>()) << " ("
              << output::displayText(r["file"].get<std::string>()) << ")";
    if (!r["boundary"].is_null()) std::cout << ", boundary " << output::displayText(r["boundary"].get<std::string>());
    std::cout << "\n";
    for (const auto& u : r["unresolved"])
      std::cout << "  not resolved, not counted: " << output::displayText(u.get<std::string>()) << "\n";
    if (r.contains("notApplied"))
      for (const auto& u : r["notApplied"])
        std::cout << "  not applied: " << output::displayText(u.get<std::string>()) << "\n";
    if (r["services"].empty()) std::cout << "  no effective permissions\n";
    for (const auto& sj : r["services"]) {
      std::cout << "  " << sj["service"].get<std::string>() << ": " << sj["effective"].get<size_t>() << " of "
                << sj["granted"].get<size_t>() << " granted actions effective (";
      bool first = true;
      for (const auto& [level, n] : sj["byAccessLevel"].items()) {
        if (n.get<size_t>() == 0) continue;
        std::cout << (first ? "" : ", ") << level << " " << n.get<size_t>();
        first = false;
      }
      std::cout << (first ? "none)" : ")");
      if (!sj["examples"].empty()) {
        std::cout << "; e.g.";
        for (const auto& e : sj["examples"]) std::cout << " " << e.get<std::string>();
      }
      if (!sj["blocked"].empty()) {
        std::cout << "; removed:";
        for (const auto& e : sj["blocked"]) std::cout << " " << e.get<std::string>();
      }
      if (sj["conditionalOnly"].get<size_t>() > 0) {
        std::cout << "; only under conditions:";
        bool firstCond = true;
        for (const auto& e : sj["conditional"]) {
          std::cout << (firstCond ? " " : ", ") << e.get<std::string>();
          firstCond = false;
        }
        if (sj["conditionalOnly"].get<size_t>() > sj["conditional"].size())
          std::cout << " (" << sj["conditionalOnly"].get<size_t>() << " in all)";
      }
      std::cout << "\n";
    }
  }
  if (!all.empty())
    std::cout << "always, whatever the policies say: sts:GetCallerIdentity is allowed (it needs no permission); "
                 "changes to AWS managed policies (iam:CreatePolicyVersion, iam:DeletePolicy… on arn:aws:iam::aws:policy/…) "
                 "are refused\n";
}

}  // namespace

// `rolelint effective ROLE…`: per role, what it can really do per service and
// access level (identity ∩ boundary minus unconditional denies), and what the
// boundary removed. Action-level and over-approximating (analysis/effective.h).
int runEffective(const EffectiveOptions& opt, const engine::Registry& registry) {
  driver::Inputs in;
  in.paths = opt.paths;
  driver::Options o;
  auto config = loadRunConfig(opt.config, opt.noConfig, registry);
  if (!config) return kExitTrouble;
  o.config = std::move(*config);
  auto org = loadOrgPolicies(opt.scp, opt.rcp, opt.session);
  if (!org) {
    std::cerr << "rolelint: " << org.error().message << "\n";
    return kExitTrouble;
  }
  auto result = driver::run(in, std::move(o));
  if (!result || (*result)->catalog.catalog == nullptr) {
    std::cerr << "rolelint: " << (result ? "no IAM catalog in this build" : result.error().message) << "\n";
    return kExitTrouble;
  }
  const driver::Run& run = **result;
  const catalog::Catalog& cat = *run.catalog.catalog;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  int rc = kExitOk;
  for (const std::string& n : run.report.notifications) {
    std::cerr << "rolelint: " << output::displayText(n) << "\n";
    rc = kExitTrouble;
  }
  for (const model::Unit& unit : run.units) {
    if (unit.roles.empty()) {
      // A file named on the command line must hold a role; a walked one may hold policies only.
      if (unit.file->foundByWalk) continue;
      std::cerr << "rolelint: " << output::displayText(unit.file->source->path) << ": no role definition in this file\n";
      rc = kExitTrouble;
      continue;
    }
    for (const model::Role& role : unit.roles) all.push_back(roleJson(role, *org, cat));
  }
  if (opt.format == "json") {
    std::cout << all.dump(2) << "\n";
    return rc;
  }
  if (opt.format == "html") {
    output::Report report;
    output::HtmlOptions ho{"rolelint: effective permissions", run.roles, &cat, 1};
    report.files = run.units.size();
    report.roles = ho.roles.size();
    output::writeHtml(std::cout, report, {}, toolInfo(), registry, ho);
    return rc;
  }
  printText(all);
  return rc;
}

}  // namespace rolelint::cli
