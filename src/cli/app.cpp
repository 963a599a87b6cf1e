// The command line (design.md §4): the subcommands are declared and run by
// their own files (check, effective, simulate, diff, rules and explain); this
// one routes to them. Each parses flags, calls the driver (src/driver) and prints.
#include "cli/app.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/check.h"
#include "cli/common.h"
#include "cli/diff.h"
#include "cli/effective.h"
#include "cli/rules_command.h"
#include "cli/simulate.h"
#include "engine/registry.h"
#include "rules/registry.h"

namespace rolelint::cli {

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
  auto* check = addCheckCommand(app, opt);
  std::string rulesFormat = "text";
  auto* rulesCmd = addRulesCommand(app, rulesFormat);
  std::string explainId;
  auto* explain = addExplainCommand(app, explainId);

  SimulateOptions simOpt;
  auto* simulate = addSimulateCommand(app, simOpt);
  DiffOptions diffOpt;
  auto* diff = addDiffCommand(app, diffOpt);

  EffectiveOptions effOpt;
  auto* effective = addEffectiveCommand(app, effOpt);
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
