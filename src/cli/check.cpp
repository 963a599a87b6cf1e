#include "cli/check.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "analysis/effective.h"
#include "cli/common.h"
#include "cli/output_file.h"
#include "core/condition_value.h"
#include "driver/driver.h"
#include "driver/progress.h"
#include "input/input.h"
#include "output/escape.h"
#include "output/html.h"
#include "output/markdown.h"
#include "output/output.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

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
    o.config.now = core::parseDate(opt.now).seconds;
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
    output::writeJson(out, report, tool, run.threads);
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

}  // namespace

CLI::App* addCheckCommand(CLI::App& app, CheckOptions& opts) {
  auto* check = app.add_subcommand("check", "Lint files and directories ('-' reads standard input)");
  check->add_option("paths", opts.paths, "Files or directories (default: .)");
  check->add_option("--format", opts.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "markdown", "html"}))
      ->capture_default_str();
  check->add_option("-o,--output", opts.output, "Write the report to FILE (atomically) instead of standard output");
  check->add_option("--config", opts.config, "Configuration file (default: .rolelint.json here or in a parent)");
  check->add_flag("--no-config", opts.noConfig, "Do not look for .rolelint.json");
  check->add_option("--fail-on", opts.failOn, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->capture_default_str();
  // One value per occurrence (repeatable), so that `--select RL1 roles/` keeps roles/ as a path.
  check->add_option("--select", opts.select, "Only these rules: ids, id prefixes (RL1) or names, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--ignore", opts.ignore, "Skip these rules: ids, id prefixes or names, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--kind", opts.kind, "Kind of standalone policy documents")
      ->check(CLI::IsMember({"auto", "trust", "identity", "managed", "boundary"}))
      ->capture_default_str();
  check->add_flag("--strict", opts.strict,
                  "Report files that hold no policy, role, template, plan or dump as RL004 errors (default: RL010 "
                  "notes)");
  check->add_flag("--no-ignore", opts.noIgnore,
                  "Also walk what .gitignore files ignore (by default a directory walk inside a git work tree skips it)");
  check->add_option("--var-file", opts.varFiles,
                    "Terraform: a variable definitions file applied after terraform.tfvars and *.auto.tfvars (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--input-format", opts.inputFormat, "Read every input as this format instead of detecting it")
      ->check(CLI::IsMember({"auto", "policy", "role", "get-role", "get-role-policy", "dump", "cloudformation",
                             "terraform"}));
  check->add_option("--baseline", opts.baseline,
                    "Report only findings that are not in this earlier SARIF log (matched by rule, file, role, "
                    "policy and JSON pointer)");
  check->add_option("--jobs", opts.jobs, "Parallel jobs (default: number of cores)");
  check->add_option("--catalog", opts.catalog, "Load this IAM catalog snapshot instead of the embedded one");
  check->add_option("--now", opts.now, "Analysis date for aws:CurrentTime conditions (ISO 8601; default: now)");
  check->add_option("--color", opts.color, "Color the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->add_flag("-q,--quiet", opts.quiet, "Text output: print errors only");
  check->add_option("--sarif-category", opts.sarifCategory, "SARIF category (runs[0].automationDetails.id, a \"/\" appended)");
  check->footer(
      "Examples:\n"
      "  rolelint check examples/mediaconvert\n"
      "  rolelint check --kind trust trust-policy.json\n"
      "  cat policy.json | rolelint check -\n"
      "  rolelint check . --select RL1 --ignore RL101 --fail-on warning\n"
      "  rolelint check roles/ --format sarif --output rolelint.sarif --sarif-category iam");
  return check;
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

}  // namespace rolelint::cli
