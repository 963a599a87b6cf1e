// Registry invariants: every rule has its code file, doc page and testdata
// folder (with a failing and a passing case), and nothing is orphaned; ids and
// names follow the conventions; the doc's summary line equals the metadata.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <cstdlib>
#include <set>

#include "core/embedded.h"
#include "engine/registry.h"
#include "rules/registry.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {
const rolelint::engine::Registry& registry() {
  static rolelint::engine::Registry r = [] {
    rolelint::engine::Registry reg;
    rolelint::rules::registerAll(reg);
    return reg;
  }();
  return r;
}
fs::path src() { return fs::path(rolelint::test::sourceDir()); }
}  // namespace

TEST_CASE("registry: ids, names and metadata follow the conventions", "[registry]") {
  const std::regex id(R"(RL\d{3})"), name(R"([a-z0-9]+(-[a-z0-9]+)*)");
  std::set<std::string> names;
  REQUIRE(registry().rules().size() >= 20);
  for (const auto& r : registry().rules()) {
    const auto& m = r->meta();
    INFO(m.id);
    CHECK(std::regex_match(m.id, id));
    CHECK(std::regex_match(m.name, name));
    CHECK(names.insert(m.name).second);
    CHECK(!m.summary.empty());
    CHECK(m.summary.back() == '.');
    for (const auto& e : m.equivalents) {
      CHECK(std::regex_match(e, std::regex(R"((access-analyzer|parliament|cfn-lint|checkov|cloudsplaining|trivy):[A-Za-z0-9_]+)")));
    }
    if (m.securitySeverity) {
      CHECK(*m.securitySeverity >= 0.1);
      CHECK(*m.securitySeverity <= 10.0);
    }
    // Category follows the id range (design.md §3).
    const char digit = m.id[2];
    const std::string cat(rolelint::engine::categoryName(m.category));
    const std::map<char, std::string> ranges = {{'0', "input"},  {'1', "policy"},    {'2', "catalog"},
                                                {'3', "role"},   {'4', "trust"},     {'5', "effective"},
                                                {'6', "security"}, {'9', "tool"}};
    CHECK(ranges.at(digit) == cat);
  }
}

TEST_CASE("registry: every rule has a code file, a doc page and testdata, nothing is orphaned", "[registry]") {
  std::set<std::string> code, docs, data;
  for (const auto& e : fs::recursive_directory_iterator(src() / "rules")) {
    const std::string n = e.path().filename().string();
    if (std::regex_match(n, std::regex(R"(RL\d{3}_[a-z0-9_]+\.cpp)"))) code.insert(n.substr(0, 5));
  }
  for (const auto& e : fs::directory_iterator(src() / "docs" / "rules")) {
    const std::string n = e.path().filename().string();
    if (std::regex_match(n, std::regex(R"(RL\d{3}\.md)"))) docs.insert(n.substr(0, 5));
  }
  for (const auto& e : fs::directory_iterator(src() / "testdata" / "rules")) data.insert(e.path().filename().string());
  std::set<std::string> registered;
  for (const auto& r : registry().rules()) registered.insert(r->meta().id);
  CHECK(code == registered);
  CHECK(docs == registered);
  CHECK(data == registered);
  for (const auto& id : registered) {
    INFO(id);
    bool fail = false, pass = false;
    if (!fs::exists(src() / "testdata" / "rules" / id)) continue;
    for (const auto& c : fs::directory_iterator(src() / "testdata" / "rules" / id)) {
      const std::string n = c.path().filename().string();
      fail = fail || n.rfind("fail-", 0) == 0;
      pass = pass || n.rfind("pass-", 0) == 0;
      CHECK((n.rfind("fail-", 0) == 0 || n.rfind("pass-", 0) == 0));
    }
    CHECK(fail);
    CHECK(pass);
  }
}

TEST_CASE("registry: doc pages are embedded, titled and summarised like the metadata", "[registry]") {
  for (const auto& r : registry().rules()) {
    const auto& m = r->meta();
    INFO(m.id);
    const auto doc = rolelint::embedded::find("docs/rules/" + m.id + ".md");
    REQUIRE(doc.has_value());
    const std::string text(*doc);
    CHECK(text.rfind("# " + m.id + " " + m.name + "\n", 0) == 0);
    CHECK(text.find("\n> " + m.summary + "\n") != std::string::npos);
    for (const char* h : {"## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options",
                          "## References"}) {
      CHECK(text.find(h) != std::string::npos);
    }
    CHECK(text == rolelint::test::readFile((src() / "docs" / "rules" / (m.id + ".md")).string()));
  }
}

TEST_CASE("registry: docs/rules/README.md lists every rule as the metadata says", "[registry]") {
  const std::string path = (src() / "docs" / "rules" / "README.md").string();
  std::string doc = rolelint::test::readFile(path);
  const std::string begin = "<!-- rules:begin -->\n", end = "<!-- rules:end -->";
  const auto b = doc.find(begin), e = doc.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const auto table = rolelint::test::runRolelint({"rules", "--format", "markdown"}).out;
  if (std::getenv("ROLELINT_UPDATE_GOLDEN") != nullptr) {
    doc.replace(b + begin.size(), e - b - begin.size(), table);
    rolelint::test::writeFile(path, doc);
  }
  CHECK(doc.substr(b + begin.size(), e - b - begin.size()) == table);
}
