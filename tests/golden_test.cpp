// Golden tests: each case folder testdata/rules/RLnnn/<case>/ is linted with
// only its rule selected, and the full text output (file:line:col, severity,
// message, rule, source excerpt, summary) must equal expected.txt. A case named
// fail-* must produce at least one finding of its rule, pass-* none.
// ROLELINT_UPDATE_GOLDEN=1 rewrites expected.txt for review (git diff).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>

#include "support.h"

namespace fs = std::filesystem;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) {
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

struct Case {
  std::string rule;
  std::string name;
  fs::path dir;
};

std::vector<Case> allCases() {
  std::vector<Case> out;
  const fs::path root = fs::path(rolelint::test::sourceDir()) / "testdata" / "rules";
  for (const auto& r : fs::directory_iterator(root)) {
    if (!r.is_directory()) continue;
    for (const auto& c : fs::directory_iterator(r.path())) {
      if (c.is_directory()) out.push_back({r.path().filename().string(), c.path().filename().string(), c.path()});
    }
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.dir < b.dir; });
  return out;
}

}  // namespace

TEST_CASE("golden: every rule case matches expected.txt", "[golden]") {
  const bool update = std::getenv("ROLELINT_UPDATE_GOLDEN") != nullptr;
  const auto cases = allCases();
  REQUIRE(cases.size() >= 40);
  const std::regex diagLine(R"(^(.+):(\d+):(\d+): (error|warning|note): .* \[(RL\d{3}) [a-z0-9-]+\]$)");
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.rule << "/" << c.name) {
      std::vector<std::string> args = {"check", "--color", "never", "--select", c.rule};
      if (fs::exists(c.dir / ".rolelint.json")) {
        args.insert(args.end(), {"--config", ".rolelint.json"});
      } else {
        args.push_back("--no-config");
      }
      std::vector<std::string> env;
      if (fs::exists(c.dir / "env")) env = lines(readFile((c.dir / "env").string()));
      if (fs::exists(c.dir / "args")) {
        for (const auto& a : lines(readFile((c.dir / "args").string()))) args.push_back(a);
      } else {
        args.push_back(".");
      }
      const auto run = runRolelint(args, c.dir.string(), "", env);
      INFO("stderr: " << run.err);
      const fs::path expectedPath = c.dir / "expected.txt";
      if (update) rolelint::test::writeFile(expectedPath.string(), run.out);
      REQUIRE(fs::exists(expectedPath));
      CHECK(run.out == readFile(expectedPath.string()));
      // Every finding line carries a rule, a line and a column; fail cases have one of their rule.
      size_t own = 0;
      for (const auto& l : lines(run.out)) {
        std::smatch m;
        if (std::regex_match(l, m, diagLine)) {
          CHECK(std::stoi(m[2]) >= 1);
          CHECK(std::stoi(m[3]) >= 1);
          if (m[5] == c.rule) ++own;
        }
      }
      if (c.name.rfind("fail-", 0) == 0) {
        CHECK(own >= 1);
        CHECK(run.exitCode != 2);
      } else {
        REQUIRE(c.name.rfind("pass-", 0) == 0);
        CHECK(own == 0);
        CHECK(run.exitCode == 0);
      }
    }
  }
}
