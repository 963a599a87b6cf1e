// Real inputs: the MediaConvert role with the console mistakes of
// examples/mediaconvert-broken/role.json, written as an account dump, a
// CloudFormation template (JSON and YAML) and a Terraform plan, gets the same
// findings in every format; findings point at the right line and column.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support.h"

namespace {

using rolelint::test::runRolelint;

// "RULE POINTER" per role display name, sorted (a multiset). Pointers are relative to the
// policy document, or to the role in CreateRole shape, so they agree across formats.
std::map<std::string, std::multiset<std::string>> rulesPerRole(const nlohmann::json& out) {
  std::map<std::string, std::multiset<std::string>> m;
  for (const auto& d : out["diagnostics"])
    m[d["role"].get<std::string>()].insert(d["rule"].get<std::string>() + " " + d["pointer"].get<std::string>());
  return m;
}

nlohmann::json check(const std::string& path) {
  auto run = runRolelint({"check", "--no-config", "--format", "json", path});
  INFO(path << "\n" << run.out << run.err);
  REQUIRE(run.err.empty());
  return nlohmann::json::parse(run.out);
}

std::string join(const std::multiset<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += x + " ";
  return out;
}

// The first finding of `rule` in `out`.
nlohmann::json finding(const nlohmann::json& out, const std::string& rule) {
  for (const auto& d : out["diagnostics"])
    if (d["rule"] == rule) return d;
  FAIL("no " << rule << " finding in " << out.dump(2));
  return {};
}

}  // namespace

TEST_CASE("inputs: the same role gets the same rules in every format", "[inputs]") {
  const auto bundle = rulesPerRole(check("examples/mediaconvert-broken/role.json"));
  REQUIRE(bundle.count("MediaConvert_Default_Role") == 1);
  const auto& expected = bundle.at("MediaConvert_Default_Role");
  CHECK(expected.size() >= 5);
  struct Format {
    const char* path;
    const char* lacks;  // a rule that cannot fire because the format does not carry its field
    const char* atRole; // a rule located at the role because the format has no value for the field
  };
  // RoleDetail has no MaxSessionDuration, so RL308 (ineffective MaxSessionDuration) cannot fire on a dump.
  // A Terraform boundary referenced from the plan's own aws_iam_policy has no ARN until apply, so the
  // plan carries no permissions_boundary value to point at: RL502 points at the role there.
  const Format formats[] = {
      {"examples/mediaconvert-dump/account-authorization-details.json", "RL308", ""},
      {"examples/mediaconvert-cloudformation/template.json", "", ""},
      {"examples/mediaconvert-cloudformation/template.yaml", "", ""},
      {"examples/mediaconvert-terraform/plan.json", "", "RL502"},
  };
  for (const Format& f : formats) {
    INFO(f.path);
    auto want = expected;
    if (auto it = want.lower_bound(f.lacks); *f.lacks != 0 && it != want.end() && it->rfind(f.lacks, 0) == 0)
      want.erase(it);
    if (auto it = want.lower_bound(f.atRole); *f.atRole != 0 && it != want.end() && it->rfind(f.atRole, 0) == 0) {
      want.erase(it);
      want.insert(f.atRole + std::string(" "));
    }
    const auto got = rulesPerRole(check(f.path));
    REQUIRE(got.count("MediaConvert_Default_Role") == 1);
    CHECK(join(got.at("MediaConvert_Default_Role")) == join(want));
    CHECK(got.size() == 1);
  }
}

TEST_CASE("inputs: findings point into each format's file", "[inputs]") {
  struct Case {
    const char* path;
    const char* rule;
    int line;
    int column;
  };
  // RL103: "allow" in the boundary (inside the jsonencode'd string in the plan); RL105: "NotAction" next to
  // "Action" in the inline policy; RL312: the second of two tag keys differing in case (a map key in the plan).
  const Case cases[] = {
      {"examples/mediaconvert-dump/account-authorization-details.json", "RL103", 84, 27},
      {"examples/mediaconvert-dump/account-authorization-details.json", "RL105", 32, 17},
      {"examples/mediaconvert-dump/account-authorization-details.json", "RL312", 59, 18},
      {"examples/mediaconvert-cloudformation/template.json", "RL103", 55, 25},
      {"examples/mediaconvert-cloudformation/template.json", "RL105", 30, 19},
      {"examples/mediaconvert-cloudformation/template.json", "RL312", 42, 19},
      {"examples/mediaconvert-cloudformation/template.yaml", "RL103", 47, 21},
      {"examples/mediaconvert-cloudformation/template.yaml", "RL105", 26, 17},
      {"examples/mediaconvert-cloudformation/template.yaml", "RL312", 36, 16},
      {"examples/mediaconvert-terraform/plan.json", "RL103", 18, 100},
      {"examples/mediaconvert-terraform/plan.json", "RL105", 70, 90},
      {"examples/mediaconvert-terraform/plan.json", "RL312", 44, 15},
  };
  for (const Case& c : cases) {
    INFO(c.path << " " << c.rule);
    const auto d = finding(check(c.path), c.rule);
    CHECK(d["file"] == c.path);
    CHECK(d["line"] == c.line);
    CHECK(d["column"] == c.column);
  }
}

TEST_CASE("inputs: walking reads YAML templates and leaves other YAML alone", "[inputs]") {
  const std::string dir = rolelint::test::tempDir("inputs-walk");
  rolelint::test::writeFile(dir + "/stack/template.yml",
                            "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: walked\n"
                            "      MaxSessionDuration: 60\n");
  rolelint::test::writeFile(dir + "/docker-compose.yaml", "services:\n  web:\n    image: nginx\n");
  const auto run = runRolelint({"check", "--no-config", "--color", "never", "."}, dir);
  INFO(run.out << run.err);
  CHECK(run.exitCode == 1);
  CHECK_THAT(run.out, Catch::Matchers::Contains("stack/template.yml:6:27: error: MaxSessionDuration is 60 seconds"));
  CHECK(run.out.find("docker-compose") == std::string::npos);
  CHECK_THAT(run.out, Catch::Matchers::EndsWith("in 1 file\n"));
  std::filesystem::remove_all(dir);
}
