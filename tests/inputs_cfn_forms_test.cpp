// One role written three ways (a role bundle, a CloudFormation template with
// intrinsics, a SAM function): `effective` and `simulate` give the same answers
// (issue 15). And CDK output: a cdk.out directory is read for its templates only.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support.h"

using Catch::Matchers::Contains;
using rolelint::test::runRolelint;

namespace {

const char* kForms[] = {"testdata/inputs/same-role/bundle.json", "testdata/inputs/same-role/template.yaml",
                        "testdata/inputs/same-role/sam.yaml"};

}  // namespace

TEST_CASE("cfn forms: effective gives the same services for a bundle, a template and SAM", "[inputs][cfn]") {
  std::vector<nlohmann::json> services;
  for (const char* f : kForms) {
    const auto run = runRolelint({"effective", "--no-config", "--format", "json", f});
    INFO(f << "\n" << run.err);
    REQUIRE(run.exitCode == 0);
    const auto j = nlohmann::json::parse(run.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["unresolved"].empty());
    services.push_back(j[0]["services"]);
  }
  REQUIRE(!services[0].empty());
  bool s3 = false;
  for (const auto& s : services[0]) s3 = s3 || (s["service"] == "s3" && s["effective"].get<size_t>() == 2);
  CHECK(s3);
  CHECK(services[1] == services[0]);
  CHECK(services[2] == services[0]);
}

TEST_CASE("cfn forms: simulate decides alike for a bundle, a template and SAM", "[inputs][cfn]") {
  struct Case {
    const char* action;
    const char* resource;
    int exitCode;  // 0 allowed, 1 denied
  } cases[] = {{"s3:GetObject", "arn:aws:s3:::media/a.mp4", 0},
               {"s3:GetObject", "arn:aws:s3:::other/a.mp4", 1},
               {"s3:PutObject", "arn:aws:s3:::media/a.mp4", 1},
               {"logs:CreateLogGroup", "*", 0},
               {"sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:q", 0}};
  for (const Case& c : cases) {
    for (const char* f : kForms) {
      const auto run =
          runRolelint({"simulate", "--role", f, "--action", c.action, "--resource", c.resource, "--format", "json"});
      INFO(f << " " << c.action << " " << c.resource << "\n" << run.out << run.err);
      CHECK(run.exitCode == c.exitCode);
    }
  }
}

TEST_CASE("cfn: a grant under an intrinsic PolicyName is effective", "[inputs][cfn]") {
  const std::string dir = rolelint::test::tempDir("cfn-policyname");
  rolelint::test::writeFile(dir + "/t.yaml",
                            "Resources:\n"
                            "  R:\n"
                            "    Type: AWS::IAM::Role\n"
                            "    Properties:\n"
                            "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, "
                            "Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}\n"
                            "      Policies:\n"
                            "        - PolicyName: !Sub '${AWS::StackName}-admin'\n"
                            "          PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "
                            "'*', Resource: '*'}]}\n");
  const auto sim = runRolelint({"simulate", "--role", "t.yaml", "--action", "iam:CreateUser"}, dir);
  CHECK(sim.exitCode == 0);
  CHECK_THAT(sim.out, Contains("Allowed"));
}

TEST_CASE("cdk: cdk.out is read for its templates, manifest, tree and assets are no findings", "[inputs][cdk]") {
  const auto run = runRolelint({"check", "--no-config", "--color", "never", "--format", "json",
                                "testdata/inputs/cdk"});
  INFO(run.out << run.err);
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["summary"]["files"] == 1);
  bool createItem = false;
  for (const auto& d : j["diagnostics"]) {
    const std::string file = d["file"];
    // The template's findings, and the security notes on the AWS managed policy its role attaches.
    CHECK((file.find("AppStack.template.json") != std::string::npos || file.rfind("aws-managed:", 0) == 0));
    CHECK(d["rule"] != "RL010");
    if (d["rule"] == "RL202") {
      createItem = true;
      CHECK_THAT(d["message"].get<std::string>(),
                 Contains("dynamodb:CreateItem") && Contains("(construct AppStack/Handler/ServiceRole/DefaultPolicy/Resource)"));
      CHECK(d["role"] == "HandlerRoleD7BE8C1E");  // the policy attached through Roles: [Ref]
      CHECK(d["line"] == 21);
    }
  }
  CHECK(createItem);
}

