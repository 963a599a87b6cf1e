// SARIF output: a golden log for the broken MediaConvert example (the tool
// version and the absolute source root are redacted; the rule descriptors are
// checked structurally, since doc pages change more often than results), plus
// invariants every log must keep. The full validation against the OASIS schema,
// GitHub's rules and the SARIF multitool runs in CI (tools/check-sarif).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <string>
#include <nlohmann/json.hpp>

#include "support.h"

using nlohmann::json;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

TEST_CASE("sarif: golden log for the broken MediaConvert example", "[sarif]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "sarif", "--sarif-category", "examples",
                              "examples/mediaconvert-broken"});
  REQUIRE(r.exitCode == 1);
  json log = json::parse(r.out);
  auto& run = log["runs"][0];
  auto& driver = run["tool"]["driver"];
  // Rule descriptors: ruleIndex points at the right rule; each has the fields GitHub shows.
  for (const auto& res : run["results"]) {
    const auto& rule = driver["rules"][res["ruleIndex"].get<size_t>()];
    CHECK(rule["id"] == res["ruleId"]);
  }
  for (const auto& rule : driver["rules"]) {
    for (const char* k : {"id", "name", "shortDescription", "fullDescription", "help", "helpUri",
                          "defaultConfiguration", "properties"})
      CHECK(rule.contains(k));
    CHECK(rule["help"]["markdown"].get<std::string>().rfind("# " + rule["id"].get<std::string>(), 0) == 0);
    // GitHub rejects descriptions over 1024 characters; a cut one ends a sentence.
    const std::string full = rule["fullDescription"]["text"].get<std::string>();
    INFO(rule["id"].get<std::string>());
    CHECK(full.size() <= 1024);
    CHECK_FALSE(full.empty());
  }
  CHECK(driver["rules"].size() > 140);  // every rule is described, not only those that fired
  for (const auto& rule : driver["rules"]) {
    if (rule["id"] != "RL218") continue;  // its "What it does" is longer than 1024 characters
    const std::string full = rule["fullDescription"]["text"].get<std::string>();
    CHECK(full.size() > 800);
    CHECK(full.back() == '.');
  }
  // Redact what legitimately changes: versions, the machine's path, the descriptors.
  driver["version"] = "<version>";
  driver["semanticVersion"] = "<version>";
  driver.erase("rules");
  driver.erase("properties");
  run["originalUriBaseIds"]["SRCROOT"]["uri"] = "<srcroot>";
  for (auto& res : run["results"]) res.erase("ruleIndex");
  const std::string path = rolelint::test::sourceDir() + "/testdata/output/mediaconvert-broken.sarif.json";
  const std::string actual = log.dump(2) + "\n";
  if (std::getenv("ROLELINT_UPDATE_GOLDEN") != nullptr) rolelint::test::writeFile(path, actual);
  CHECK(actual == readFile(path));
}

TEST_CASE("sarif: regions carry real columns and URIs are relative to SRCROOT", "[sarif]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "sarif", "--select", "RL103",
                              "examples/mediaconvert-broken"});
  const json log = json::parse(r.out);
  const auto& run = log["runs"][0];
  CHECK(run["columnKind"] == "utf16CodeUnits");
  REQUIRE(run["results"].size() == 1);
  const auto& loc = run["results"][0]["locations"][0];
  CHECK(loc["physicalLocation"]["artifactLocation"]["uri"] == "examples/mediaconvert-broken/role.json");
  CHECK(loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "SRCROOT");
  const auto& region = loc["physicalLocation"]["region"];
  CHECK(region["startLine"] == 28);
  CHECK(region["startColumn"] == 21);
  CHECK(region["endLine"] == 28);
  CHECK(region["endColumn"] == 28);
  CHECK(loc["logicalLocations"][0]["name"] == "/Statement/0/Effect");
  CHECK(run["results"][0]["partialFingerprints"].contains("rolelintFingerprint/v1"));
  CHECK_FALSE(run["results"][0]["partialFingerprints"].contains("primaryLocationLineHash"));
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("sarif: every rule descriptor has unique tags", "[sarif]") {
  // SARIF's schema requires unique array elements; a security rule's category is
  // also the "security" tag (the multitool reported JSON1020 for RL601-RL610).
  const auto r = runRolelint({"check", "--no-config", "--format", "sarif", "examples/mediaconvert"});
  const json log = json::parse(r.out);
  const auto& rules = log["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() > 150);
  size_t security = 0;
  for (const auto& rule : rules) {
    const auto& tags = rule["properties"]["tags"];
    std::set<std::string> unique;
    for (const auto& t : tags) unique.insert(t.get<std::string>());
    INFO(rule["id"]);
    CHECK(unique.size() == tags.size());
    if (unique.count("security") != 0) ++security;
  }
  CHECK(security >= 10);
}

TEST_CASE("sarif: --sarif-category is a category, ending in a slash", "[sarif]") {
  // GitHub reads runAutomationDetails.id as "category/run-id": the category is what
  // comes before the last slash, so a category alone must end with one.
  // https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
  for (const std::string cat : {"iam", "iam/"}) {
    const auto r = runRolelint({"check", "--no-config", "--format", "sarif", "--sarif-category", cat,
                                "examples/mediaconvert"});
    const json log = json::parse(r.out);
    CHECK(log["runs"][0]["automationDetails"]["id"] == "iam/");
  }
  const auto plain = runRolelint({"check", "--no-config", "--format", "sarif", "examples/mediaconvert"});
  CHECK_FALSE(json::parse(plain.out)["runs"][0].contains("automationDetails"));
}

TEST_CASE("sarif: unreadable inputs become tool execution notifications", "[sarif]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "sarif", "no-such-file.json", "examples/mediaconvert"});
  CHECK(r.exitCode == 2);
  const json log = json::parse(r.out);
  const auto& inv = log["runs"][0]["invocations"][0];
  CHECK(inv["executionSuccessful"] == false);
  CHECK(inv["toolExecutionNotifications"][0]["level"] == "error");
  CHECK(inv["toolExecutionNotifications"][0]["message"]["text"] == "no-such-file.json: no such file or directory");
}
