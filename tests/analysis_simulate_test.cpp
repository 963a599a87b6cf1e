// `rolelint simulate` through its library entry points (cli/simulate.h): one
// request from options, and --batch JSON Lines.
#include <catch2/catch.hpp>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/simulate.h"
#include "support.h"

namespace {

using rolelint::cli::SimulateOptions;

struct Out {
  int rc;
  std::string out, err;
};

Out sim(const SimulateOptions& o, const std::string& stdinText = "") {
  std::istringstream in(stdinText);
  std::ostringstream out, err;
  int rc = rolelint::cli::runSimulate(o, in, out, err);
  return {rc, out.str(), err.str()};
}

std::string fixtures() {
  const std::string dir = rolelint::test::tempDir("simulate");
  rolelint::test::writeFile(dir + "/id.json",
                            "{\n"
                            "  \"Version\": \"2012-10-17\",\n"
                            "  \"Statement\": [\n"
                            "    {\"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"iam:*\"], \"Resource\": \"*\"},\n"
                            "    {\"Effect\": \"Deny\", \"Action\": \"s3:DeleteBucket\", \"Resource\": \"*\"}\n"
                            "  ]\n"
                            "}\n");
  rolelint::test::writeFile(dir + "/pb.json",
                            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", "
                            "\"Resource\": \"*\"}]}\n");
  rolelint::test::writeFile(
      dir + "/role.json",
      R"({"RoleName": "media",
 "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "mediaconvert.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
 "Policies": [{"PolicyName": "s3", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}],
 "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
 "PermissionsBoundary": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}
)");
  return dir;
}

}  // namespace

TEST_CASE("simulate: one request from policy files", "[analysis][simulate]") {
  const auto dir = fixtures();
  SimulateOptions o;
  o.identity = {dir + "/id.json"};
  o.boundary = dir + "/pb.json";

  o.action = "s3:GetObject";
  o.resource = "arn:aws:s3:::b/k";
  auto r = sim(o);
  CHECK(r.rc == 0);
  CHECK(r.out.rfind("Allowed: s3:GetObject on arn:aws:s3:::b/k\n", 0) == 0);
  CHECK(r.out.find("  identity: Allowed\n  boundary: Allowed\n") != std::string::npos);
  CHECK(r.out.find(dir + "/id.json:4:5: " + dir + "/id.json statement 0 (Allow)") != std::string::npos);
  INFO(r.out);
  CHECK(r.out.find(dir + "/pb.json:1:41: boundary:" + dir + "/pb.json statement 0 (Allow)") != std::string::npos);

  o.action = "iam:CreateUser";
  r = sim(o);
  CHECK(r.rc == 1);
  CHECK(r.out.rfind("ImplicitlyDenied:", 0) == 0);
  CHECK(r.out.find("but the permissions boundary does not") != std::string::npos);

  o.action = "s3:DeleteBucket";
  o.format = "json";
  r = sim(o);
  CHECK(r.rc == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["decision"] == "ExplicitlyDenied");
  CHECK(j["identity"] == "ExplicitlyDenied");
  CHECK(j["boundary"] == "Allowed");
  REQUIRE(j["deciding"].size() == 1);
  CHECK(j["deciding"][0]["line"] == 5);
  CHECK(j["deciding"][0]["column"] == 5);
  CHECK(j["deciding"][0]["effect"] == "Deny");
}

TEST_CASE("simulate: context and role files", "[analysis][simulate]") {
  const auto dir = fixtures();
  SimulateOptions o;
  o.role = dir + "/role.json";
  o.action = "s3:PutObject";
  o.resource = "arn:aws:s3:::b/k";
  auto r = sim(o);
  INFO(r.out << r.err);
  CHECK(r.rc == 1);  // the AWS managed boundary AmazonS3ReadOnlyAccess does not allow writes
  CHECK(r.out.find("  identity: Allowed\n  boundary: ImplicitlyDenied\n") != std::string::npos);
  o.action = "s3:GetObject";
  r = sim(o);
  CHECK(r.rc == 0);

  SimulateOptions bad;
  bad.identity = {dir + "/id.json"};
  CHECK(sim(bad).rc == 2);  // no --action
  bad.action = "s3:GetObject";
  bad.context = {"novalue"};
  CHECK(sim(bad).rc == 2);
  bad.context = {"aws:SourceIp=1.2.3.4", "aws:TagKeys=a", "aws:TagKeys=b"};
  CHECK(sim(bad).rc == 0);
  bad.identity = {dir + "/missing.json"};
  CHECK(sim(bad).rc == 2);
}

