// The GitHub Action's build-from-source path must install every package that
// CMakeLists.txt looks for (issue 20: the Action once lacked libyaml-cpp-dev and
// failed on a clean runner). The packages are read from action.yml, the
// find_package / pkg_check_modules calls from CMakeLists.txt, and each call is
// mapped to the Debian package that provides it; a call this table does not
// know fails the test, so a new dependency cannot be added without it.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support.h"

namespace {

// What CMakeLists.txt finds -> the Debian package providing it (empty: part of the toolchain).
const std::map<std::string, std::string> kProvider = {
    {"nlohmann_json", "nlohmann-json3-dev"}, {"CLI11", "libcli11-dev"}, {"PkgConfig", "pkg-config"},
    {"re2", "libre2-dev"},                   {"Threads", ""},           {"yaml-cpp", "libyaml-cpp-dev"},
    {"ZLIB", "zlib1g-dev"},
};

// The packages of every `apt-get install` in a shell script (continuation lines joined).
std::set<std::string> aptPackages(std::string script) {
  script = std::regex_replace(script, std::regex("\\\\\n"), " ");
  std::set<std::string> out;
  std::istringstream lines(script);
  std::string line;
  while (std::getline(lines, line)) {
    const auto at = line.find("apt-get install");
    if (at == std::string::npos) continue;
    std::istringstream words(line.substr(at + 15));
    std::string w;
    while (words >> w) {
      if (w[0] == '>' || w == "|" || w == "&&" || w == ";") break;
      if (w[0] == '-' || w[0] == '"' || w[0] == '$') continue;
      out.insert(w);
    }
  }
  return out;
}

// find_package(NAME ...) and pkg_check_modules(VAR ... MODULE) of a CMake file.
std::set<std::string> cmakeDependencies(const std::string& text) {
  std::set<std::string> out;
  const std::regex findPackage(R"(\bfind_package\(\s*([A-Za-z0-9_-]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), findPackage); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  const std::regex pkg(R"(\bpkg_check_modules\(\s*\w+\s+(?:REQUIRED\s+)?(?:IMPORTED_TARGET\s+)?([A-Za-z0-9_+-]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pkg); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

std::string installStep(const YAML::Node& action) {
  for (const auto& step : action["runs"]["steps"])
    if (step["name"] && step["name"].as<std::string>() == "Install rolelint") return step["run"].as<std::string>();
  return "";
}

}  // namespace

TEST_CASE("action: the build-from-source path installs every package CMakeLists.txt finds", "[ci]") {
  const std::string root = rolelint::test::sourceDir();
  const YAML::Node action = YAML::LoadFile(root + "/action.yml");
  const std::string step = installStep(action);
  REQUIRE_FALSE(step.empty());
  const std::set<std::string> installed = aptPackages(step);
  CHECK(installed.count("g++") == 1);
  CHECK(installed.count("cmake") == 1);
  const std::set<std::string> deps = cmakeDependencies(rolelint::test::readFile(root + "/CMakeLists.txt"));
  REQUIRE(deps.size() >= 6);
  for (const std::string& d : deps) {
    INFO("CMakeLists.txt finds " << d);
    const auto p = kProvider.find(d);
    REQUIRE(p != kProvider.end());  // a new dependency: add its Debian package here and to action.yml
    if (!p->second.empty()) CHECK(installed.count(p->second) == 1);
  }
  // tools/setup and tools/build-static install the same libraries.
  for (const char* script : {"/tools/setup", "/tools/build-static"}) {
    const std::string text = rolelint::test::readFile(root + script);
    for (const std::string& d : deps) {
      const std::string pkgName = kProvider.at(d);
      INFO(script << " and " << pkgName);
      if (!pkgName.empty()) CHECK(text.find(pkgName) != std::string::npos);
    }
  }
}

TEST_CASE("action: the package-list reader sees what a missing package looks like", "[ci]") {
  // The test above must be able to fail: a script without libyaml-cpp-dev lacks it.
  const auto pkgs = aptPackages("sudo apt-get install -y -qq g++ cmake \\\n  libre2-dev zlib1g-dev >/dev/null\n");
  CHECK(pkgs == std::set<std::string>{"g++", "cmake", "libre2-dev", "zlib1g-dev"});
  CHECK(cmakeDependencies("find_package(yaml-cpp 0.6 REQUIRED)\npkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)") ==
        std::set<std::string>{"yaml-cpp", "re2"});
}

TEST_CASE("action: a release binary is downloaded with its checksum unless a source build is asked for", "[ci]") {
  const YAML::Node action = YAML::LoadFile(rolelint::test::sourceDir() + "/action.yml");
  CHECK(action["inputs"]["build-from-source"]["default"].as<std::string>() == "false");
  const std::string step = installStep(action);
  CHECK(step.find("sha256sum --check") != std::string::npos);
  CHECK(step.find("rolelint-linux-$arch") != std::string::npos);
  // The release workflow publishes exactly those names.
  const std::string release = rolelint::test::readFile(rolelint::test::sourceDir() + "/.github/workflows/release.yml");
  for (const char* f : {"rolelint-linux-x86_64.sha256", "rolelint-linux-arm64.sha256"})
    CHECK(release.find(f) != std::string::npos);
}
