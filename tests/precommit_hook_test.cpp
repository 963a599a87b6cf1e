// .pre-commit-hooks.yaml must be a valid hook manifest for pre-commit: a YAML
// list of hooks, each with the required id, name, entry and language (strings),
// and the optional keys with the types pre-commit's manifest schema gives them
// (pre-commit, clientlib.py MANIFEST_HOOK_DICT). Also checks that `entry` runs
// rolelint's check command and that `files` selects role definitions.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "support.h"

TEST_CASE("pre-commit: the hook manifest follows pre-commit's schema", "[ci]") {
  const YAML::Node doc = YAML::LoadFile(rolelint::test::sourceDir() + "/.pre-commit-hooks.yaml");
  REQUIRE(doc.IsSequence());
  REQUIRE(doc.size() >= 1);
  const std::set<std::string> strings = {"id", "name", "entry", "language", "files", "exclude", "description",
                                         "language_version", "minimum_pre_commit_version"};
  const std::set<std::string> bools = {"require_serial", "pass_filenames", "always_run", "verbose"};
  const std::set<std::string> lists = {"types", "types_or", "exclude_types", "args", "stages",
                                       "additional_dependencies"};
  const std::set<std::string> languages = {"system", "script", "python", "node", "golang", "rust", "docker",
                                           "docker_image", "fail", "pygrep"};
  for (const auto& hook : doc) {
    REQUIRE(hook.IsMap());
    for (const char* k : {"id", "name", "entry", "language"}) {
      INFO(k);
      REQUIRE(hook[k]);
      CHECK(hook[k].IsScalar());
    }
    for (const auto& kv : hook) {
      const std::string key = kv.first.as<std::string>();
      INFO(key);
      const bool known = strings.count(key) || bools.count(key) || lists.count(key);
      CHECK(known);
      if (strings.count(key)) CHECK(kv.second.IsScalar());
      if (lists.count(key)) CHECK(kv.second.IsSequence());
      if (bools.count(key)) CHECK_NOTHROW(kv.second.as<bool>());
    }
    CHECK(languages.count(hook["language"].as<std::string>()) == 1);
    CHECK(hook["language"].as<std::string>() == "system");
    CHECK(hook["entry"].as<std::string>().rfind("rolelint check", 0) == 0);
    if (hook["id"].as<std::string>() == "rolelint-terraform") {
      // One invocation with every changed .tf/.tfvars file: rolelint reads each module directory once.
      CHECK(hook["require_serial"].as<bool>() == true);
      const std::regex tf(hook["files"].as<std::string>(), std::regex::ECMAScript);
      CHECK(std::regex_search("infra/iam/main.tf", tf));
      CHECK(std::regex_search("infra/iam/terraform.tfvars", tf));
      CHECK_FALSE(std::regex_search("infra/iam/policy.json", tf));
      CHECK_FALSE(std::regex_search("README.md", tf));
      continue;
    }
    CHECK(hook["require_serial"].as<bool>() == false);
    // `files` and `exclude` are Python regular expressions; these use the common subset.
    const std::regex files(hook["files"].as<std::string>(), std::regex::ECMAScript);
    CHECK(std::regex_search("roles/mediaconvert/role.json", files));
    CHECK_FALSE(std::regex_search("README.md", files));
    const std::regex exclude(hook["exclude"].as<std::string>(), std::regex::ECMAScript);
    CHECK(std::regex_search("web/package.json", exclude));
    CHECK_FALSE(std::regex_search("roles/role.json", exclude));
  }
}