TEST_CASE("simulate: --batch JSON Lines", "[analysis][simulate]") {
  SimulateOptions o;
  o.batch = true;
  const std::string in =
      R"({"id": "a", "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}], "boundary": null, "request": {"principal": "arn:aws:iam::111122223333:role/r", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}})"
      "\n"
      R"({"id": "b", "identity": ["ReadOnlyAccess"], "boundary": {"name": "pb", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}}, "request": {"action": "s3:GetObject", "resource": "*"}})"
      "\n"
      "not json\n"
      "\n"
      R"({"id": "d", "identity": ["arn:aws:iam::aws:policy/NoSuchPolicy"], "request": {"action": "s3:GetObject"}})"
      "\n"
      R"({"id": 5, "identity": [{"name": "tags", "policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ec2:CreateTags\", \"Resource\": \"*\", \"Condition\": {\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}}}]}"}], "request": {"action": "ec2:CreateTags", "context": {"aws:TagKeys": ["env", "cost"]}}})"
      "\n"
      R"({"id": "f", "identity": [], "request": {"action": "s3:GetObject", "context": {"k": {"x": 1}}}})"
      "\n";
  auto r = sim(o, in);
  CHECK(r.rc == 0);
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> out;
  for (std::string l; std::getline(lines, l);) out.push_back(nlohmann::json::parse(l));
  REQUIRE(out.size() == 6);
  CHECK(out[0].dump() == R"({"boundary":null,"decision":"Allowed","id":"a","identity":"Allowed"})");
  CHECK(out[1]["id"] == "b");
  CHECK(out[1]["decision"] == "ExplicitlyDenied");
  CHECK(out[1]["identity"] == "Allowed");
  CHECK(out[1]["boundary"] == "ExplicitlyDenied");
  CHECK(out[2]["id"].is_null());
  CHECK(out[2]["error"].get<std::string>().rfind("malformed JSON", 0) == 0);
  CHECK(out[3]["id"] == "d");
  CHECK(out[3]["error"] == "unknown AWS managed policy `arn:aws:iam::aws:policy/NoSuchPolicy`");
  CHECK(out[4]["id"] == 5);
  CHECK(out[4]["decision"] == "ImplicitlyDenied");
  CHECK(out[5]["id"] == "f");
  CHECK(out[5].contains("error"));
  CHECK(rolelint::cli::simulateBatchLine(R"({"id": 1e999, "identity": []})") ==
        R"({"id":"1e999","error":"missing \"request\" object"})");
  CHECK(rolelint::cli::simulateBatchLine(R"({"id": "x", "identity": [{"policy": 3}], "request": {"action": "s3:GetObject"}})") ==
        R"({"id":"x","error":"identity[0]: expected a policy document, {\"name\", \"policy\"} or a managed policy name, got a number"})");
  CHECK(rolelint::cli::simulateBatchLine("[1]") == R"({"id":null,"error":"a request line must be a JSON object"})");
  // Output keeps the documented key order.
  CHECK(r.out.rfind(R"({"id":"a","decision":"Allowed","identity":"Allowed","boundary":null})", 0) == 0);
}

TEST_CASE("simulate: the CLI11 subcommand binds its options", "[analysis][simulate]") {
  CLI::App app{"t"};
  SimulateOptions o;
  auto* sub = rolelint::cli::addSimulateCommand(app, o);
  std::vector<std::string> args = {"simulate",  "--identity", "a.json",   "--identity", "b.json",
                                   "--boundary", "pb.json",   "--action", "s3:GetObject",
                                   "--resource", "arn:aws:s3:::b/k", "--context", "aws:TagKeys=a",
                                   "--context",  "aws:TagKeys=b",    "--principal", "arn:aws:iam::111122223333:role/r",
                                   "--format",   "json"};
  std::vector<const char*> argv = {"rolelint"};
  for (const auto& a : args) argv.push_back(a.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  CHECK(sub->parsed());
  CHECK(o.identity == std::vector<std::string>{"a.json", "b.json"});
  CHECK(o.boundary == "pb.json");
  CHECK(o.action == "s3:GetObject");
  CHECK(o.resource == "arn:aws:s3:::b/k");
  CHECK(o.context == std::vector<std::string>{"aws:TagKeys=a", "aws:TagKeys=b"});
  CHECK(o.principal == "arn:aws:iam::111122223333:role/r");
  CHECK(o.format == "json");
  CHECK_FALSE(o.batch);
}
