// The library entry point (src/driver/driver.h): one call takes the inputs and
// options of a run and returns the model, the diagnostics and the coverage; every
// command reads its inputs through it, so each takes what check takes (issue 14,
// step 7).
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "driver/driver.h"
#include "engine/rule.h"
#include "model/model.h"
#include "rules/registry.h"
#include "support.h"

using rolelint::test::runRolelint;
using rolelint::test::sourceDir;
namespace driver = rolelint::driver;

namespace {

const rolelint::core::Diagnostic* find(const driver::Run& run, const std::string& rule, const std::string& fileEnd) {
  for (const auto& d : run.report.diagnostics) {
    const std::string& f = d.location.file;
    if (d.rule == rule && f.size() >= fileEnd.size() && f.compare(f.size() - fileEnd.size(), fileEnd.size(), fileEnd) == 0)
      return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("driver: one call reads, builds and lints files, directories and every format", "[driver]") {
  rolelint::engine::Registry registry;
  rolelint::rules::registerAll(registry);
  const std::string root = sourceDir() + "/examples/";
  driver::Inputs in;
  in.paths = {root + "mediaconvert-broken/role.json", root + "mediaconvert-cloudformation", root + "no-such-file.json",
              root + "mediaconvert-terraform-source"};
  auto result = driver::run(in, driver::Options{}, &registry);
  REQUIRE(result);
  const driver::Run& run = **result;

  // The missing path is said, and the others are still read.
  REQUIRE(run.report.notifications.size() == 1);
  CHECK(run.report.notifications[0].find("no-such-file.json: no such file or directory") != std::string::npos);
  // The bundle, the template in JSON and in YAML, the Terraform module: one role each.
  CHECK(run.units.size() == 4);
  REQUIRE(run.roles.size() == 4);
  CHECK(run.report.roles == 4);
  for (const auto* r : run.roles) CHECK(r->displayName == "MediaConvert_Default_Role");

  // Findings of each form at their place: the broken bundle's Effect "allow"
  // (role.json 28:21) and the template's (template.yaml, the boundary's Effect).
  const auto* bundle = find(run, "RL103", "mediaconvert-broken/role.json");
  REQUIRE(bundle != nullptr);
  CHECK(bundle->location.range.begin.line == 28);
  CHECK(bundle->location.range.begin.column == 21);
  const auto* yaml = find(run, "RL103", "mediaconvert-cloudformation/template.yaml");
  REQUIRE(yaml != nullptr);
  CHECK(yaml->location.range.begin.line == 47);
  CHECK(yaml->location.range.begin.column == 21);
  // Every file a finding points into is in the run's sources (the excerpts of text output).
  for (const auto& d : run.report.diagnostics) CHECK(run.sources.count(d.location.file) == 1);

  CHECK(run.report.statements.full > 0);
}

TEST_CASE("driver: coverage counts the statements with unknown parts, and drops none", "[driver]") {
  const std::string dir = rolelint::test::tempDir("driver-coverage");
  rolelint::test::writeFile(dir + "/template.yaml", R"(Parameters:
  InputBucket: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: mediaconvert.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: s3
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub "arn:${AWS::Partition}:s3:::${InputBucket}/*"
)");
  driver::Inputs in;
  in.paths = {dir};
  auto result = driver::run(in, driver::Options{});
  REQUIRE(result);
  CHECK((*result)->report.statements.full == 1);          // the trust statement
  CHECK((*result)->report.statements.unknownParts == 1);  // the bucket is a parameter
  CHECK((*result)->report.statements.notAnalysed == 0);
}

TEST_CASE("driver: without rules, the model only, and the same model", "[driver]") {
  const std::string root = sourceDir() + "/examples/";
  driver::Inputs in;
  in.paths = {root + "mediaconvert-dump"};
  auto modelOnly = driver::run(in, driver::Options{});
  REQUIRE(modelOnly);
  CHECK((*modelOnly)->report.diagnostics.empty());
  CHECK((*modelOnly)->report.notifications.empty());
  CHECK((*modelOnly)->roles.size() >= 1);
  CHECK((*modelOnly)->unreadable().ok());

  rolelint::engine::Registry registry;
  rolelint::rules::registerAll(registry);
  auto linted = driver::run(in, driver::Options{}, &registry);
  REQUIRE(linted);
  CHECK((*linted)->roles.size() == (*modelOnly)->roles.size());
  CHECK((*linted)->report.statements.full == (*modelOnly)->report.statements.full);
}

TEST_CASE("driver: a bad catalog file or baseline stops the run with an error, an unreadable input does not", "[driver]") {
  const std::string dir = rolelint::test::tempDir("driver-errors");
  rolelint::test::writeFile(dir + "/empty.txt", "");
  rolelint::test::writeFile(dir + "/bad.json", "{\"Version\": \"2012-10-17\", \"Statement\": [");
  driver::Inputs in;
  in.paths = {dir + "/bad.json"};

  driver::Options badCatalog;
  badCatalog.catalogFile = dir + "/empty.txt";
  auto r1 = driver::run(in, std::move(badCatalog));
  REQUIRE_FALSE(r1);
  CHECK(r1.error().message == dir + "/empty.txt: the catalog file is empty");

  rolelint::engine::Registry registry;
  rolelint::rules::registerAll(registry);
  driver::Options badBaseline;
  badBaseline.baseline = dir + "/missing.sarif";
  auto r2 = driver::run(in, std::move(badBaseline), &registry);
  REQUIRE_FALSE(r2);
  CHECK(r2.error().message.find("missing.sarif") != std::string::npos);

  // A syntax error is the unit's problem: a located finding for check, a located stop for simulate and diff.
  auto r3 = driver::run(in, driver::Options{}, &registry);
  REQUIRE(r3);
  REQUIRE((*r3)->report.diagnostics.size() >= 1);
  CHECK((*r3)->report.diagnostics[0].rule == "RL001");
  const auto unreadable = (*r3)->unreadable();
  REQUIRE_FALSE(unreadable.ok());
  CHECK(unreadable.error().message.rfind(dir + "/bad.json:1:", 0) == 0);
}

TEST_CASE("cli: effective, simulate and diff take the inputs check takes", "[cli][driver]") {
  // effective: a CloudFormation directory and a Terraform module, like check.
  const auto cfn = runRolelint({"effective", "--no-config", "--format", "json", "examples/mediaconvert-cloudformation"});
  CHECK(cfn.exitCode == 0);
  const auto cfnJson = nlohmann::json::parse(cfn.out);
  REQUIRE(cfnJson.size() == 2);  // template.json and template.yaml
  CHECK(cfnJson[0]["boundary"] == "MediaServicesBoundary");
  const auto tf = runRolelint({"effective", "--no-config", "--format", "json", "examples/mediaconvert-terraform-source"});
  CHECK(tf.exitCode == 0);
  const auto tfJson = nlohmann::json::parse(tf.out);
  REQUIRE(tfJson.size() == 1);
  CHECK(tfJson[0]["services"][0]["service"] == "s3");
  CHECK(tfJson[0]["services"][0]["effective"] == 5);

  // simulate: the role from a Terraform module directory, its deciding statements on the .tf lines.
  const auto sim = runRolelint({"simulate", "--role", "examples/mediaconvert-terraform-source", "--action", "s3:GetObject",
                                "--resource", "arn:aws:s3:::example-media-input/a.mp4"});
  CHECK(sim.exitCode == 0);
  CHECK(sim.out.find("Allowed: s3:GetObject") == 0);
  CHECK(sim.out.find("examples/mediaconvert-terraform-source/main.tf:26:3: inline:MediaConvertS3Access statement 0") !=
        std::string::npos);
  // ... and from a YAML template, where the broken boundary (Effect "allow") denies it.
  const auto simCfn = runRolelint({"simulate", "--role", "examples/mediaconvert-cloudformation/template.yaml", "--action",
                                   "s3:GetObject", "--resource", "arn:aws:s3:::example-media-input/a.mp4"});
  CHECK(simCfn.exitCode == 1);
  CHECK(simCfn.out.find("ImplicitlyDenied: s3:GetObject") == 0);
  // ... and from standard input: a role bundle with its policy inline.
  const std::string bundle = R"({"RoleName": "r", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement":
    [{"Effect": "Allow", "Principal": {"Service": "mediaconvert.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
    "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement":
    [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}}]})";
  const auto simIn = runRolelint({"simulate", "--role", "-", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"},
                                 "", bundle);
  CHECK(simIn.exitCode == 0);
  CHECK(simIn.out.find("Allowed: s3:GetObject on arn:aws:s3:::b/k") == 0);
  // A file:// reference that standard input cannot resolve stops it, located.
  const auto simRef = runRolelint({"simulate", "--role", "-", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"},
                                  "", rolelint::test::readFile(sourceDir() + "/examples/mediaconvert/role.json"));
  CHECK(simRef.exitCode == 2);
  CHECK(simRef.err.find(":24:25: cannot read \"file://policies/s3-access.json\"") != std::string::npos);

  // diff: NEW a directory; the new access is located in the directory's policy file.
  const auto diff = runRolelint({"diff", "examples/mediaconvert-broken/role.json", "examples/mediaconvert"});
  CHECK(diff.exitCode == 1);
  CHECK(diff.out.find("s3:GetObject on arn:aws:s3:::example-media-input/rolelint-target  "
                      "[examples/mediaconvert/policies/s3-access.json:4:5]") != std::string::npos);
  // A side that cannot be read is exit 2 with the reason, as before.
  const auto missing = runRolelint({"diff", "examples/mediaconvert", "no-such-dir"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.find("no-such-dir: no such file or directory") != std::string::npos);
}

namespace {
// Records which role each rule checks, in the order the engine calls them.
class RecordingRule final : public rolelint::engine::Rule {
 public:
  RecordingRule(std::string id, rolelint::engine::Category category, std::vector<std::string>& log)
      : Rule({.id = std::move(id), .name = "recording", .category = category, .summary = "records its calls"}), log_(log) {}
  void checkRole(const rolelint::model::Role& role, rolelint::engine::Reporter&) const override {
    log_.push_back(meta().id + " " + role.displayName);
  }

 private:
  std::vector<std::string>& log_;
};
}  // namespace

TEST_CASE("engine: security rules check the roles in a pass after the other rules", "[driver][engine]") {
  // Three roles of one dump; a role rule of another category runs through all of them
  // before the security rule sees the first (docs/security-analysis.md, "Cost").
  const std::string dir = rolelint::test::tempDir("engine-security-pass");
  nlohmann::json dump = nlohmann::json::parse(
      rolelint::test::readFile(sourceDir() + "/examples/mediaconvert-dump/account-authorization-details.json"));
  auto& roles = dump["RoleDetailList"];
  REQUIRE(roles.size() == 1);
  for (const char* name : {"SecondRole", "ThirdRole"}) {
    nlohmann::json r = roles[0];
    r["RoleName"] = name;
    r["Arn"] = "arn:aws:iam::111122223333:role/" + std::string(name);
    roles.push_back(r);
  }
  rolelint::test::writeFile(dir + "/dump.json", dump.dump(2));

  std::vector<std::string> log;
  rolelint::engine::Registry registry;
  registry.add(rolelint::engine::makeRule<RecordingRule>("RL998", rolelint::engine::Category::Security, log));
  registry.add(rolelint::engine::makeRule<RecordingRule>("RL997", rolelint::engine::Category::Role, log));
  driver::Inputs in;
  in.paths = {dir + "/dump.json"};
  driver::Options opts;
  opts.jobs = 1;
  auto run = driver::run(in, std::move(opts), &registry);
  REQUIRE(run);
  REQUIRE(log.size() == 6);
  for (size_t i = 0; i < 3; ++i) {
    INFO(log[i]);
    CHECK(log[i].rfind("RL997 ", 0) == 0);
    CHECK(log[i + 3].rfind("RL998 ", 0) == 0);
    CHECK(log[i].substr(6) == log[i + 3].substr(6));  // the same roles, in the same order
  }
}
