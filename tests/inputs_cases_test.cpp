// Inputs of every format (testdata/inputs/{dump,cloudformation,terraform}/): each
// file is linted with every rule and the text output must equal its .expected
// file. ROLELINT_UPDATE_GOLDEN=1 writes the expected files instead.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "support.h"

namespace fs = std::filesystem;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

TEST_CASE("inputs of every format give their expected located findings", "[inputs]") {
  const bool update = std::getenv("ROLELINT_UPDATE_GOLDEN") != nullptr;
  std::vector<std::string> files;  // relative to the source root
  for (const char* format : {"dump", "cloudformation", "terraform"}) {
    const fs::path dir = fs::path(rolelint::test::sourceDir()) / "testdata" / "inputs" / format;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() != ".expected")
        files.push_back(std::string("testdata/inputs/") + format + "/" + e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 7);
  for (const std::string& rel : files) {
    DYNAMIC_SECTION(rel) {
      const auto run = runRolelint({"check", "--no-config", "--color", "never", rel});
      CHECK(run.err.empty());
      const std::string expected = rolelint::test::sourceDir() + "/" + rel + ".expected";
      if (update) {
        rolelint::test::writeFile(expected, run.out);
      } else {
        CHECK(run.out == readFile(expected));
      }
    }
  }
}
