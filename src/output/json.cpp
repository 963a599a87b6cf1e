#include <nlohmann/json.hpp>

#include "output/output.h"

namespace rolelint::output {

nlohmann::ordered_json jsonReport(const Report& report, const ToolInfo& tool) {
  using nlohmann::ordered_json;
  ordered_json doc;
  doc["tool"] = {{"name", tool.name}, {"version", tool.version}, {"catalog", tool.catalog}};
  ordered_json list = ordered_json::array();
  for (const auto& d : report.diagnostics) {
    if (!d.active()) continue;
    ordered_json j;
    j["rule"] = d.rule;
    j["name"] = d.name;
    j["severity"] = core::toString(d.severity);
    j["message"] = d.message;
    if (!d.help.empty()) j["help"] = d.help;
    j["file"] = d.location.file;
    j["line"] = d.location.range.begin.line;
    j["column"] = d.location.range.begin.column;
    j["endLine"] = d.location.range.end.line;
    j["endColumn"] = d.location.range.end.column;
    j["pointer"] = d.location.pointer;
    j["role"] = d.role;
    j["policy"] = d.policy;
    if (!d.related.empty()) {
      ordered_json rel = ordered_json::array();
      for (const auto& r : d.related) {
        rel.push_back({{"file", r.location.file},
                       {"line", r.location.range.begin.line},
                       {"column", r.location.range.begin.column},
                       {"pointer", r.location.pointer},
                       {"message", r.message}});
      }
      j["related"] = rel;
    }
    list.push_back(std::move(j));
  }
  doc["diagnostics"] = std::move(list);
  const Counts c = count(report);
  doc["summary"] = {{"files", report.files},        {"roles", report.roles},     {"errors", c.errors},
                    {"warnings", c.warnings},       {"notes", c.notes},          {"suppressed", c.suppressed},
                    {"baseline", c.baseline},
                    {"unreadable", report.notifications},
                    {"statements",
                     {{"analysed", report.statements.full},
                      {"withUnknownParts", report.statements.unknownParts},
                      {"notAnalysed", report.statements.notAnalysed}}}};
  return doc;
}

void writeJson(std::ostream& out, const Report& report, const ToolInfo& tool) {
  out << jsonReport(report, tool).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace rolelint::output
