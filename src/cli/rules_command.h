// `rolelint rules` (every rule with its metadata) and `rolelint explain RULE`
// (a rule's documentation page), design.md §4.
#pragma once
#include <string>

#include "engine/registry.h"

namespace CLI {
class App;
}

namespace rolelint::cli {

// Add the subcommands to `app` (the format and rule bound to the strings) and return them.
CLI::App* addRulesCommand(CLI::App& app, std::string& format);
CLI::App* addExplainCommand(CLI::App& app, std::string& rule);
int runRules(const std::string& format, const engine::Registry& registry);
int runExplain(const std::string& id, const engine::Registry& registry);

}  // namespace rolelint::cli
