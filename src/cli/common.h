// What the commands share: exit codes, the configuration of a run, the tool's
// version (design.md §4).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/registry.h"
#include "output/output.h"

namespace rolelint::cli {

constexpr int kExitOk = 0;        // nothing at or above --fail-on
constexpr int kExitFindings = 1;  // findings at or above it
constexpr int kExitTrouble = 2;   // usage error, bad configuration, unreadable path, internal failure

// "RL1,RL2" "RL3" -> RL1 RL2 RL3 (--select and --ignore).
std::vector<std::string> splitIds(const std::vector<std::string>& in);

// The run's configuration: --config FILE, else .rolelint.json found upward
// (unless --no-config), said on stderr since the command line did not name it.
// Null, after saying why, when the file cannot be read.
std::optional<engine::Config> loadRunConfig(const std::string& file, bool none, const engine::Registry& registry);

// The tool and its embedded catalog, as reports name them.
output::ToolInfo toolInfo();
// What --version prints: version, git commit, catalog version and date.
std::string versionText();

}  // namespace rolelint::cli
