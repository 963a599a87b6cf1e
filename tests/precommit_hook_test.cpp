// .pre-commit-hooks.yaml must be a valid hook manifest for pre-commit: a YAML
// list of hooks, each with the required id, name, entry and language (strings),
// and the optional keys with the types pre-commit's manifest schema gives them
// (pre-commit, clientlib.py MANIFEST_HOOK_DICT). Each hook comes in three
// variants (system, docker, docker_image) that select the same files and run
// the same command. The system hooks are then run as pre-commit runs them on a
// scratch repository holding IAM next to files that are not IAM (issue 20).
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support.h"

namespace {

YAML::Node manifest() { return YAML::LoadFile(rolelint::test::sourceDir() + "/.pre-commit-hooks.yaml"); }

std::string opt(const YAML::Node& hook, const char* key) { return hook[key] ? hook[key].as<std::string>() : ""; }

// The rolelint arguments of a hook's entry, whatever runs the binary.
std::string commandOf(const YAML::Node& hook) {
  const std::string entry = hook["entry"].as<std::string>();
  const auto at = entry.find(" check ");
  return at == std::string::npos ? "" : entry.substr(at + 1);
}

std::string projectVersion() {
  const std::string cmake = rolelint::test::readFile(rolelint::test::sourceDir() + "/CMakeLists.txt");
  std::smatch m;
  REQUIRE(std::regex_search(cmake, m, std::regex(R"(project\(rolelint VERSION ([0-9.]+))")));
  return m[1];
}

}  // namespace

TEST_CASE("pre-commit: the hook manifest follows pre-commit's schema", "[ci]") {
  const YAML::Node doc = manifest();
  REQUIRE(doc.IsSequence());
  REQUIRE(doc.size() >= 1);
  const std::set<std::string> strings = {"id", "name", "entry", "language", "files", "exclude", "description",
                                         "language_version", "minimum_pre_commit_version"};
  const std::set<std::string> bools = {"require_serial", "pass_filenames", "always_run", "verbose"};
  const std::set<std::string> lists = {"types", "types_or", "exclude_types", "args", "stages",
                                       "additional_dependencies"};
  const std::set<std::string> languages = {"system", "script", "python", "node", "golang", "rust", "docker",
                                           "docker_image", "fail", "pygrep"};
  std::set<std::string> ids;
  for (const auto& hook : doc) {
    REQUIRE(hook.IsMap());
    for (const char* k : {"id", "name", "entry", "language"}) {
      INFO(k);
      REQUIRE(hook[k]);
      CHECK(hook[k].IsScalar());
    }
    CHECK(ids.insert(hook["id"].as<std::string>()).second);
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
  }
}

TEST_CASE("pre-commit: system, docker and docker_image variants select the same files and run the same command",
          "[ci]") {
  const YAML::Node doc = manifest();
  std::map<std::string, YAML::Node> byId;
  for (const auto& hook : doc) byId.emplace(hook["id"].as<std::string>(), static_cast<const YAML::Node&>(hook));
  const std::string image = "ghcr.io/rolelint/rolelint:v" + projectVersion();
  for (const std::string base : {"rolelint", "rolelint-terraform"}) {
    INFO(base);
    REQUIRE(byId.count(base));
    const YAML::Node sys = byId[base];
    CHECK(opt(sys, "language") == "system");
    CHECK(opt(sys, "entry").rfind("rolelint check", 0) == 0);
    for (const auto& [suffix, language, prefix] :
         {std::tuple<std::string, std::string, std::string>{"-docker", "docker", "/usr/bin/rolelint check"},
          {"-docker-image", "docker_image", image + " check"}}) {
      INFO(suffix);
      REQUIRE(byId.count(base + suffix));
      const YAML::Node v = byId[base + suffix];
      CHECK(opt(v, "language") == language);
      // docker: the image of this repository's Dockerfile, whose binary is /usr/bin/rolelint;
      // docker_image: the published image of this release, whose entrypoint is rolelint.
      CHECK(opt(v, "entry").rfind(prefix, 0) == 0);
      CHECK(commandOf(v) == commandOf(sys));
      CHECK(opt(v, "files") == opt(sys, "files"));
      CHECK(opt(v, "exclude") == opt(sys, "exclude"));
      CHECK(v["require_serial"].as<bool>() == sys["require_serial"].as<bool>());
    }
  }
  // The Dockerfile puts the binary where the docker hooks call it.
  const std::string dockerfile = rolelint::test::readFile(rolelint::test::sourceDir() + "/Dockerfile");
  CHECK(dockerfile.find("ENTRYPOINT [\"/usr/bin/rolelint\"]") != std::string::npos);

  const YAML::Node tf = byId["rolelint-terraform"];
  CHECK(tf["require_serial"].as<bool>() == true);
  const std::regex tfFiles(opt(tf, "files"), std::regex::ECMAScript);
  CHECK(std::regex_search("infra/iam/main.tf", tfFiles));
  CHECK(std::regex_search("infra/iam/terraform.tfvars", tfFiles));
  CHECK_FALSE(std::regex_search("infra/iam/policy.json", tfFiles));
  const YAML::Node js = byId["rolelint"];
  const std::regex files(opt(js, "files"), std::regex::ECMAScript), exclude(opt(js, "exclude"), std::regex::ECMAScript);
  CHECK(std::regex_search("roles/mediaconvert/role.json", files));
  CHECK(std::regex_search("templates/stack.yaml", files));
  CHECK(std::regex_search("templates/stack.template", files));
  CHECK_FALSE(std::regex_search("README.md", files));
  CHECK(std::regex_search("web/package.json", exclude));
  CHECK(std::regex_search("cdk.json", exclude));
  CHECK_FALSE(std::regex_search("roles/role.json", exclude));
}

