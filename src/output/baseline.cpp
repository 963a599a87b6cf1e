// --baseline: compare this run with a SARIF log rolelint wrote earlier.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "output/output.h"

namespace rolelint::output {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

core::Status applyBaseline(const std::string& path, const std::string& srcRoot,
                           std::vector<core::Diagnostic>& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error{path + ": cannot read the baseline"};
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const nlohmann::json log = nlohmann::json::parse(text, nullptr, false);
  if (log.is_discarded() || !log.is_object() || !log.contains("runs") || !log["runs"].is_array())
    return core::Error{path + ": not a SARIF log (expected an object with \"runs\")"};
  std::multiset<Key> old;
  for (const auto& run : log["runs"]) {
    if (!run.is_object() || !run.contains("results") || !run["results"].is_array()) continue;
    for (const auto& r : run["results"]) {
      if (!r.is_object()) continue;
      std::string uri;
      if (r.contains("locations") && r["locations"].is_array() && !r["locations"].empty()) {
        const auto& loc = r["locations"][0];
        if (loc.contains("physicalLocation") && loc["physicalLocation"].contains("artifactLocation"))
          uri = str(loc["physicalLocation"]["artifactLocation"], "uri");
      }
      const nlohmann::json props = r.contains("properties") ? r["properties"] : nlohmann::json::object();
      old.insert({str(r, "ruleId"), uri, str(props, "role"), str(props, "policy"), str(props, "pointer")});
    }
  }
  for (core::Diagnostic& d : diagnostics) {
    const std::string uri = d.location.file.empty() ? std::string() : sarifUri(d.location.file, srcRoot);
    auto it = old.find({d.rule, uri, d.role, d.policy, d.location.pointer});
    if (it != old.end()) {
      d.baselineState = "unchanged";
      old.erase(it);  // each old result matches one finding
    } else {
      d.baselineState = "new";
    }
  }
  return core::Ok{};
}

}  // namespace rolelint::output
