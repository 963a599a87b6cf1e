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

namespace {

nlohmann::json batch(const std::string& line) { return nlohmann::json::parse(rolelint::cli::simulateBatchLine(line)); }

const char* kAdmin = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";

}  // namespace

// Item 22: organisation, session and resource policies on batch lines (docs/effective.md).
TEST_CASE("simulate: --batch scp, rcp, session and resourcePolicy", "[analysis][simulate]") {
  const std::string admin = kAdmin;
  const std::string denyIam = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})";
  const std::string s3scp = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})";
  const std::string ec2scp = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]})";
  auto line = [&](const std::string& extra, const std::string& action, const std::string& more = "") {
    return R"({"id": "x", "identity": [)" + admin + "]" + extra +
           R"(, "request": {"principal": "arn:aws:sts::111122223333:assumed-role/app/s", "action": ")" + action +
           R"(", "resource": "arn:aws:s3:::b/k")" + more + "}}";
  };
  // One policy, a list of levels, a level of several policies, the AWS managed FullAWSAccess.
  auto one = batch(line(R"(, "scp": )" + denyIam, "iam:CreateUser"));
  CHECK(one["decision"] == "ExplicitlyDenied");
  CHECK(one["scp"] == "ExplicitlyDenied");
  CHECK(one["reason"] == "an SCP statement explicitly denies iam:CreateUser");
  auto levels = batch(line(R"(, "scp": ["FullAWSAccess", [)" + s3scp + ", " + ec2scp + "]]", "s3:GetObject"));
  CHECK(levels["decision"] == "Allowed");
  CHECK(levels["scp"] == "Allowed");
  auto anded = batch(line(R"(, "scp": [)" + s3scp + ", " + ec2scp + "]", "s3:GetObject"));
  CHECK(anded["decision"] == "ImplicitlyDenied");
  CHECK(anded["reason"] == "no SCP of level 2 (of 2) allows s3:GetObject");
  // Key order: the new types after boundary, then the reason.
  CHECK(rolelint::cli::simulateBatchLine(line(R"(, "scp": "FullAWSAccess")", "s3:GetObject")) ==
        R"({"id":"x","decision":"Allowed","identity":"Allowed","boundary":null,"scp":"Allowed","reason":"an identity policy allows s3:GetObject and the role has no permissions boundary; every SCP level allows it"})");

  // RCP: a Deny; RCPFullAWSAccess implied; not applied to other services.
  const std::string perimeter = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}}]})";
  auto rcp = batch(line(R"(, "rcp": )" + perimeter, "s3:GetObject"));
  CHECK(rcp["decision"] == "ExplicitlyDenied");
  CHECK(rcp["rcp"] == "ExplicitlyDenied");
  auto rcpOk = batch(line(R"(, "rcp": [)" + perimeter + "]", "s3:GetObject", R"(, "context": {"aws:PrincipalOrgID": "o-1"})"));
  CHECK(rcpOk["decision"] == "Allowed");
  auto rcpEc2 = batch(line(R"(, "rcp": )" + perimeter, "ec2:RunInstances"));
  CHECK(rcpEc2["decision"] == "Allowed");
  CHECK(rcpEc2["rcp"].is_null());
  CHECK(rcpEc2["notApplied"] == nlohmann::json::array({"RCPs do not apply to ec2 resources"}));

  // Session policy: intersects.
  auto session = batch(line(R"(, "session": )" + s3scp, "iam:CreateUser"));
  CHECK(session["decision"] == "ImplicitlyDenied");
  CHECK(session["session"] == "ImplicitlyDenied");

  // Resource policy naming the session allows past an implicit deny; cross-account needs it.
  const std::string bucket = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:sts::111122223333:assumed-role/app/s"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})";
  const std::string noS3 = R"({"id": "r", "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}], "resourcePolicy": )" + bucket +
                           R"(, "request": {"principal": "arn:aws:sts::111122223333:assumed-role/app/s", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}})";
  auto rp = batch(noS3);
  CHECK(rp["decision"] == "Allowed");
  CHECK(rp["identity"] == "ImplicitlyDenied");
  CHECK(rp["resourcePolicy"] == "Allowed");
  CHECK_FALSE(rp.contains("notModelled"));
  auto cross = batch(line(R"(, "resourcePolicy": )" + bucket, "s3:GetObject", R"(, "resourceAccount": "444455556666")"));
  CHECK(cross["decision"] == "Allowed");
  auto crossNo = batch(line(R"(, "resourcePolicy": {"Version": "2012-10-17", "Statement": []})", "s3:GetObject",
                            R"(, "resourceAccount": "444455556666")"));
  CHECK(crossNo["decision"] == "ImplicitlyDenied");
}

