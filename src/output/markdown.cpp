#include "output/markdown.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <vector>

#include "output/report_escape.h"

namespace rolelint::output {
namespace {

std::string plural(size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// "[file:line](base + path#Lline)", or the escaped text when the file has no link.
std::string where(const core::Diagnostic& d, const MarkdownOptions& options) {
  if (d.location.file.empty()) return "rolelint";
  std::string text = d.location.file;
  if (d.location.range.begin.line > 0) text += ":" + std::to_string(d.location.range.begin.line);
  // Only files of the working tree get a link (not aws-managed: documents or files outside it).
  const bool inTree = d.location.file.rfind("aws-managed:", 0) != 0 && d.location.file.rfind("<", 0) != 0;
  const std::string uri = inTree ? sarifUri(d.location.file, options.srcRoot) : std::string("file://");
  if (uri.rfind("file://", 0) == 0) return markdownEscape(text);
  std::string link = options.linkBase + uri;
  if (d.location.range.begin.line > 0) link += "#L" + std::to_string(d.location.range.begin.line);
  return "[" + markdownEscape(text) + "](" + link + ")";
}

int importance(const core::Diagnostic& d, const engine::Registry& registry) {
  const engine::Rule* r = registry.find(d.rule);
  const double security = r && r->meta().securitySeverity ? *r->meta().securitySeverity : 0.0;
  return static_cast<int>(d.severity) * 1000 + static_cast<int>(security * 10);
}

}  // namespace

MarkdownOptions markdownOptionsFromEnvironment(const std::string& cwd) {
  MarkdownOptions o;
  const std::string server = env("GITHUB_SERVER_URL"), repo = env("GITHUB_REPOSITORY"), sha = env("GITHUB_SHA");
  if (!server.empty() && !repo.empty() && !sha.empty()) o.linkBase = server + "/" + repo + "/blob/" + sha + "/";
  const std::string workspace = env("GITHUB_WORKSPACE");
  o.srcRoot = workspace.empty() ? cwd : workspace;
  return o;
}

void writeMarkdown(std::ostream& out, const Report& report, const engine::Registry& registry,
                   const MarkdownOptions& options) {
  const Counts c = count(report);
  const size_t total = c.errors + c.warnings + c.notes;
  out << "### rolelint: ";
  if (total == 0) {
    out << "no findings";
  } else {
    out << plural(c.errors, "error") << ", " << plural(c.warnings, "warning") << ", " << plural(c.notes, "note");
  }
  out << "\n\n";
  out << plural(report.files, "file") << ", " << plural(report.roles, "role") << " checked";
  if (c.suppressed > 0) out << "; " << c.suppressed << " suppressed";
  if (c.baseline > 0) out << "; " << c.baseline << " unchanged since the baseline";
  out << ".\n\n";
  if (!report.notifications.empty()) {
    out << "**Could not be read:**\n\n";
    for (const auto& n : report.notifications) out << "- " << markdownEscape(n) << "\n";
    out << "\n";
  }

  std::vector<const core::Diagnostic*> active, suppressed;
  for (const auto& d : report.diagnostics) {
    if (d.active()) active.push_back(&d);
    if (d.suppressed) suppressed.push_back(&d);
  }
  if (!active.empty()) {
    std::vector<const core::Diagnostic*> top = active;
    std::stable_sort(top.begin(), top.end(), [&](const core::Diagnostic* a, const core::Diagnostic* b) {
      return importance(*a, registry) > importance(*b, registry);
    });
    const size_t shown = std::min(top.size(), options.topFindings);
    out << (shown < top.size() ? "The " + std::to_string(shown) + " most important findings of " + std::to_string(top.size())
                               : std::string("Findings"))
        << ":\n\n";
    out << "| Severity | Rule | Finding | Where |\n|---|---|---|---|\n";
    for (size_t i = 0; i < shown; ++i) {
      const core::Diagnostic& d = *top[i];
      out << "| " << core::toString(d.severity) << " | `" << d.rule << "` " << markdownEscape(d.name) << " | "
          << markdownEscape(d.message);
      if (!d.help.empty()) out << "<br>help: " << markdownEscape(d.help);
      out << " | " << where(d, options);
      if (!d.role.empty()) out << "<br>role " << markdownEscape(d.role);
      out << " |\n";
    }
    out << "\n";

    // Counts by rule, folded.
    std::map<std::string, std::pair<size_t, const core::Diagnostic*>> byRule;
    for (const auto* d : active) {
      auto& e = byRule[d->rule];
      if (e.first++ == 0) e.second = d;
    }
    out << "<details><summary>Findings by rule (" << plural(byRule.size(), "rule") << ")</summary>\n\n";
    out << "| Rule | Name | Summary | Findings |\n|---|---|---|---:|\n";
    for (const auto& [id, e] : byRule) {
      const engine::Rule* r = registry.find(id);
      out << "| `" << id << "` | " << markdownEscape(e.second->name) << " | "
          << (r ? markdownEscape(r->meta().summary) : std::string()) << " | " << e.first << " |\n";
    }
    out << "\n</details>\n\n";
  }
  if (!suppressed.empty()) {
    const size_t shown = std::min(suppressed.size(), options.maxSuppressed);
    out << "<details><summary>Suppressed findings (" << suppressed.size() << ")</summary>\n\n";
    out << "| Rule | Finding | Where | Reason |\n|---|---|---|---|\n";
    for (size_t i = 0; i < shown; ++i) {
      const core::Diagnostic& d = *suppressed[i];
      out << "| `" << d.rule << "` | " << markdownEscape(d.message) << " | " << where(d, options) << " | "
          << markdownEscape(d.suppressionReason.empty() ? "(no reason given)" : d.suppressionReason) << " |\n";
    }
    if (shown < suppressed.size()) out << "\n" << suppressed.size() - shown << " more not shown.\n";
    out << "\n</details>\n\n";
  }
  out << "<sub>rolelint: `--format sarif` for code scanning, `--format html` for the full report.</sub>\n";
}

}  // namespace rolelint::output
