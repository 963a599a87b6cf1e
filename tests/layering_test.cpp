// The dependency direction of design.md §1, checked on the source: every
// `#include "layer/…"` in src/ and rules/ must name the file's own layer or one
// the data has already passed through. CMake's link graph enforces the same for
// libraries; this test also catches a header-only include against the flow.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "support.h"

namespace fs = std::filesystem;

namespace {

// Which layers each layer may include (its own is always allowed).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> m = [] {
    std::map<std::string, std::set<std::string>> a;
    a["core"] = {};
    a["json"] = {"core"};
    a["hcl"] = {"core"};
    a["catalog"] = {"core"};
    a["input"] = {"core", "json", "hcl"};
    a["model"] = {"core", "json", "hcl", "input"};
    a["analysis"] = {"core", "json", "hcl", "input", "model", "catalog"};
    // The engine's rule interface (engine/rule.h) sits below the rules; the runner above.
    a["engine"] = {"core", "json", "hcl", "input", "model", "catalog", "analysis"};
    a["rules"] = {"core", "json", "hcl", "input", "model", "catalog", "analysis", "engine"};
    a["output"] = {"core", "json", "hcl", "input", "model", "catalog", "analysis", "engine"};
    a["driver"] = {"core", "json", "hcl", "input", "model", "catalog", "analysis", "engine", "rules", "output"};
    a["cli"] = {"core", "json", "hcl", "input", "model", "catalog", "analysis", "engine", "rules", "output", "driver"};
    return a;
  }();
  return m;
}

std::string layerOf(const fs::path& rel) {
  auto it = rel.begin();
  if (it == rel.end()) return {};
  if (*it == "rules") return "rules";
  if (*it != "src") return {};
  ++it;
  return it == rel.end() ? std::string() : it->string();
}

}  // namespace

TEST_CASE("layering: no #include points up the pipeline", "[layering]") {
  const fs::path root(rolelint::test::sourceDir());
  size_t files = 0;
  std::set<std::string> seenLayers;
  for (const char* top : {"src", "rules"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / top)) {
      if (!e.is_regular_file()) continue;
      const auto ext = e.path().extension();
      if (ext != ".h" && ext != ".cpp") continue;
      const fs::path rel = e.path().lexically_relative(root);
      const std::string layer = layerOf(rel);
      INFO(rel.generic_string());
      REQUIRE(allowed().count(layer) == 1);  // a new layer needs its place in the table
      seenLayers.insert(layer);
      ++files;
      std::ifstream in(e.path());
      std::string line;
      int n = 0;
      while (std::getline(in, line)) {
        ++n;
        const auto p = line.find("#include \"");
        if (p == std::string::npos || line.find_first_not_of(" \t") != p) continue;
        const auto start = p + 10;
        const auto slash = line.find('/', start);
        const auto quote = line.find('"', start);
        if (slash == std::string::npos || quote == std::string::npos || slash > quote) continue;
        const std::string target = line.substr(start, slash - start);
        if (target == layer || allowed().count(target) == 0) continue;
        INFO("line " << n << ": " << line);
        CHECK(allowed().at(layer).count(target) == 1);
      }
    }
  }
  CHECK(files > 100);
  CHECK(seenLayers.count("rules") == 1);
  CHECK(seenLayers.count("core") == 1);
}

TEST_CASE("layering: the table rejects an include against the flow", "[layering]") {
  // The check itself: a rule may use the analysis layer, the analysis layer may not use rules or the engine.
  CHECK(allowed().at("rules").count("analysis") == 1);
  CHECK(allowed().at("analysis").count("rules") == 0);
  CHECK(allowed().at("analysis").count("engine") == 0);
  CHECK(allowed().at("core").empty());
  CHECK(allowed().at("output").count("rules") == 0);
}