TEST_CASE("simulate: --batch fields not understood are errors", "[analysis][simulate]") {
  const std::string admin = kAdmin;
  CHECK(batch(R"({"id": 1, "identity": [], "scps": [], "request": {"action": "s3:GetObject"}})")["error"] ==
        "unknown field \"scps\"");
  CHECK(batch(R"({"id": 1, "identity": [], "request": {"action": "s3:GetObject", "resourceAcount": "1"}})")["error"] ==
        "unknown field \"request.resourceAcount\"");
  CHECK(batch(R"({"id": 1, "identity": [{"name": "a", "policy": )" + admin + R"(, "arn": "x"}], "request": {"action": "s3:GetObject"}})")["error"] ==
        "unknown field \"identity[0].arn\"");
  CHECK(batch(R"({"id": 1, "identity": [], "request": {"action": "s3:GetObject", "resourceAccount": "12345"}})")["error"] ==
        "request.resourceAccount must be a 12-digit account ID, got `12345`");
  CHECK(batch(R"({"id": 1, "identity": [], "scp": "ReadOnlyAccess", "request": {"action": "s3:GetObject"}})")["error"] ==
        "scp: unknown SCP `ReadOnlyAccess` (give the policy document; by name only FullAWSAccess)");
  CHECK(batch(R"({"id": 1, "identity": [], "rcp": "FullAWSAccess", "request": {"action": "s3:GetObject"}})")["error"] ==
        "rcp: unknown RCP `FullAWSAccess` (give the policy document; by name only RCPFullAWSAccess)");
  CHECK(batch(R"({"id": 1, "identity": [], "scp": [[]], "request": {"action": "s3:GetObject"}})")["error"] ==
        "scp[0]: a level with no policy allows nothing; give its policies");
  CHECK(batch(R"({"id": 1, "identity": [], "scp": [], "request": {"action": "s3:GetObject"}})")["error"] ==
        "scp: an empty list of levels (omit the field for none)");
  CHECK(batch(R"({"id": 1, "identity": [], "request": {"action": "s3:GetObjekt"}})")["error"].get<std::string>().rfind(
            "unknown action `s3:GetObjekt` (not in the IAM catalog", 0) == 0);
}

// Item 21 through the batch: decided whatever the policies say, with the reason.
TEST_CASE("simulate: --batch GetCallerIdentity and AWS managed policy writes", "[analysis][simulate]") {
  auto gci = batch(R"({"id": "g", "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}], "request": {"action": "sts:GetCallerIdentity"}})");
  CHECK(gci["decision"] == "Allowed");
  CHECK(gci["identity"] == "ExplicitlyDenied");
  CHECK(gci["reason"].get<std::string>().find("needs no permission") != std::string::npos);
  auto write = batch(R"({"id": "w", "identity": ["AdministratorAccess"], "request": {"action": "iam:CreatePolicyVersion", "resource": "arn:aws:iam::aws:policy/ReadOnlyAccess"}})");
  CHECK(write["decision"] == "ExplicitlyDenied");
  CHECK(write["identity"] == "Allowed");
  CHECK(write["reason"].get<std::string>().find("is an AWS managed policy") != std::string::npos);
}

