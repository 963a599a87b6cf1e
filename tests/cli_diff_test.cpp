// `rolelint diff OLD NEW` on hand-checked cases (testdata/diff/<case>/old.json,
// new.json): exit code, and which actions are new or removed access.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "support.h"

namespace {

struct DiffResult {
  int exit = -1;
  std::set<std::string> added, removed;
  nlohmann::json json;
};

DiffResult diff(const std::string& name) {
  const std::string dir = "testdata/diff/" + name + "/";
  const auto run = rolelint::test::runRolelint({"diff", dir + "old.json", dir + "new.json", "--format", "json"});
  DiffResult r;
  r.exit = run.exitCode;
  INFO(run.out << run.err);
  r.json = nlohmann::json::parse(run.out);
  for (const auto& role : r.json["roles"]) {
    for (const auto& a : role["newAccess"]) r.added.insert(a["action"].get<std::string>());
    for (const auto& a : role["removedAccess"]) r.removed.insert(a["action"].get<std::string>());
  }
  return r;
}

}  // namespace

TEST_CASE("diff: a new action is new access (exit 1)", "[cli][diff]") {
  const auto r = diff("added-delete");
  CHECK(r.exit == 1);
  CHECK(r.added == std::set<std::string>{"s3:DeleteObject"});
  CHECK(r.removed.empty());
  const auto& a = r.json["roles"][0]["newAccess"][0];
  CHECK(a["resource"] == "arn:aws:s3:::media/rolelint-target");
  CHECK(a["when"] == "always");
  CHECK(a["line"].get<int>() > 0);
}

TEST_CASE("diff: the same policies give no new access (exit 0)", "[cli][diff]") {
  const auto r = diff("unchanged");
  CHECK(r.exit == 0);
  CHECK(r.added.empty());
  CHECK(r.removed.empty());
}

TEST_CASE("diff: a Deny and a boundary only remove access", "[cli][diff]") {
  auto r = diff("deny-added");
  CHECK(r.exit == 0);
  CHECK(r.added.empty());
  CHECK(r.removed == std::set<std::string>{"s3:DeleteObject"});
  r = diff("boundary-added");
  CHECK(r.exit == 0);
  CHECK(r.added.empty());
  CHECK(r.removed == std::set<std::string>{"sqs:SendMessage"});
}

TEST_CASE("diff: a removed condition, NotResource and a new bucket are new access", "[cli][diff]") {
  auto r = diff("condition-removed");
  CHECK(r.exit == 1);
  CHECK(r.added == std::set<std::string>{"s3:PutObject"});
  CHECK(r.removed.empty());  // every request OLD allowed (in vpc-1) NEW allows too
  r = diff("notresource-widened");
  CHECK(r.exit == 1);
  CHECK(r.added == std::set<std::string>{"s3:GetObject"});
  r = diff("bucket-added");
  CHECK(r.exit == 1);
  CHECK(r.added == std::set<std::string>{"s3:GetObject"});
  CHECK(r.json["roles"][0]["newAccess"][0]["resource"] == "arn:aws:s3:::backups/rolelint-target");
}

TEST_CASE("diff: a principal added to the trust policy is new access", "[cli][diff]") {
  const auto r = diff("trust-widened");
  CHECK(r.exit == 1);
  CHECK(r.added == std::set<std::string>{"sts:AssumeRole"});
  CHECK(r.json["roles"][0]["newAccess"][0]["when"].get<std::string>().find("AWS:arn:aws:iam::444455556666:root") !=
        std::string::npos);
}

TEST_CASE("diff: bad input exits 2, text and sarif formats", "[cli][diff]") {
  auto run = rolelint::test::runRolelint({"diff", "testdata/diff/added-delete/old.json", "testdata/diff/missing.json"});
  CHECK(run.exitCode == 2);
  run = rolelint::test::runRolelint({"diff", "testdata/diff/added-delete/old.json", "testdata/diff/added-delete/new.json"});
  CHECK(run.exitCode == 1);
  CHECK(run.out.find("new access:") != std::string::npos);
  CHECK(run.out.find("s3 (Write): 1 action") != std::string::npos);
  run = rolelint::test::runRolelint(
      {"diff", "testdata/diff/added-delete/old.json", "testdata/diff/added-delete/new.json", "--format", "sarif"});
  CHECK(run.exitCode == 1);
  const auto log = nlohmann::json::parse(run.out);
  const auto& res = log["runs"][0]["results"];
  REQUIRE(res.size() == 1);
  CHECK(res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "testdata/diff/added-delete/new.json");
  CHECK(res[0]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() > 1);
}
