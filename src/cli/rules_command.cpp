#include "cli/rules_command.h"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "core/embedded.h"
#include "engine/conventions.h"

namespace rolelint::cli {
namespace {

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

}  // namespace

CLI::App* addRulesCommand(CLI::App& app, std::string& format) {
  auto* rulesCmd = app.add_subcommand("rules", "List every rule with its metadata");
  rulesCmd->add_option("--format", format, "Output format (markdown: the table of docs/rules/README.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  rulesCmd->footer("Examples:\n  rolelint rules\n  rolelint rules --format json");
  return rulesCmd;
}

CLI::App* addExplainCommand(CLI::App& app, std::string& rule) {
  auto* explain = app.add_subcommand("explain", "Print a rule's documentation");
  explain->add_option("rule", rule, "Rule id (RL103) or name (invalid-effect)")->required();
  explain->footer("Examples:\n  rolelint explain RL103\n  rolelint explain invalid-effect");
  return explain;
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

}  // namespace rolelint::cli