TEST_CASE("coverage: the summaries count statements analysed, with unknown parts, and not analysed", "[inputs][cfn]") {
  const std::string file = "testdata/rules/RL007/fail-cfn-imported-document/template.yaml";
  const auto run = runRolelint({"check", "--no-config", "--format", "json", "--select", "RL007", "--fail-on", "warning", file});
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["summary"]["statements"]["analysed"] == 1);          // the trust statement
  CHECK(j["summary"]["statements"]["withUnknownParts"] == 1);  // Resource: !Sub … ${Bucket}
  CHECK(j["summary"]["statements"]["notAnalysed"] == 1);       // PolicyDocument: !ImportValue
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["line"] == 16);
  CHECK(run.exitCode == 0);  // the note does not fail a --fail-on warning run
  const auto text = runRolelint({"check", "--no-config", "--color", "never", "--select", "RL007", file});
  CHECK_THAT(text.out, Contains("statements: 1 analysed, 1 analysed with values known only at deployment, 1 policy "
                                "not analysed (RL007)"));
  // Plain policies: the line is not printed, the JSON counts are.
  const auto plain = runRolelint({"check", "--no-config", "--color", "never", "examples/mediaconvert"});
  CHECK_THAT(plain.out, !Contains("statements:"));
}

namespace {

nlohmann::json checkJson(const std::string& file, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"check", "--no-config", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(file);
  return nlohmann::json::parse(runRolelint(args).out);
}

std::vector<nlohmann::json> findings(const nlohmann::json& j, const std::string& rule) {
  std::vector<nlohmann::json> out;
  for (const auto& d : j["diagnostics"])
    if (d["rule"] == rule) out.push_back(d);
  return out;
}

}  // namespace

TEST_CASE("cfn: mistakes reachable only through intrinsics are found at their lines", "[inputs][cfn]") {
  const auto j = checkJson("testdata/inputs/cloudformation/evaluated.yaml");
  std::map<int, std::string> rl202;  // line -> message
  for (const auto& d : findings(j, "RL202")) rl202[d["line"].get<int>()] = d["message"];
  CHECK(rl202.count(43) == 1);  // logs:DescriptLogStreams beside a Resource: !Sub
  CHECK(rl202.count(46) == 1);  // dynamodb:CreateItem beside Resource: [!Sub …]
  REQUIRE(rl202.count(52) == 1);  // s3:GetObjekt in an Fn::If branch
  CHECK_THAT(rl202[52], Contains("(only when condition IsProd is true)"));
  CHECK(rl202.count(65) == 1);  // sqs:SendMesage: the Default of ExtraAction, at the !Ref that uses it
  // s3:PutObjekt through Fn::Select of Fn::Split: one finding, at the Select.
  bool select = false;
  for (const auto& [line, msg] : rl202) select = select || msg.find("s3:PutObjekt") != std::string::npos;
  CHECK(select);
  // Nothing reported on the unknown parts: the boundary from {{resolve:…}}, the
  // ec2.${AWS::URLSuffix} principal, !Ref tag values, the account in ARNs.
  for (const char* silent : {"RL001", "RL121", "RL132", "RL216", "RL301", "RL310", "RL317", "RL319", "RL402", "RL403"})
    CHECK(findings(j, silent).empty());
  const auto clean = checkJson("testdata/inputs/cloudformation/evaluated-clean.yaml");
  for (const auto& d : clean["diagnostics"]) CHECK(d["severity"] == "note");
}

