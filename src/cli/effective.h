// `rolelint effective ROLE…`: per role, what it can really do per service and
// access level (identity ∩ boundary minus unconditional denies), and what the
// boundary removed. Action-level and over-approximating (analysis/effective.h).
#pragma once
#include <string>
#include <vector>

#include "engine/registry.h"

namespace CLI {
class App;
}

namespace rolelint::cli {

struct EffectiveOptions {
  std::vector<std::string> paths;
  std::vector<std::string> scp, rcp, session;  // organisation and session policy files (cli/simulate.h)
  std::string format = "text";
  std::string config;
  bool noConfig = false;
};

// Adds the `effective` subcommand (options bound to `opts`) to `app` and returns it.
CLI::App* addEffectiveCommand(CLI::App& app, EffectiveOptions& opts);
int runEffective(const EffectiveOptions& opt, const engine::Registry& registry);

}  // namespace rolelint::cli
