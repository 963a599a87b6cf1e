// Emitters: text (as compilers print it), JSON (design.md §4), SARIF 2.1.0 and
// GitHub workflow commands. Emitters know diagnostics, rule metadata and the
// source text for excerpts; nothing about how findings were made.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "engine/registry.h"
#include "input/input.h"

namespace rolelint::output {

struct ToolInfo {
  std::string name = "rolelint";
  std::string version;
  std::string catalog;  // catalog data version, "" when none
};

// Sources by display path, for excerpts and column conversion.
using SourceMap = std::map<std::string, std::shared_ptr<const input::Source>>;

struct Report {
  std::vector<core::Diagnostic> diagnostics;  // sorted; suppressed ones included, flagged
  size_t files = 0;
  size_t roles = 0;
  std::vector<std::string> notifications;  // inputs that could not be read at all
  // How much of the input was analysed: statements of the user's policies read
  // fully or with unknown parts (values known only at deployment, core/unknown.h),
  // and policies that could not be analysed at all (each an RL007 note).
  struct Coverage {
    size_t full = 0;
    size_t unknownParts = 0;
    size_t notAnalysed = 0;
  } statements;
};

struct Counts {
  size_t errors = 0, warnings = 0, notes = 0, suppressed = 0, baseline = 0;
};
Counts count(const Report& report);

void writeText(std::ostream& out, const Report& report, const SourceMap& sources, bool color);
// `threads` format the findings of a large report in parallel (the text is the same).
void writeJson(std::ostream& out, const Report& report, const ToolInfo& tool, unsigned threads = 1);
// The object writeJson prints (the HTML report embeds the same object).
nlohmann::ordered_json jsonReport(const Report& report, const ToolInfo& tool);
void writeGithub(std::ostream& out, const Report& report);
// GitLab Code Quality report: a JSON array of issues (description, check_name,
// fingerprint, severity, location.path and lines) for artifacts:reports:codequality.
void writeGitlab(std::ostream& out, const Report& report);

struct SarifOptions {
  std::string category;  // automationDetails.id
  std::string srcRoot;   // absolute path of the directory URIs are relative to (file:// URI base)
};
void writeSarif(std::ostream& out, const Report& report, const ToolInfo& tool, const engine::Registry& registry,
                const SarifOptions& options);

// The artifactLocation.uri rolelint writes for `file`: relative to srcRoot and
// percent-encoded when the file is below it, else an absolute file:// URI.
std::string sarifUri(const std::string& file, const std::string& srcRoot);

// --baseline OLD.sarif: marks each diagnostic "new" or "unchanged". A finding is
// unchanged when the old log has a result with the same rule, file, role, policy
// and JSON pointer (not line numbers, so edits above a finding keep it old).
// An error when the file is not a SARIF log rolelint can read.
core::Status applyBaseline(const std::string& path, const std::string& srcRoot,
                           std::vector<core::Diagnostic>& diagnostics);

}  // namespace rolelint::output