namespace {

// A repository as teams have them: IAM with one planted error each (a role
// bundle's policy, a CloudFormation template, a Terraform module) beside files
// that are not IAM.
std::string scratchRepository() {
  using rolelint::test::writeFile;
  const std::string dir = rolelint::test::tempDir("precommit-scratch");
  writeFile(dir + "/roles/media/policy.json",
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::media/*"}]})");
  writeFile(dir + "/template.yaml",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
            "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
            "          - Effect: allow\n            Principal: {Service: lambda.amazonaws.com}\n"
            "            Action: sts:AssumeRole\n");
  writeFile(dir + "/infra/main.tf",
            "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = jsonencode({\n"
            "    Version = \"2012-10-17\"\n"
            "    Statement = [{ Effect = \"Allow\", Action = \"s3:PutObjekt\", Resource = \"arn:aws:s3:::media/*\" }]\n"
            "  })\n}\n");
  writeFile(dir + "/cdk.json", R"({"app": "npx ts-node bin/app.ts", "context": {}})");
  writeFile(dir + "/package.json", R"({"name": "scratch", "version": "1.0.0"})");
  writeFile(dir + "/test/fixtures/list.json", "[1, 2, 3]\n");
  writeFile(dir + "/.vscode/settings.json", R"({"editor.tabSize": 2})");
  // A vendored package with a broken policy of its own: never ours to lint.
  writeFile(dir + "/node_modules/some-lib/package.json", R"({"name": "some-lib"})");
  writeFile(dir + "/node_modules/some-lib/policy.json",
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObjekt", "Resource": "*"}]})");
  writeFile(dir + "/.gitignore", "node_modules/\n");
  return dir;
}

const std::set<std::string> kIam = {"roles/media/policy.json", "template.yaml", "infra/main.tf"};

// Files with an error or a warning, from a JSON report.
std::set<std::string> flagged(const std::string& json) {
  std::set<std::string> out;
  const auto report = nlohmann::json::parse(json);
  for (const auto& d : report["diagnostics"]) {
    if (d["severity"] == "note") continue;
    std::string f = d["file"];
    if (f.rfind("./", 0) == 0) f.erase(0, 2);
    out.insert(f);
  }
  return out;
}

}  // namespace

TEST_CASE("pre-commit: a scratch repository gives findings only on its IAM, from a directory run and each hook",
          "[ci][e2e]") {
  const std::string dir = scratchRepository();
  // Directory run.
  const auto walk = rolelint::test::runRolelint({"check", "--no-config", "--format", "json", "."}, dir);
  INFO(walk.out << walk.err);
  CHECK(walk.exitCode == 1);
  CHECK(flagged(walk.out) == kIam);
  CHECK(walk.out.find("node_modules") == std::string::npos);

  // The files pre-commit hands a hook: the repository's tracked files (git ls-files), then the
  // hook's `files` and `exclude` (Python regular expressions; these use the common subset).
  const std::string list = rolelint::test::tempDir("precommit-list") + "/files.txt";
  const std::string git = "cd '" + dir + "' && git -c core.fsmonitor=false init -q && git -c core.fsmonitor=false add -A && " +
                          "git -c core.fsmonitor=false ls-files > '" + list + "'";
  REQUIRE(std::system(git.c_str()) == 0);
  std::vector<std::string> tracked;
  {
    std::istringstream in(rolelint::test::readFile(list));
    for (std::string line; std::getline(in, line);) tracked.push_back(line);
  }
  REQUIRE(tracked.size() == 8);  // node_modules is ignored; .gitignore is tracked
  std::set<std::string> seenByHooks;
  for (const auto& hook : manifest()) {
    if (opt(hook, "language") != "system") continue;
    INFO(opt(hook, "id"));
    const std::regex files(opt(hook, "files"), std::regex::ECMAScript);
    const std::string ex = opt(hook, "exclude");
    std::vector<std::string> args;
    std::istringstream entry(commandOf(hook));
    for (std::string w; entry >> w;) args.push_back(w);
    args.insert(args.begin() + 1, {"--no-config", "--format", "json"});
    size_t n = 0;
    for (const std::string& f : tracked) {
      if (!std::regex_search(f, files)) continue;
      if (!ex.empty() && std::regex_search(f, std::regex(ex, std::regex::ECMAScript))) continue;
      args.push_back(f);
      ++n;
    }
    REQUIRE(n > 0);
    const auto run = rolelint::test::runRolelint(args, dir);
    INFO(run.out << run.err);
    CHECK(run.exitCode == 1);  // --fail-on error: the planted errors fail the commit
    const auto f = flagged(run.out);
    for (const std::string& file : f) CHECK(kIam.count(file) == 1);
    seenByHooks.insert(f.begin(), f.end());
  }
  CHECK(seenByHooks == kIam);
}
