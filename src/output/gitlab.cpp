// GitLab Code Quality report (`--format gitlab`): a JSON array of issues, each
// with description, check_name, fingerprint, severity and location (path and
// lines.begin), the subset of the Code Climate spec GitLab reads.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
#include <cstdint>
#include <cstdio>
#include <map>

#include "output/output.h"

namespace rolelint::output {
namespace {

// 64-bit FNV-1a: a stable, dependency-free hash for fingerprints (not a security property).
uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// GitLab's scale is info, minor, major, critical, blocker; an error blocks the
// deployment it is found in (IAM rejects the policy or the role is exposed).
const char* gitlabSeverity(core::Severity s) {
  switch (s) {
    case core::Severity::Error: return "critical";
    case core::Severity::Warning: return "major";
    case core::Severity::Note: return "info";
  }
  return "info";
}

std::string relativePath(std::string p) {
  while (p.size() > 2 && p.compare(0, 2, "./") == 0) p.erase(0, 2);
  return p;
}

}  // namespace

void writeGitlab(std::ostream& out, const Report& report) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  // The fingerprint identifies a finding across runs the way --baseline does (rule,
  // file, role, policy, JSON pointer, not line numbers); a counter keeps two findings
  // that share all of these apart, as GitLab shows only one issue per fingerprint.
  std::map<std::string, int> seen;
  for (const auto& d : report.diagnostics) {
    if (!d.active()) continue;
    const std::string path = relativePath(d.location.file);
    std::string key = d.rule;
    for (const std::string_view part : {std::string_view(path), d.role.sv(), d.policy.sv(), std::string_view(d.location.pointer)}) {
      key += '\x1f';
      key += part;
    }
    const int n = seen[key]++;
    if (n > 0) key += '\x1f' + std::to_string(n);
    nlohmann::ordered_json issue;
    issue["description"] = d.rule + " " + d.name + ": " + (d.help.empty() ? d.message.str() : d.message + ". " + d.help);
    issue["check_name"] = d.rule;
    issue["fingerprint"] = hex64(fnv1a(key)) + hex64(fnv1a(key, 0x84222325cbf29ce4ull));
    issue["severity"] = gitlabSeverity(d.severity);
    nlohmann::ordered_json loc;
    loc["path"] = path.empty() ? std::string("<input>") : path;
    const auto& r = d.location.range;
    loc["lines"]["begin"] = r.begin.line > 0 ? r.begin.line : 1;
    if (r.end.line > r.begin.line) loc["lines"]["end"] = r.end.line;
    issue["location"] = std::move(loc);
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2) << "\n";
}

}  // namespace rolelint::output
