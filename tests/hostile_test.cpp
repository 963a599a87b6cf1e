// Hostile inputs (testdata/inputs/hostile/): each file is linted with the input
// rules and the output must equal its .expected file; the run never crashes and
// always ends with exit code 1 (findings), never 2 or a signal. Large inputs
// are generated here rather than committed.
#include <catch2/catch.hpp>
#include <filesystem>

#include "support.h"

namespace fs = std::filesystem;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

TEST_CASE("hostile inputs give their expected located findings", "[hostile]") {
  const fs::path dir = fs::path(rolelint::test::sourceDir()) / "testdata" / "inputs" / "hostile";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 9);
  for (const auto& f : files) {
    DYNAMIC_SECTION(f.filename().string()) {
      const std::string rel = "testdata/inputs/hostile/" + f.filename().string();
      // --strict: each file is named as IAM input, so one that holds none is an error too.
      const auto run = runRolelint({"check", "--no-config", "--strict", "--select", "RL0", "--color", "never", rel});
      CHECK(run.exitCode == 1);
      fs::path expected = f;
      expected.replace_extension(".expected");
      CHECK(run.out == readFile(expected.string()));
    }
  }
}

TEST_CASE("a 64 MB string and a 100,000-deep document do not break the run", "[hostile]") {
  const std::string dir = rolelint::test::tempDir("hostile-big");
  std::string big = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"";
  big.append(64u << 20, 'x');
  big += "\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";
  rolelint::test::writeFile(dir + "/big.json", big);
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(100000, '}');
  rolelint::test::writeFile(dir + "/deep.json", deep);
  rolelint::test::writeFile(dir + "/ok.json", "{\"Version\": \"2012-10-17\", \"Statement\": []}");
  const auto run = runRolelint({"check", "--no-config", "--select", "RL0,RL101", "--color", "never", "."}, dir);
  CHECK(run.exitCode == 1);
  CHECK_THAT(run.out, Catch::Matchers::Contains("deep.json:1:1281: error: nesting is deeper than 256 levels"));
  CHECK(run.out.find("big.json") == std::string::npos);  // valid: nothing to report
  CHECK_THAT(run.out, Catch::Matchers::EndsWith("1 error, 0 warnings, 0 notes in 3 files\n"));
  fs::remove_all(dir);
}
