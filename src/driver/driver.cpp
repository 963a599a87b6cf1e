#include "driver/driver.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <future>
#include <iterator>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "core/task.h"
#include "driver/coverage.h"
#include "driver/embedded_data.h"
#include "driver/progress.h"
#include "input/read.h"
#include "input/terraform.h"
#include "json/reader.h"

namespace rolelint::driver {
namespace fs = std::filesystem;
namespace {

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
      tree->doc = json::read(source->text, {.borrow = true});  // the tree holds the source
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

// "-" is standard input, a directory is walked (unreadable entries go to
// `notifications`), a Terraform file stands for its module, a missing path is a notification.
std::vector<InputJob> collectInputs(std::vector<std::string> paths, std::vector<std::string>& notifications,
                                    bool gitignore) {
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
      if (!input::isTerraformModuleDir(dir)) {
        // A .tfvars file with no module beside it (envs/prod.tfvars for -var-file): the
        // loader notes that it is read only through --var-file.
        jobs.push_back({p, false, isInside(abs, cwd) ? cwd : abs});
      } else if (std::none_of(jobs.begin(), jobs.end(), [&](const InputJob& j) { return j.path == dir; })) {
        jobs.push_back({dir, false, isInside(abs, cwd) ? cwd : abs});
      }
    } else if (fs::exists(p, ec)) {
      const fs::path abs = fs::absolute(p, ec);
      jobs.push_back({p, false, isInside(abs, cwd) ? cwd : abs.parent_path()});
    } else {
      notifications.push_back(p + ": no such file or directory");
    }
  }
  return jobs;
}

// Phase 1 (parallel): read, parse and build the model of each input; what cannot
// be read becomes a notification.
void readInputs(const Inputs& inputs, const std::vector<InputJob>& jobs, unsigned threads, Progress* progress,
                Run& run) {
  model::BuildOptions buildOptions;
  buildOptions.kind = inputs.kind;
  buildOptions.resolver = run.resolver.get();
  // Fewer files than threads (one large dump, say): the roles of a file are built in parallel.
  buildOptions.threads = jobs.size() < threads ? threads : 1;
  if (progress) progress->phase(jobs.size() == 1 ? "reading " + jobs.front().path : "reading files", jobs.size());
  std::vector<std::optional<model::Unit>> built(jobs.size());
  std::vector<std::string> loadErrors(jobs.size());
  input::Loader& loader = *run.loader;
  loader.setReadThreads(buildOptions.threads);
  parallelFor(jobs.size(), threads, [&](size_t i) {
    const InputJob& j = jobs[i];
    try {
      auto f = loader.load(j.path, j.walked, j.boundary);
      if (f && inputs.kind) readAsPolicy(*f);
      if (!f) {
        loadErrors[i] = f.error().message;
        return;
      }
      built[i] = model::build(std::make_shared<const input::LoadedFile>(std::move(*f)), loader, buildOptions);
    } catch (const std::exception& ex) {
      loadErrors[i] = j.path + ": internal error while reading: " + ex.what();
    }
    if (progress) progress->step();
  });
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (built[i]) {
      run.units.push_back(std::move(*built[i]));
    } else {
      run.report.notifications.push_back(loadErrors[i]);
    }
  }
  // A policy file that a role definition references through file:// is linted
  // as part of that role, not a second time on its own.
  std::vector<fs::path> referenced = loader.referencedFiles();
  if (referenced.empty()) return;  // (no path resolved: four system calls a file, on one thread)
  std::sort(referenced.begin(), referenced.end());
  std::error_code ec;
  std::erase_if(run.units, [&](const model::Unit& u) {
    if (!u.file->foundByWalk || u.file->format != input::Format::PolicyDocument) return false;
    const fs::path canon = fs::weakly_canonical(u.file->source->path, ec);
    return std::binary_search(referenced.begin(), referenced.end(), canon);
  });
}

// The roles of every unit, and every source a finding may point into.
void collectRolesAndSources(Run& run) {
  auto addSource = [&](const std::shared_ptr<const input::Tree>& t) {
    if (t == nullptr) return;
    run.sources.emplace(t->source->path, t->source);
    // A Terraform module's files: findings name them, not the module.
    for (const auto& part : input::partsOf(*t->source)) run.sources.emplace(part.source->path, part.source);
  };
  for (const model::Unit& u : run.units) {
    run.sources.emplace(u.file->source->path, u.file->source);
    for (const auto& part : input::partsOf(*u.file->source)) run.sources.emplace(part.source->path, part.source);
    for (const model::Role& r : u.roles) {
      run.roles.push_back(&r);
      if (r.trust) addSource(r.trust->tree);
      for (const auto& p : r.inlinePolicies) addSource(p.tree);
      for (const auto& m : r.managed)
        if (m.document) addSource(m.document->tree);
      if (r.boundary && r.boundary->document) addSource(r.boundary->document->tree);
    }
  }
  if (run.config.tree) run.sources.emplace(run.config.file, run.config.tree->source);
}