TEST_CASE("cfn: resource Conditions and the optional OIDC provider", "[inputs][cfn]") {
  const auto j = checkJson("testdata/inputs/cloudformation/conditions.yaml");
  // DevAppRole / ProdAppRole (IsDev, IsProd: one parameter, two values) and NewToolsRole /
  // OldToolsRole (X / !Not X) never exist together; AlwaysRole and DevAppRole do.
  const auto clash = findings(j, "RL302");
  REQUIRE(clash.size() == 1);
  CHECK(clash[0]["role"] == "app");
  CHECK(clash[0]["line"] == 97);
  CHECK_THAT(clash[0]["message"].get<std::string>(), Contains("exists only when condition IsDev is true"));
  // !If [ShouldCreate, !Ref Provider, !Ref ExistingProviderArn] with an empty Default: no empty Federated principal.
  CHECK(findings(j, "RL122").empty());
  CHECK(findings(j, "RL128").empty());
  // A finding inside a conditional resource names its condition.
  const auto typo = findings(j, "RL202");
  REQUIRE(typo.size() == 1);
  CHECK_THAT(typo[0]["message"].get<std::string>(), Contains("(only when condition IsDev is true)"));
}

TEST_CASE("cfn: a !Sub | JSON trust policy is parsed with positions inside the string", "[inputs][cfn]") {
  const auto j = checkJson("testdata/inputs/cloudformation/eks-irsa.yaml");
  const auto effect = findings(j, "RL103");
  REQUIRE(effect.size() == 1);
  CHECK(effect[0]["line"] == 16);
  CHECK(effect[0]["column"] == 25);
  CHECK(findings(j, "RL001").empty());
}

TEST_CASE("sam: functions and state machines get the role SAM generates", "[inputs][sam]") {
  const auto j = checkJson("testdata/inputs/cloudformation/sam.yaml");
  const auto service = findings(j, "RL201");
  REQUIRE(service.size() == 1);  // bedrock-runtime:InvokeModel* in ApiFunction's inline statement
  CHECK(service[0]["line"] == 26);
  CHECK(service[0]["role"] == "ApiFunctionRole");
  std::set<std::pair<int, std::string>> actions;
  for (const auto& d : findings(j, "RL202")) actions.insert({d["line"].get<int>(), d["role"].get<std::string>()});
  CHECK(actions.count({36, "StopFunctionRole"}) == 1);  // ecs:StopTasks, Policies as one map
  CHECK(actions.count({47, "WorkflowRole"}) == 1);      // states:StartExecutoin in a state machine
  // The generated trust policy and the expanded policy templates are AWS's text: no finding
  // on them. The inline policies the user wrote without "Version" are the user's text (SAM
  // passes them through as written; Access Analyzer reports MISSING_VERSION on them too).
  CHECK(findings(j, "RL404").empty());
  std::set<int> noVersion;
  for (const auto& d : findings(j, "RL101")) noVersion.insert(d["line"].get<int>());
  CHECK(noVersion == std::set<int>{24, 34, 45});
  // GivenRoleFunction uses GivenRole: no generated role for it.
  for (const auto& d : j["diagnostics"]) CHECK(d["role"] != "GivenRoleFunctionRole");
  const auto clean = checkJson("testdata/inputs/cloudformation/sam-clean.yaml");
  for (const auto& d : clean["diagnostics"]) CHECK(d["severity"] == "note");
  CHECK(clean["summary"]["roles"] == 3);
}

TEST_CASE("yaml forms: tagged block and multi-line scalars, anchors and .template files", "[inputs][yaml]") {
  const auto j = checkJson("testdata/inputs/cloudformation/yaml-forms.template");
  CHECK(findings(j, "RL001").empty());
  std::set<int> lines;
  for (const auto& d : findings(j, "RL202")) lines.insert(d["line"].get<int>());
  CHECK(lines.count(22) == 1);  // s3:GetObjekt beside `- !Sub >` and a two-line `- !Sub`
  CHECK(lines.count(30) == 1);  // sqs:RecieveMessage in an anchored statement
}