// Item 23: a wildcard action is answered with the catalog actions it matches.
TEST_CASE("simulate: --batch wildcard actions are expanded", "[analysis][simulate]") {
  const std::string id = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetBucketPolicy", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:GetObjectAcl", "Resource": "*"}]})";
  const std::string pb = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject*", "Resource": "*"}]})";
  auto x = batch(R"({"id": "e", "identity": [)" + id + R"(], "boundary": )" + pb +
                 R"(, "request": {"action": "s3:GetO*", "resource": "arn:aws:s3:::b/k"}})");
  CHECK(x["decision"] == "Expanded");
  const auto allowed = x["allowed"].get<std::vector<std::string>>();
  CHECK(std::find(allowed.begin(), allowed.end(), "s3:GetObject") != allowed.end());
  CHECK(std::find(allowed.begin(), allowed.end(), "s3:GetObjectAcl") == allowed.end());
  CHECK(x["explicitlyDenied"] == nlohmann::json::array({"s3:GetObjectAcl"}));
  CHECK(x["boundaryBlocked"].empty());
  CHECK(rolelint::cli::simulateBatchLine(R"({"id": "e", "identity": [)" + id + R"(], "boundary": )" + pb +
                                         R"(, "request": {"action": "s3:GetBucketPol*"}})") ==
        R"({"id":"e","decision":"Expanded","allowed":[],"explicitlyDenied":[],"boundaryBlocked":["s3:GetBucketPolicy"]})");
  auto none = batch(R"({"id": "n", "identity": [], "request": {"action": "s3:Nothing*"}})");
  CHECK(none["error"].get<std::string>().rfind("request.action `s3:Nothing*` matches no action of the IAM catalog", 0) == 0);
  auto star = batch(R"({"id": "s", "identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*"}]}], "request": {"action": "*"}})");
  CHECK(star["allowed"] == nlohmann::json::array({"iam:ListRoles", "sts:GetCallerIdentity"}));
}

TEST_CASE("simulate: --scp, --rcp, --session-policy and --resource-policy files", "[analysis][simulate]") {
  const std::string dir = rolelint::test::tempDir("simulate-org");
  rolelint::test::writeFile(dir + "/id.json", kAdmin);
  rolelint::test::writeFile(dir + "/root.json", kAdmin);
  rolelint::test::writeFile(dir + "/ou.json",
                            R"([{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
                                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}])");
  rolelint::test::writeFile(dir + "/rcp.json",
                            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]})");
  rolelint::test::writeFile(dir + "/bad.json", "[1]");
  SimulateOptions o;
  o.identity = {dir + "/id.json"};
  o.scp = {dir + "/root.json", dir + "/ou.json"};
  o.action = "ec2:RunInstances";
  auto r = sim(o);
  INFO(r.out << r.err);
  CHECK(r.rc == 0);
  CHECK(r.out.find("  scp:      Allowed\n") != std::string::npos);
  o.action = "iam:CreateUser";
  r = sim(o);
  CHECK(r.rc == 1);
  CHECK(r.out.find("reason:   no SCP of level 2 (of 2) allows iam:CreateUser") != std::string::npos);
  o.action = "s3:PutObject";
  o.rcp = {dir + "/rcp.json"};
  o.format = "json";
  r = sim(o);
  CHECK(r.rc == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["rcp"] == "ExplicitlyDenied");
  CHECK(j["deciding"][0]["policy"] == "rcp:" + dir + "/rcp.json");
  o.action = "s3:Put*Acl";
  r = sim(o);
  CHECK(r.rc == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["decision"] == "Expanded");
  CHECK(j["allowed"].size() >= 2);
  o.action = "s3:GetObject";
  o.sessionPolicy = {dir + "/bad.json"};
  r = sim(o);
  CHECK(r.rc == 2);
  CHECK(r.err.find("not a policy document (a JSON object) or a list of them") != std::string::npos);
  o.sessionPolicy = {};
  o.resourceAccount = "12";
  CHECK(sim(o).rc == 2);
  o.resourceAccount = "";
  o.action = "s3:NoSuchAction";
  r = sim(o);
  CHECK(r.rc == 2);
  CHECK(r.err.find("unknown action `s3:NoSuchAction`") != std::string::npos);
}
