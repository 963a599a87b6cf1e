// --format gitlab: GitLab's Code Quality report
// (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
// a JSON array with one issue per active finding, each with description,
// check_name, a fingerprint unique in the report, a severity from GitLab's scale
// and location.path / location.lines.begin. Compared with the same run's JSON.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support.h"

using rolelint::test::runRolelint;
using rolelint::test::tempDir;
using rolelint::test::writeFile;

TEST_CASE("gitlab: one Code Quality issue per finding, at the JSON output's file and line", "[output][gitlab]") {
  const std::vector<std::string> args = {"check", "--no-config", "examples/mediaconvert-broken"};
  auto withFormat = [&](const std::string& f) {
    auto a = args;
    a.insert(a.begin() + 1, {"--format", f});
    return runRolelint(a);
  };
  const auto json = withFormat("json");
  const auto gitlab = withFormat("gitlab");
  CHECK(gitlab.exitCode == json.exitCode);
  CHECK(gitlab.exitCode == 1);
  const auto issues = nlohmann::json::parse(gitlab.out);
  const auto diagnostics = nlohmann::json::parse(json.out)["diagnostics"];
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == diagnostics.size());
  REQUIRE(issues.size() >= 3);
  const std::map<std::string, std::string> scale = {{"error", "critical"}, {"warning", "major"}, {"note", "info"}};
  std::set<std::string> fingerprints;
  for (size_t i = 0; i < issues.size(); ++i) {
    const auto& is = issues[i];
    const auto& d = diagnostics[i];
    INFO(is.dump());
    CHECK(is["check_name"] == d["rule"]);
    CHECK(is["severity"] == scale.at(d["severity"]));
    CHECK(is["location"]["path"] == d["file"]);
    CHECK(is["location"]["lines"]["begin"] == d["line"]);
    CHECK(is["description"].get<std::string>().find(d["message"].get<std::string>()) != std::string::npos);
    const std::string fp = is["fingerprint"];
    CHECK(fp.size() == 32);
    CHECK(fingerprints.insert(fp).second);
  }
}

TEST_CASE("gitlab: fingerprints do not move with the lines above a finding, findings of ignored rules are left out",
          "[output][gitlab]") {
  const std::string dir = tempDir("gitlab");
  const std::string policy =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
      "    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"arn:aws:s3:::b/*\"}\n  ]\n}\n";
  writeFile(dir + "/p.json", policy);
  const auto before = nlohmann::json::parse(runRolelint({"check", "--no-config", "--format", "gitlab", "p.json"}, dir).out);
  writeFile(dir + "/p.json", "\n\n" + policy);
  const auto after = nlohmann::json::parse(runRolelint({"check", "--no-config", "--format", "gitlab", "p.json"}, dir).out);
  REQUIRE(before.size() == after.size());
  REQUIRE_FALSE(before.empty());
  bool found = false;
  for (size_t i = 0; i < before.size(); ++i) {
    CHECK(before[i]["fingerprint"] == after[i]["fingerprint"]);
    if (before[i]["check_name"] == "RL202") {
      found = true;
      CHECK(after[i]["location"]["lines"]["begin"] == before[i]["location"]["lines"]["begin"].get<int>() + 2);
    }
  }
  CHECK(found);
  const auto ignored =
      nlohmann::json::parse(runRolelint({"check", "--no-config", "--format", "gitlab", "--ignore", "RL202", "p.json"}, dir).out);
  for (const auto& is : ignored) CHECK(is["check_name"] != "RL202");
}