// Phase 2 (parallel): the rules over each unit; the engine sorts at the end, so
// the report does not depend on the number of threads.
std::vector<core::Diagnostic> lint(const engine::Engine& engine, Run& run, Progress* progress) {
  const unsigned threads = run.threads;
  std::vector<std::vector<core::Diagnostic>> perUnit(run.units.size());
  if (run.units.size() >= threads) {
    if (progress) progress->phase("checking files", run.units.size());
    parallelFor(run.units.size(), threads, [&](size_t i) {
      engine.lintUnit(run.units[i], perUnit[i]);
      if (progress) progress->step();
    });
  } else {
    // Fewer files than threads (one large dump, say): parallel over the rules within each file.
    std::atomic<size_t> ignored{0};
    if (progress) progress->phase("checking, rules done:", run.units.size() * engine.enabledCount());
    // A file of a few roles and policies (a pre-commit run on one role) is checked on
    // this thread: starting another costs more than it saves, and each thread would
    // fill its own caches of catalog look-ups.
    constexpr size_t kSmallUnit = 8;
    for (size_t i = 0; i < run.units.size(); ++i) {
      const model::Unit& u = run.units[i];
      const unsigned t = u.roles.size() + u.policies.size() <= kSmallUnit ? 1u : threads;
      engine.lintUnit(u, perUnit[i], t, progress ? &progress->counter() : &ignored);
    }
  }
  std::vector<core::Diagnostic> diags;
  size_t total = 0;
  for (const auto& d : perUnit) total += d.size();
  if (perUnit.size() > 1) diags.reserve(total);
  for (auto& d : perUnit) core::appendMoved(diags, d);
  return diags;
}

}  // namespace

Run::~Run() = default;

core::Status loadCatalog(const std::string& file, CatalogData& out) {
  out.managed = embeddedManagedPolicies();
  if (file.empty()) {
    // The embedded catalog (checked whole by the tests, parsed lazily for speed).
    auto embedded = embeddedCatalog();
    if (!embedded) return embedded.error();
    out.catalog = *embedded;
    return core::Ok{};
  }
  {
    std::ifstream in(file, std::ios::binary);
    if (!in) return core::Error{file + ": cannot read the catalog file"};
    out.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (out.text.empty()) return core::Error{file + ": the catalog file is empty"};
  }
  // A file given on the command line must be a whole, valid catalog: an empty
  // file or a broken service section would otherwise silently turn off the
  // catalog rules or make a service "unknown".
  auto parsed = catalog::Catalog::parse(out.text);
  core::Status whole = parsed ? parsed->loadAll() : core::Status(parsed.error());
  if (!whole) return core::Error{file + ": " + whole.error().message};
  out.fromFile.emplace(std::move(*parsed));
  out.catalog = &*out.fromFile;
  return core::Ok{};
}

core::Status Run::unreadable() const {
  using PC = input::ProblemCode;
  for (const model::Unit& u : units)
    for (const auto& p : u.problems)
      if (p.code == PC::JsonSyntax || p.code == PC::Encoding || p.code == PC::UnsupportedDocument ||
          p.code == PC::TooDeep || p.code == PC::UnresolvedFile || p.code == PC::FileEscape)
        return core::Error{p.location.file + ":" + std::to_string(p.location.range.begin.line) + ":" +
                           std::to_string(p.location.range.begin.column) + ": " + p.message};
  return core::Ok{};
}

core::Result<engine::Config> loadConfig(const std::string& file, bool none, const engine::Registry& registry,
                                        std::optional<fs::path>* used) {
  std::optional<fs::path> path;
  if (!file.empty()) {
    path = file;
  } else if (!none) {
    path = engine::findConfig(fs::current_path());
    if (path && used != nullptr) *used = path;
  }
  if (!path) return engine::Config{};
  return engine::loadConfig(*path, &registry);
}

core::Result<std::unique_ptr<Run>> run(const Inputs& inputs, Options options, engine::Registry* registry) {
  auto out = std::make_unique<Run>();
  Run& r = *out;
  r.config = std::move(options.config);
  if (core::Status s = loadCatalog(options.catalogFile, r.catalog); !s) return s.error();
  r.loader = std::make_unique<input::Loader>();
  r.loader->forceFormat(inputs.format);
  r.loader->setStrict(inputs.strict);
  input::setVarFiles(inputs.varFiles);
  r.resolver = std::make_unique<Resolver>(r.config, *r.loader, r.catalog.managed);

  const std::vector<InputJob> jobs = collectInputs(inputs.paths, r.report.notifications, inputs.gitignore);
  // --jobs is clamped to the cores (and parallelFor to the work): --jobs 100000 is not 100,000 threads.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  r.threads = std::min(cores, options.jobs != 0 ? options.jobs : cores);
  readInputs(inputs, jobs, r.threads, options.progress, r);
  collectRolesAndSources(r);
  r.report.files = r.units.size();
  r.report.roles = r.roles.size();
  if (registry == nullptr) {
    r.report.statements = statementCoverage(r.units);
    return out;
  }

  engine::Engine engine(*registry, r.config, std::move(options.selection), r.catalog.catalog);
  std::vector<core::Diagnostic> found = lint(engine, r, options.progress);
  // The statement counts are worked out on a second thread while the engine sorts
  // the findings: both only read the model, and each is a serial part of an audit.
  std::future<output::Report::Coverage> coverage;
  if (r.threads > 1) coverage = core::startTask([&r] { return statementCoverage(r.units); });
  r.report.diagnostics = engine.finish(r.roles, std::move(found), r.threads);
  r.report.statements = coverage.valid() ? coverage.get() : statementCoverage(r.units);
  if (!options.baseline.empty()) {
    if (core::Status s = output::applyBaseline(options.baseline, fs::current_path().generic_string(), r.report.diagnostics);
        !s)
      return s.error();
  }
  return out;
}

void keepUntilExit(std::unique_ptr<Run> run) {
  static auto* kept = new std::vector<std::unique_ptr<Run>>();
  kept->push_back(std::move(run));
}

}  // namespace rolelint::driver
