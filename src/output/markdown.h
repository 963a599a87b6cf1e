// The Markdown summary (`--format markdown`) for $GITHUB_STEP_SUMMARY and
// pull-request comments: counts, a table of the most important findings with
// file:line links, and the rest folded in <details>. Every input-derived
// string is escaped (output/report_escape.h), so a role name or message cannot add
// markup, links or mentions. Short by design: a PR comment is cut at 65,536
// characters, so the tables are capped and nothing grows with the input.
#pragma once
#include <ostream>
#include <string>

#include "output/output.h"

namespace rolelint::output {

struct MarkdownOptions {
  // Prefix of file links: "https://github.com/OWNER/REPO/blob/SHA/" or "" for
  // links relative to the repository root. Paths are relative to srcRoot.
  std::string linkBase;
  std::string srcRoot;        // absolute working directory; files outside it get no link
  size_t topFindings = 20;    // rows of the "most important findings" table
  size_t maxSuppressed = 50;  // rows of the suppressed-findings table
};

// Options from the GitHub Actions environment: linkBase from GITHUB_SERVER_URL,
// GITHUB_REPOSITORY and GITHUB_SHA ("" when any is unset or empty), srcRoot
// from GITHUB_WORKSPACE (the repository root), else `cwd`.
MarkdownOptions markdownOptionsFromEnvironment(const std::string& cwd);

void writeMarkdown(std::ostream& out, const Report& report, const engine::Registry& registry,
                   const MarkdownOptions& options);

}  // namespace rolelint::output
