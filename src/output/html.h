// The HTML report (`--format html`): one self-contained file for audits, with
// a summary, every role (trust, effective permissions, findings), where each
// managed policy is attached, and the documentation of every rule it cites.
// Inline CSS and a small script (src/output/report/); readable with scripts
// off. The first page of findings, roles and policies is written as HTML; the
// whole data is embedded as JSON and the script renders the rest on demand, so
// a 10,000-role account stays small and opens quickly.
//
// Embedded data (each a <script type="application/json"> element):
//   rl-findings  exactly the object of `--format json` (jsonReport)
//   rl-extra     per finding of rl-findings, in order: category, services named,
//                source excerpt; and the findings not in rl-findings (suppressed,
//                or unchanged against a baseline) with their reasons
//   rl-roles     per role: trust, attached policies, effective permissions
//                ({"services": [entry], "sets": [[entry index]], "roles": [role]},
//                a role's "s" being the index of its set: shared, not repeated)
//   rl-policies  per managed policy or boundary: which roles attach it
//   rl-rules     metadata of every rule cited
// A block over 256 KB holds, instead, a JSON string: the base64 of the gzip of
// its JSON (attribute data-encoding="gzip-base64").
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "model/model.h"
#include "output/output.h"

namespace rolelint::output {

struct HtmlOptions {
  std::string title = "rolelint report";
  // The roles checked (their findings are in the report); may be empty.
  std::vector<const model::Role*> roles;
  // For effective permissions per role; null: the report says they were not computed.
  const catalog::Catalog* catalog = nullptr;
  // Threads for computing effective permissions (1 = the calling thread only).
  unsigned threads = 1;
};

void writeHtml(std::ostream& out, const Report& report, const SourceMap& sources, const ToolInfo& tool,
               const engine::Registry& registry, const HtmlOptions& options);

// A rule documentation page (Markdown, as in docs/rules/) as an HTML fragment:
// headings, paragraphs, lists, tables, code blocks and inline code. Links to
// other rule pages become in-report links (#rule-RLnnn); other links are kept
// as text with the address after it, never as a link.
std::string markdownDocToHtml(std::string_view markdown);

}  // namespace rolelint::output
