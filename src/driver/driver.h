// The library entry point (docs/architecture.md, "The entry point"): one
// function takes the inputs and the options of a run and returns its report —
// the model of every input, the diagnostics and the coverage. `check`,
// `effective`, `simulate` and `diff` all read their inputs through it, so each
// takes what `check` takes: files, directories (walked), "-" for standard input,
// every format. The command line only parses flags and prints.
//
//   driver::Inputs in;
//   in.paths = {"examples/mediaconvert"};
//   driver::Options opt;                      // lint with every rule, no config
//   auto run = driver::run(in, std::move(opt), &registry);
//   if (!run) return fail(run.error().message);    // a bad catalog or baseline
//   for (const core::Diagnostic& d : (*run)->report.diagnostics) ...
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "engine/registry.h"
#include "input/input.h"
#include "model/model.h"
#include "output/output.h"

namespace rolelint::driver {

class Progress;

// What a run reads.
struct Inputs {
  std::vector<std::string> paths;          // files, directories (walked), "-" (standard input); none: "."
  std::optional<input::Format> format;     // read every input as this format (--input-format); none: detect
  std::optional<model::PolicyKind> kind;   // the kind of standalone policy documents (--kind)
  std::vector<std::string> varFiles;       // Terraform variable files (--var-file)
  bool strict = false;                     // files that hold no IAM are errors (RL004), not notes (RL010)
  bool gitignore = true;                   // directory walks skip what .gitignore ignores
};

// How a run goes.
struct Options {
  engine::Config config;                   // from loadConfig(), or the defaults
  std::string catalogFile;                 // --catalog: this snapshot instead of the embedded one
  engine::Selection selection;             // --select / --ignore
  std::string baseline;                    // --baseline: an earlier SARIF log whose findings are flagged
  unsigned jobs = 0;                       // threads; 0: one per core (never more than the cores)
  Progress* progress = nullptr;            // a progress line for long runs, or none
};

// The IAM catalog of a run and the AWS managed policies: embedded, or from --catalog FILE.
struct CatalogData {
  std::string text;                           // owns the bytes of a --catalog file
  std::optional<catalog::Catalog> fromFile;   // the --catalog file's catalog
  const catalog::Catalog* catalog = nullptr;  // fromFile's, the embedded one, or none in a build without
  const catalog::ManagedPolicies* managed = nullptr;
};
// The embedded catalog when `file` is empty, else the file's, which must be whole and valid.
core::Status loadCatalog(const std::string& file, CatalogData& out);

// The report of a run. Owns everything its parts point to (the model points into
// the sources, the roles into the units); neither copied nor moved.
struct Run {
  Run() = default;
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;
  ~Run();

  engine::Config config;
  CatalogData catalog;
  std::unique_ptr<input::Loader> loader;
  std::unique_ptr<model::PolicyResolver> resolver;
  std::vector<model::Unit> units;          // one per input read (policy files a role references are in the role)
  std::vector<const model::Role*> roles;   // every role of every unit, in input order
  output::Report report;                   // diagnostics (when linted), notifications, counts, coverage
  output::SourceMap sources;               // every file a finding may point into
  unsigned threads = 1;                    // threads the run used

  // The first problem that leaves a unit unreadable (syntax, encoding, not IAM,
  // too deep, a file reference that cannot be read or leaves the tree), located;
  // simulate and diff stop on it, check reports it as a finding.
  core::Status unreadable() const;
};

// The configuration of a run: `file` when given, else .rolelint.json here or in a
// parent up to the top of the git work tree (unless `none`); `used` is set to the
// file read, for the command line to say which one configures the run.
core::Result<engine::Config> loadConfig(const std::string& file, bool none, const engine::Registry& registry,
                                        std::optional<std::filesystem::path>* used = nullptr);

// Reads and builds every input, and lints it with the rules of `registry` when
// one is given (check; effective, simulate and diff want the model only). An Error
// only when the run cannot start or finish (a bad --catalog file or --baseline);
// an input that cannot be read is a notification of the report, and the others
// are still read.
core::Result<std::unique_ptr<Run>> run(const Inputs& inputs, Options options, engine::Registry* registry = nullptr);

// Keeps a run until the process exits instead of freeing it: freeing millions of
// tree nodes one by one is a third of the time of a large audit. The command
// line calls it just before exiting; reachable from a static, so leak checkers
// do not count it.
void keepUntilExit(std::unique_ptr<Run> run);

}  // namespace rolelint::driver
