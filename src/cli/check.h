// `rolelint check`: lint files and directories (design.md §4).
#pragma once
#include <string>
#include <vector>

#include "engine/registry.h"

namespace CLI {
class App;
}

namespace rolelint::cli {

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

// Adds the `check` subcommand (options bound to `opts`) to `app` and returns it.
CLI::App* addCheckCommand(CLI::App& app, CheckOptions& opts);
// Runs a parsed check command; returns the exit code.
int runCheck(const CheckOptions& opt, engine::Registry& registry);

}  // namespace rolelint::cli
