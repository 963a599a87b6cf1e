// libFuzzer target: the whole engine with every rule (preview ones included)
// over any input format (JSON or YAML), then the text and SARIF emitters. An exception that
// escapes a rule becomes an RL904 finding; that is a bug too, so it aborts.
#include <cstdlib>
#include <sstream>

#include "catalog/catalog.h"
#include "core/embedded.h"
#include "engine/engine.h"
#include "engine/registry.h"
#include "fuzz_support.h"
#include "output/output.h"
#include "rules/registry.h"

namespace {

struct World {
  rolelint::engine::Registry registry;
  rolelint::engine::Config config;
  std::optional<rolelint::catalog::Catalog> catalog;
  World() {
    rolelint::rules::registerAll(registry);
    if (auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt"))
      if (auto parsed = rolelint::catalog::Catalog::parse(*text)) catalog.emplace(std::move(*parsed));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = new World();
  // JSON (with format detection) when the first byte that is not white space
  // opens an object or array; YAML otherwise.
  size_t i = 0;
  while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r')) ++i;
  const bool yaml = i < size && data[i] != '{' && data[i] != '[';
  rolelint::input::Loader loader;
  auto unit = rolelint::fuzz::build(loader, data, size, yaml ? "t.yaml" : "in.json", std::nullopt);
  rolelint::engine::Engine engine(world->registry, world->config, {}, world->catalog ? &*world->catalog : nullptr);
  std::vector<rolelint::core::Diagnostic> diags;
  engine.lintUnit(unit, diags);
  std::vector<const rolelint::model::Role*> roles;
  for (const auto& r : unit.roles) roles.push_back(&r);
  rolelint::output::Report report;
  report.diagnostics = engine.finish(roles, std::move(diags));
  for (const auto& d : report.diagnostics)
    if (d.rule == rolelint::engine::kInternalErrorRule) std::abort();  // a rule threw
  rolelint::output::SourceMap sources;
  sources.emplace(unit.file->source->path, unit.file->source);
  std::ostringstream out;
  rolelint::output::writeText(out, report, sources, true);
  rolelint::output::writeSarif(out, report, {}, world->registry, {});
  return 0;
}
