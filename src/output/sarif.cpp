// A small typed SARIF 2.1.0 writer on nlohmann_json (no C++ SARIF library
// exists). Columns are UTF-16 code units, declared in run.columnKind.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "output/output.h"

namespace rolelint::output {
namespace {

std::string upperFirst(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

using nlohmann::ordered_json;

constexpr const char* kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kRootBase = "SRCROOT";

// RFC 3986 percent-encoding of a path (keeps unreserved characters and '/').
std::string percentEncode(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// The doc page's "What it does" paragraph (plain text), for fullDescription.
std::string whatItDoes(std::string_view doc) {
  const auto h = doc.find("## What it does");
  if (h == std::string_view::npos) return {};
  auto start = doc.find('\n', h);
  if (start == std::string_view::npos) return {};
  while (start < doc.size() && doc[start] == '\n') ++start;
  auto end = doc.find("\n\n", start);
  std::string out(doc.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  for (char& c : out)
    if (c == '\n') c = ' ';
  // GitHub code scanning rejects a fullDescription over 1024 characters
  // (docs.github.com, "SARIF support for code scanning", reportingDescriptor):
  // keep whole sentences up to the limit (counted in bytes, which is never
  // fewer than characters); the whole page is in `help`.
  constexpr std::size_t kMax = 1024;
  if (out.size() > kMax) {
    const auto dot = out.rfind(". ", kMax - 1);
    if (dot != std::string::npos && dot > 0) {
      out.resize(dot + 1);
    } else {
      const auto space = out.rfind(' ', kMax - 4);
      out.resize(space == std::string::npos ? kMax - 4 : space);
      out += "\u2026";
    }
  }
  return out;
}

std::string levelOf(core::Severity s) {
  switch (s) {
    case core::Severity::Error: return "error";
    case core::Severity::Warning: return "warning";
    case core::Severity::Note: return "note";
  }
  return "warning";
}

// FNV-1a 64, hex: a stable fingerprint from rule, file, role, policy and pointer
// (no line numbers, so it survives edits above the finding).
std::string fingerprint(const core::Diagnostic& d) {
  uint64_t h = 1469598103934665603ULL;
  for (const std::string_view s : {d.rule.sv(), std::string_view(d.location.file), d.role.sv(), d.policy.sv(),
                                   std::string_view(d.location.pointer)}) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xFF;
    h *= 1099511628211ULL;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

struct ArtifactUri {
  std::string uri;
  bool relative = false;
};

}  // namespace

std::string sarifUri(const std::string& file, const std::string& srcRoot) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path abs = fs::weakly_canonical(fs::absolute(fs::path(file), ec), ec);
  if (!srcRoot.empty()) {
    const fs::path rel = abs.lexically_relative(fs::path(srcRoot));
    if (!rel.empty() && rel.begin()->string() != "..") return percentEncode(rel.generic_string());
  }
  return "file://" + percentEncode(abs.generic_string());
}

namespace {

ArtifactUri artifactUri(const std::string& file, const std::string& srcRoot) {
  const std::string uri = sarifUri(file, srcRoot);
  return {uri, uri.rfind("file://", 0) != 0};
}


ordered_json physical(const core::Location& loc, const std::string& srcRoot) {
  ordered_json p;
  const ArtifactUri a = artifactUri(loc.file, srcRoot);
  p["artifactLocation"] = {{"uri", a.uri}};
  if (a.relative) p["artifactLocation"]["uriBaseId"] = kRootBase;
  const auto& r = loc.range;
  if (r.begin.line > 0) {
    ordered_json region;
    region["startLine"] = r.begin.line;
    region["startColumn"] = r.begin.column;
    const bool empty = r.end.line < r.begin.line || (r.end.line == r.begin.line && r.end.column <= r.begin.column);
    region["endLine"] = empty ? r.begin.line : r.end.line;
    region["endColumn"] = empty ? r.begin.column : r.end.column;
    p["region"] = region;
  }
  return p;
}

ordered_json ruleDescriptor(const engine::RuleMeta& m) {
  ordered_json r;
  r["id"] = m.id;
  r["name"] = m.name;
  r["shortDescription"] = {{"text", m.summary}};
  const auto doc = embedded::find(engine::docPath(m.id));
  const std::string full = doc ? whatItDoes(*doc) : std::string();
  r["fullDescription"] = {{"text", full.empty() ? m.summary : full}};
  if (doc) {
    r["help"] = {{"text", std::string(*doc)}, {"markdown", std::string(*doc)}};
  }
  r["helpUri"] = engine::helpUri(m.id);
  r["defaultConfiguration"] = {{"level", levelOf(m.severity)}};
  // SARIF requires the tags to be unique (the category "security" is also the security tag).
  ordered_json tags = ordered_json::array();
  auto tag = [&](const std::string& t) {
    if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  };
  tag(std::string(engine::categoryName(m.category)));
  if (m.securitySeverity) tag("security");
  for (const auto& t : m.tags) tag(t);
  ordered_json props;
  props["tags"] = tags;
  props["precision"] = m.category == engine::Category::Input || m.category == engine::Category::Policy ? "very-high"
                                                                                                          : "high";
  if (m.securitySeverity) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", *m.securitySeverity);
    props["security-severity"] = buf;
  }
  if (!m.equivalents.empty()) props["equivalents"] = m.equivalents;
  r["properties"] = props;
  return r;
}

}  // namespace

void writeSarif(std::ostream& out, const Report& report, const ToolInfo& tool, const engine::Registry& registry,
                const SarifOptions& options) {
  ordered_json driver;
  driver["name"] = tool.name;
  driver["semanticVersion"] = tool.version;
  driver["version"] = tool.version;
  driver["informationUri"] = std::string(engine::kProjectUrl);
  ordered_json rules = ordered_json::array();
  std::map<std::string, size_t> index;
  for (const auto& r : registry.rules()) {
    index[r->meta().id] = rules.size();
    rules.push_back(ruleDescriptor(r->meta()));
  }
  driver["rules"] = rules;
  if (!tool.catalog.empty()) driver["properties"] = {{"catalogVersion", tool.catalog}};

  ordered_json results = ordered_json::array();
  for (const auto& d : report.diagnostics) {
    ordered_json res;
    res["ruleId"] = d.rule;
    if (auto it = index.find(d.rule); it != index.end()) res["ruleIndex"] = it->second;
    res["level"] = levelOf(d.severity);
    // The message's first sentence states the problem; the help follows it.
    res["message"] = {{"text", d.help.empty() ? d.message.str() : d.message + ". " + upperFirst(d.help)}};
    if (!d.location.file.empty()) {
      ordered_json loc;
      loc["physicalLocation"] = physical(d.location, options.srcRoot);
      if (!d.role.empty() || !d.location.pointer.empty()) {
        ordered_json logical;
        logical["name"] = d.location.pointer.empty() ? "/" : d.location.pointer;
        std::string fqn = d.role;
        if (!d.policy.empty()) fqn += (fqn.empty() ? "" : "/") + d.policy;
        logical["fullyQualifiedName"] = fqn + (d.location.pointer.empty() ? "" : "#" + d.location.pointer);
        logical["kind"] = "member";
        loc["logicalLocations"] = ordered_json::array({logical});
      }
      res["locations"] = ordered_json::array({loc});
    }
    if (!d.related.empty()) {
      ordered_json rel = ordered_json::array();
      int id = 1;
      for (const auto& r : d.related) {
        ordered_json l;
        l["id"] = id++;
        l["physicalLocation"] = physical(r.location, options.srcRoot);
        l["message"] = {{"text", r.message}};
        rel.push_back(l);
      }
      res["relatedLocations"] = rel;
    }
    res["partialFingerprints"] = {{"rolelintFingerprint/v1", fingerprint(d)}};
    if (!d.baselineState.empty()) res["baselineState"] = d.baselineState;
    if (d.suppressed) {
      ordered_json s = {{"kind", "external"}, {"status", "accepted"}};
      if (!d.suppressionReason.empty()) s["justification"] = d.suppressionReason;
      res["suppressions"] = ordered_json::array({s});
    }
    ordered_json props;
    props["name"] = d.name;
    if (!d.role.empty()) props["role"] = d.role;
    if (!d.policy.empty()) props["policy"] = d.policy;
    props["pointer"] = d.location.pointer;
    res["properties"] = props;
    results.push_back(std::move(res));
  }

  ordered_json invocation;
  invocation["executionSuccessful"] = report.notifications.empty();
  if (!report.notifications.empty()) {
    ordered_json notes = ordered_json::array();
    for (const auto& n : report.notifications) {
      notes.push_back({{"level", "error"}, {"message", {{"text", n}}}});
    }
    invocation["toolExecutionNotifications"] = notes;
  }

  ordered_json run;
  run["tool"] = {{"driver", driver}};
  run["invocations"] = ordered_json::array({invocation});
  // GitHub code scanning reads the id as "category/run-id" (the category is what
  // precedes the last '/'), so a category alone ends with a slash.
  if (!options.category.empty())
    run["automationDetails"] = {
        {"id", options.category.back() == '/' ? options.category : options.category + "/"}};
  if (!options.srcRoot.empty()) {
    std::string root = "file://" + percentEncode(options.srcRoot);
    if (root.back() != '/') root += '/';
    run["originalUriBaseIds"] = {{kRootBase, {{"uri", root}}}};
  }
  run["results"] = results;
  run["columnKind"] = "utf16CodeUnits";

  ordered_json log;
  log["$schema"] = kSchema;
  log["version"] = "2.1.0";
  log["runs"] = ordered_json::array({run});
  out << log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace rolelint::output
