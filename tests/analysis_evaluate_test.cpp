// The request evaluator, one table per semantic rule, each citing the AWS page
// it checks (the same abbreviations as src/analysis/evaluate.cpp).
#include <catch2/catch.hpp>

#include <filesystem>

#include "analysis/evaluate.h"
#include "core/condition_value.h"
#include "core/unknown.h"
#include "input/input.h"
#include "model/model.h"

namespace {

using rolelint::analysis::Decision;
namespace an = rolelint::analysis;

rolelint::model::PolicyDocument policy(const std::string& text, const std::string& label = "p") {
  rolelint::input::Loader loader;
  auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText(label + ".json", text, tmp, tmp);
  REQUIRE(file.tree);
  REQUIRE(file.tree->root());
  rolelint::input::Resolved r{file.tree, file.tree->root(), false};
  return rolelint::model::buildPolicy(r, rolelint::model::PolicyKind::Identity, label, "");
}

// A one-statement identity policy, Version 2012-10-17.
std::string stmt(const std::string& body, const std::string& version = "2012-10-17") {
  return R"({"Version": ")" + version + R"(", "Statement": [)" + body + "]}";
}

// An identity policy and a permissions boundary.
an::Policies withBoundary(const rolelint::model::PolicyDocument& id, const rolelint::model::PolicyDocument& pb) {
  an::Policies ps;
  ps.identity.push_back(&id);
  ps.boundary = &pb;
  return ps;
}

an::Request request(std::string action, std::string resource, an::Context ctx = {}) {
  return {"arn:aws:iam::111122223333:role/app", std::move(action), std::move(resource), std::move(ctx)};
}

Decision decide(const std::string& identityText, const an::Request& req) {
  auto p = policy(identityText);
  an::Policies ps;
  ps.identity.push_back(&p);
  return an::evaluate(ps, req).decision;
}

struct Row {
  const char* what;
  std::string policy;
  an::Request req;
  Decision expected;
};

void runRows(const std::vector<Row>& rows) {
  for (const auto& r : rows) {
    INFO(r.what);
    INFO(r.policy);
    CHECK(decide(r.policy, r.req) == r.expected);
  }
}

constexpr auto A = Decision::Allowed;
constexpr auto I = Decision::ImplicitlyDenied;
constexpr auto X = Decision::ExplicitlyDenied;

}  // namespace

// [EVAL] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
TEST_CASE("evaluate: implicit deny by default, explicit deny wins", "[analysis][evaluate]") {
  const std::string allowS3 = R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})";
  const std::string denyPut = R"({"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"})";
  runRows({
      {"nothing allows", stmt(allowS3), request("ec2:RunInstances", "*"), I},
      {"allow", stmt(allowS3), request("s3:GetObject", "arn:aws:s3:::b/k"), A},
      {"deny wins over allow", stmt(allowS3 + "," + denyPut), request("s3:PutObject", "arn:aws:s3:::b/k"), X},
      {"deny of another action does not matter", stmt(allowS3 + "," + denyPut), request("s3:GetObject", "*"), A},
      {"empty policy", R"({"Version": "2012-10-17", "Statement": []})", request("s3:GetObject", "*"), I},
      {"invalid effect is ignored", stmt(R"({"Effect": "allow", "Action": "*", "Resource": "*"})"),
       request("s3:GetObject", "*"), I},
  });
}

// [PB] https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
TEST_CASE("evaluate: permissions boundary intersects identity policies", "[analysis][evaluate]") {
  auto id = policy(stmt(R"({"Effect": "Allow", "Action": ["s3:*", "iam:*"], "Resource": "*"})"), "inline:app");
  auto pb = policy(stmt(R"({"Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"},
                           {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})"),
                   "boundary:pb");
  const an::Policies ps = withBoundary(id, pb);
  struct B {
    const char* action;
    Decision combined, identity, boundary;
  };
  const B rows[] = {
      {"s3:GetObject", A, A, A},             // both allow
      {"iam:CreateUser", I, A, I},           // boundary does not allow: dead grant
      {"ec2:RunInstances", I, I, A},         // boundary grants nothing by itself
      {"s3:DeleteBucket", X, A, X},          // explicit deny in the boundary wins
      {"sqs:SendMessage", I, I, I},
  };
  for (const auto& r : rows) {
    INFO(r.action);
    auto e = an::evaluate(ps, request(r.action, "*"));
    CHECK(e.decision == r.combined);
    CHECK(e.identity.decision == r.identity);
    REQUIRE(e.boundary);
    CHECK(e.boundary->decision == r.boundary);
  }
  auto e = an::evaluate(ps, request("s3:GetObject", "*"));
  REQUIRE(e.deciding.size() == 2);
  CHECK(e.deciding[0].label == "inline:app");
  CHECK(e.deciding[1].label == "boundary:pb");
  CHECK(e.deciding[1].index == 0);
  CHECK(e.modelled());
  auto d = an::evaluate(ps, request("s3:DeleteBucket", "*"));
  REQUIRE(d.deciding.size() == 1);
  CHECK(d.deciding[0].index == 1);
  CHECK(d.deciding[0].effect == rolelint::model::Effect::Deny);
  CHECK(d.deciding[0].node != nullptr);
}

// The security searches' evaluation: same decision and deciding statements as
// evaluate() once the implied keys are in the request, without the explanation texts.
TEST_CASE("evaluateWithImpliedKeys: evaluate's answer without the explanation", "[analysis][evaluate]") {
  auto id = policy(stmt(R"({"Effect": "Allow", "Action": ["s3:*", "iam:*", "kms:*"], "Resource": "*"},
                           {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*",
                            "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}})"),
                   "inline:app");
  auto pb = policy(stmt(R"({"Effect": "Allow", "Action": ["s3:*", "kms:*"], "Resource": "*"},
                           {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})"),
                   "boundary:pb");
  const an::Policies ps = withBoundary(id, pb);
  for (const char* action : {"s3:GetObject", "s3:PutObject", "s3:DeleteBucket", "iam:CreateUser", "sqs:SendMessage",
                             "kms:Decrypt", "sts:GetCallerIdentity"}) {
    for (const char* resource : {"*", "arn:aws:s3:::b/k", "arn:aws:kms:us-east-1:444455556666:key/k"}) {
      INFO(action << " on " << resource);
      an::Request req = request(action, resource);
      const an::Evaluation full = an::evaluate(ps, req);
      CHECK(an::addImpliedKeys(req));
      const an::Evaluation quick = an::evaluateWithImpliedKeys(ps, req);
      CHECK(quick.decision == full.decision);
      REQUIRE(quick.deciding.size() == full.deciding.size());
      for (size_t i = 0; i < full.deciding.size(); ++i) {
        CHECK(quick.deciding[i].label == full.deciding[i].label);
        CHECK(quick.deciding[i].index == full.deciding[i].index);
        CHECK(quick.deciding[i].effect == full.deciding[i].effect);
      }
      CHECK_FALSE(full.reason.empty());
      CHECK(quick.reason.empty());
    }
  }
  // The implied aws:PrincipalAccount decides the conditional Deny in both.
  an::Request put = request("s3:PutObject", "*");
  CHECK(an::evaluate(ps, put).decision == A);
  an::addImpliedKeys(put);
  CHECK(an::evaluateWithImpliedKeys(ps, put).decision == A);
}

// [ACT] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
// [NOTACT] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
TEST_CASE("evaluate: Action and NotAction", "[analysis][evaluate]") {
  runRows({
      {"case-insensitive", stmt(R"({"Effect": "Allow", "Action": "S3:getobject", "Resource": "*"})"),
       request("s3:GetObject", "*"), A},
      {"* inside the name", stmt(R"({"Effect": "Allow", "Action": "iam:*AccessKey*", "Resource": "*"})"),
       request("iam:ListAccessKeys", "*"), A},
      {"? one character", stmt(R"({"Effect": "Allow", "Action": "s3:Get?bject", "Resource": "*"})"),
       request("s3:GetObject", "*"), A},
      {"? not zero characters", stmt(R"({"Effect": "Allow", "Action": "s3:GetO?bject", "Resource": "*"})"),
       request("s3:GetObject", "*"), I},
      {"* all actions", stmt(R"({"Effect": "Allow", "Action": "*", "Resource": "*"})"), request("iam:PassRole", "*"), A},
      {"NotAction allows others (all services)", stmt(R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})"),
       request("ec2:RunInstances", "*"), A},
      {"NotAction excludes the listed", stmt(R"({"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"})"),
       request("IAM:CreateUser", "*"), I},
      {"Deny NotAction", stmt(R"({"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"})"),
       request("ec2:RunInstances", "*"), X},
  });
}

// [RES] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
TEST_CASE("evaluate: Resource and NotResource, per-segment ARN matching", "[analysis][evaluate]") {
  auto allowRes = [](const std::string& res) {
    return stmt(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": )" + res + "}");
  };
  runRows({
      {"exact", allowRes(R"("arn:aws:s3:::b/k")"), request("s3:GetObject", "arn:aws:s3:::b/k"), A},
      {"case-sensitive", allowRes(R"("arn:aws:s3:::B/k")"), request("s3:GetObject", "arn:aws:s3:::b/k"), I},
      {"* crosses / in the resource part", allowRes(R"("arn:aws:s3:::b/*")"), request("s3:GetObject", "arn:aws:s3:::b/x/y/z"), A},
      {"* within a segment", allowRes(R"("arn:aws:s3:::media-*")"), request("s3:GetObject", "arn:aws:s3:::media-in"), A},
      {"* in region and account segments", allowRes(R"("arn:aws:sqs:*:*:q")"),
       request("s3:GetObject", "arn:aws:sqs:eu-west-1:111122223333:q"), A},
      {"* in a segment does not cross ':'", allowRes(R"("arn:aws:sqs:*:q")"),
       request("s3:GetObject", "arn:aws:sqs:eu-west-1:111122223333:q"), I},
      {"resource part keeps its ':'", allowRes(R"("arn:aws:logs:us-east-1:111122223333:log-group:g:*")"),
       request("s3:GetObject", "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s"), A},
      {"? one character", allowRes(R"("arn:aws:s3:::b?")"), request("s3:GetObject", "arn:aws:s3:::b1"), A},
      {"* matches a request for *", allowRes(R"("*")"), request("s3:GetObject", "*"), A},
      {"an ARN does not match a request for *", allowRes(R"("arn:aws:s3:::*")"), request("s3:GetObject", "*"), I},
      {"any item of the list", allowRes(R"(["arn:aws:s3:::a", "arn:aws:s3:::b"])"), request("s3:GetObject", "arn:aws:s3:::b"), A},
      {"NotResource excludes", stmt(R"({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"})"),
       request("s3:GetObject", "arn:aws:s3:::secret/k"), I},
      {"NotResource allows others", stmt(R"({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"})"),
       request("s3:GetObject", "arn:aws:s3:::public/k"), A},
      {"no Resource: statement invalid", stmt(R"({"Effect": "Allow", "Action": "s3:*"})"), request("s3:GetObject", "*"), I},
  });
  CHECK(an::arnMatches("arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/a/b"));
  CHECK_FALSE(an::arnMatches("arn:aws:iam::*:role", "arn:aws:iam::111122223333:role/a"));
  CHECK_FALSE(an::arnMatches("arn:aws:s3", "arn:aws:s3:::b"));
}

// [VARS] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// [VER]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
TEST_CASE("evaluate: policy variables", "[analysis][evaluate]") {
  const an::Context team{{"aws:PrincipalTag/team", {"red"}}};
  const std::string res = R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/team}/*"})";
  runRows({
      {"substituted", stmt(res), request("s3:GetObject", "arn:aws:s3:::b/red/k", team), A},
      {"other value", stmt(res), request("s3:GetObject", "arn:aws:s3:::b/blue/k", team), I},
      {"key names case-insensitive", stmt(res), request("s3:GetObject", "arn:aws:s3:::b/red/k", {{"AWS:principaltag/TEAM", {"red"}}}), A},
      {"absent key: ARN matches nothing", stmt(res), request("s3:GetObject", "arn:aws:s3:::b/${aws:PrincipalTag/team}/k"), I},
      {"literal under 2008-10-17", stmt(res, "2008-10-17"), request("s3:GetObject", "arn:aws:s3:::b/${aws:PrincipalTag/team}/k", team), A},
      {"literal under 2008-10-17 (not substituted)", stmt(res, "2008-10-17"), request("s3:GetObject", "arn:aws:s3:::b/red/k", team), I},
      {"default value", stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*"})"),
       request("s3:GetObject", "arn:aws:s3:::b/shared/k"), A},
      {"${*} is a literal *", stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${*}"})"),
       request("s3:GetObject", "arn:aws:s3:::b/x"), I},
      {"${*} matches a literal *", stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${*}"})"),
       request("s3:GetObject", "arn:aws:s3:::b/*"), A},
      {"substituted value is literal, not a pattern", stmt(res), request("s3:GetObject", "arn:aws:s3:::b/rxd/k", {{"aws:PrincipalTag/team", {"r?d"}}}), I},
      {"multivalued key is not a variable", stmt(res), request("s3:GetObject", "arn:aws:s3:::b/red/k", {{"aws:PrincipalTag/team", {"red", "blue"}}}), I},
      {"variable in a condition value",
       stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/${aws:userid}"}}})"),
       request("s3:ListBucket", "*", {{"s3:prefix", {"home/AROA1:me"}}, {"aws:userid", {"AROA1:me"}}}), A},
      {"absent variable in a negated condition: matches",
       stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"s3:prefix": "${aws:userid}"}}})"),
       request("s3:ListBucket", "*", {{"s3:prefix", {"x"}}}), A},
      {"no variables in Numeric",
       stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericEquals": {"s3:max-keys": "${n}"}}})"),
       request("s3:ListBucket", "*", {{"s3:max-keys", {"5"}}, {"n", {"5"}}}), I},
  });
}

// [OPS] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
TEST_CASE("evaluate: condition operators", "[analysis][evaluate]") {
  auto cond = [](const std::string& c) {
    return stmt(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": )" + c + "}");
  };
  auto req = [](const std::string& key, std::vector<std::string> values) {
    return request("s3:GetObject", "*", {{key, std::move(values)}});
  };
  runRows({
      {"StringEquals", cond(R"({"StringEquals": {"aws:SourceAccount": "111122223333"}})"), req("aws:SourceAccount", {"111122223333"}), A},
      {"StringEquals case-sensitive", cond(R"({"StringEquals": {"k": "Abc"}})"), req("k", {"abc"}), I},
      {"StringEquals * literal", cond(R"({"StringEquals": {"k": "a*"}})"), req("k", {"ab"}), I},
      {"StringEqualsIgnoreCase", cond(R"({"StringEqualsIgnoreCase": {"k": "Abc"}})"), req("k", {"aBC"}), A},
      {"StringNotEquals", cond(R"({"StringNotEquals": {"k": ["a", "b"]}})"), req("k", {"b"}), I},
      {"StringNotEquals none match", cond(R"({"StringNotEquals": {"k": ["a", "b"]}})"), req("k", {"c"}), A},
      {"StringNotEqualsIgnoreCase", cond(R"({"StringNotEqualsIgnoreCase": {"k": "A"}})"), req("k", {"a"}), I},
      {"StringLike", cond(R"({"StringLike": {"k": "media-*"}})"), req("k", {"media-x"}), A},
      {"StringLike ?", cond(R"({"StringLike": {"k": "a?c"}})"), req("k", {"abc"}), A},
      {"StringNotLike", cond(R"({"StringNotLike": {"k": "a*"}})"), req("k", {"abc"}), I},
      {"values ORed", cond(R"({"StringEquals": {"k": ["x", "y"]}})"), req("k", {"y"}), A},
      {"NumericLessThan", cond(R"({"NumericLessThan": {"s3:max-keys": "10"}})"), req("s3:max-keys", {"9"}), A},
      {"NumericLessThan boundary", cond(R"({"NumericLessThan": {"s3:max-keys": 10}})"), req("s3:max-keys", {"10"}), I},
      {"NumericLessThanEquals", cond(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})"), req("s3:max-keys", {"10"}), A},
      {"NumericGreaterThan", cond(R"({"NumericGreaterThan": {"n": "1.5"}})"), req("n", {"2"}), A},
      {"NumericGreaterThanEquals", cond(R"({"NumericGreaterThanEquals": {"n": "2"}})"), req("n", {"1"}), I},
      {"NumericEquals", cond(R"({"NumericEquals": {"n": "2"}})"), req("n", {"2.0"}), A},
      {"NumericNotEquals", cond(R"({"NumericNotEquals": {"n": "2"}})"), req("n", {"3"}), A},
      {"Numeric non-number", cond(R"({"NumericEquals": {"n": "x"}})"), req("n", {"x"}), I},
      {"DateLessThan ISO", cond(R"({"DateLessThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}})"), req("aws:CurrentTime", {"2025-12-31T23:59:59Z"}), A},
      {"DateLessThan equal", cond(R"({"DateLessThan": {"aws:CurrentTime": "2026-01-01"}})"), req("aws:CurrentTime", {"2026-01-01T00:00:00Z"}), I},
      {"DateGreaterThan epoch vs ISO", cond(R"({"DateGreaterThan": {"aws:CurrentTime": "1767225600"}})"), req("aws:CurrentTime", {"2026-01-01T00:00:01Z"}), A},
      {"DateEquals offset", cond(R"({"DateEquals": {"aws:CurrentTime": "2026-01-01T01:00:00+01:00"}})"), req("aws:CurrentTime", {"2026-01-01T00:00:00Z"}), A},
      {"DateNotEquals", cond(R"({"DateNotEquals": {"aws:CurrentTime": "2026-01-01"}})"), req("aws:CurrentTime", {"2026-01-02"}), A},
      {"DateLessThanEquals", cond(R"({"DateLessThanEquals": {"t": "2026-01-01"}})"), req("t", {"2026-01-01"}), A},
      {"DateGreaterThanEquals", cond(R"({"DateGreaterThanEquals": {"t": "2026-01-02"}})"), req("t", {"2026-01-01"}), I},
      {"Bool", cond(R"({"Bool": {"aws:SecureTransport": "true"}})"), req("aws:SecureTransport", {"true"}), A},
      {"Bool JSON boolean", cond(R"({"Bool": {"aws:SecureTransport": false}})"), req("aws:SecureTransport", {"false"}), A},
      {"Bool mismatch", cond(R"({"Bool": {"aws:SecureTransport": "true"}})"), req("aws:SecureTransport", {"false"}), I},
      {"BinaryEquals", cond(R"({"BinaryEquals": {"k": "QmluYXJ5"}})"), req("k", {"QmluYXJ5"}), A},
      {"IpAddress v4 CIDR", cond(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"), req("aws:SourceIp", {"203.0.113.7"}), A},
      {"IpAddress v4 outside", cond(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"), req("aws:SourceIp", {"203.0.114.7"}), I},
      {"IpAddress v6", cond(R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})"), req("aws:SourceIp", {"2001:db8:1::5"}), A},
      {"IpAddress v4 vs v6", cond(R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})"), req("aws:SourceIp", {"203.0.113.7"}), I},
      {"IpAddress single address", cond(R"({"IpAddress": {"aws:SourceIp": "203.0.113.7"}})"), req("aws:SourceIp", {"203.0.113.7"}), A},
      {"NotIpAddress", cond(R"({"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}})"), req("aws:SourceIp", {"198.51.100.1"}), I},
      {"ArnLike", cond(R"({"ArnLike": {"aws:SourceArn": "arn:aws:mediaconvert:*:111122223333:queues/*"}})"),
       req("aws:SourceArn", {"arn:aws:mediaconvert:us-east-1:111122223333:queues/Default"}), A},
      {"ArnEquals honours wildcards too", cond(R"({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:111122223333:t"}})"),
       req("aws:SourceArn", {"arn:aws:sns:eu-west-1:111122223333:t"}), A},
      {"ArnNotLike", cond(R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}})"), req("aws:SourceArn", {"arn:aws:sns:eu-west-1:111122223333:t"}), I},
      {"ArnNotEquals", cond(R"({"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}})"), req("aws:SourceArn", {"arn:aws:sns:eu-west-1:111122223333:u"}), A},
      {"Null true: absent", cond(R"({"Null": {"aws:TokenIssueTime": "true"}})"), request("s3:GetObject", "*"), A},
      {"Null true: present", cond(R"({"Null": {"aws:TokenIssueTime": "true"}})"), req("aws:TokenIssueTime", {"2026-01-01"}), I},
      {"Null false: present", cond(R"({"Null": {"aws:TokenIssueTime": false}})"), req("aws:TokenIssueTime", {"2026-01-01"}), A},
      {"unknown operator: not applying", cond(R"({"StringEqualz": {"k": "a"}})"), req("k", {"a"}), I},
      {"NullIfExists is not an operator", cond(R"({"NullIfExists": {"k": "true"}})"), request("s3:GetObject", "*"), I},
  });
}

// [OPS] missing keys and ...IfExists; [COND] key names case-insensitive;
// [LOGIC] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
TEST_CASE("evaluate: missing keys, IfExists, AND/OR logic", "[analysis][evaluate]") {
  auto cond = [](const std::string& c) {
    return stmt(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": )" + c + "}");
  };
  auto none = request("s3:GetObject", "*");
  runRows({
      {"positive operator, key absent: false", cond(R"({"StringEquals": {"k": "a"}})"), none, I},
      {"negated operator, key absent: true", cond(R"({"StringNotEquals": {"k": "a"}})"), none, A},
      {"ArnNotLike, key absent: true", cond(R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::x"}})"), none, A},
      {"NotIpAddress, key absent: true", cond(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})"), none, A},
      {"IfExists, key absent: true", cond(R"({"StringEqualsIfExists": {"k": "a"}})"), none, A},
      {"IfExists, key present: evaluated", cond(R"({"StringEqualsIfExists": {"k": "a"}})"), request("s3:GetObject", "*", {{"k", {"b"}}}), I},
      {"NumericLessThanIfExists present", cond(R"({"NumericLessThanIfExists": {"n": "3"}})"), request("s3:GetObject", "*", {{"n", {"2"}}}), A},
      {"key names case-insensitive", cond(R"({"StringEquals": {"AWS:SourceAccount": "1"}})"), request("s3:GetObject", "*", {{"aws:sourceaccount", {"1"}}}), A},
      {"keys ANDed", cond(R"({"StringEquals": {"a": "1", "b": "2"}})"), request("s3:GetObject", "*", {{"a", {"1"}}, {"b", {"3"}}}), I},
      {"operators ANDed", cond(R"({"StringEquals": {"a": "1"}, "StringLike": {"b": "2*"}})"), request("s3:GetObject", "*", {{"a", {"1"}}, {"b", {"22"}}}), A},
      {"malformed Condition: not applying", cond(R"({"StringEquals": "a"})"), none, I},
      {"malformed Condition (not an object): not applying", cond(R"(["x"])"), none, I},
      {"empty list counts as absent", cond(R"({"StringEquals": {"k": "a"}})"), request("s3:GetObject", "*", {{"k", {}}}), I},
  });
}

// [MULTI] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
TEST_CASE("evaluate: ForAllValues / ForAnyValue", "[analysis][evaluate]") {
  auto cond = [](const std::string& c) {
    return stmt(R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": )" + c + "}");
  };
  auto tags = [](std::vector<std::string> v) { return request("ec2:CreateTags", "*", {{"aws:TagKeys", std::move(v)}}); };
  const std::string all = R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}})";
  const std::string any = R"({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "team"]}})";
  runRows({
      {"ForAllValues: all in set", cond(all), tags({"env", "team"}), A},
      {"ForAllValues: one outside", cond(all), tags({"env", "cost"}), I},
      {"ForAllValues: key absent is true", cond(all), request("ec2:CreateTags", "*"), A},
      {"ForAnyValue: one in set", cond(any), tags({"cost", "team"}), A},
      {"ForAnyValue: none in set", cond(any), tags({"cost"}), I},
      {"ForAnyValue: key absent is false", cond(any), request("ec2:CreateTags", "*"), I},
      {"ForAllValues:StringLike", cond(R"({"ForAllValues:StringLike": {"aws:TagKeys": "app-*"}})"), tags({"app-a", "app-b"}), A},
      {"ForAnyValue:StringNotEquals", cond(R"({"ForAnyValue:StringNotEquals": {"aws:TagKeys": "env"}})"), tags({"env", "x"}), A},
      {"ForAllValues:StringNotEquals", cond(R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": "env"}})"), tags({"env", "x"}), I},
      {"unqualified on multivalued: not matching", cond(R"({"StringEquals": {"aws:TagKeys": "env"}})"), tags({"env", "team"}), I},
      {"unqualified on one value: plain compare", cond(R"({"StringEquals": {"aws:TagKeys": "env"}})"), tags({"env"}), A},
  });
  auto p = policy(cond(R"({"StringEquals": {"aws:TagKeys": "env"}})"));
  an::Policies ps;
  ps.identity.push_back(&p);
  CHECK_FALSE(an::evaluate(ps, tags({"env", "team"})).modelled());
}

TEST_CASE("evaluate: what is not modelled is reported", "[analysis][evaluate]") {
  auto p = policy(stmt(R"({"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "sts:*", "Resource": "*"})"));
  an::Policies ps;
  ps.identity.push_back(&p);
  CHECK(an::evaluate(ps, request("s3:GetObject", "arn:aws:s3:::b/k")).modelled());
  // Cross-account: the resource policy must also allow.
  auto cross = an::evaluate(ps, request("sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:q"));
  CHECK(cross.decision == A);
  CHECK_FALSE(cross.modelled());
  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
  CHECK_FALSE(an::evaluate(ps, request("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k")).modelled());
  CHECK(an::evaluate(ps, request("iam:GetPolicy", "arn:aws:iam::aws:policy/ReadOnlyAccess")).modelled());
  // Implicit deny on a resource that can have a resource-based policy [EVAL].
  auto p2 = policy(stmt(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})"));
  an::Policies ps2;
  ps2.identity.push_back(&p2);
  auto s3 = an::evaluate(ps2, request("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(s3.decision == I);
  CHECK_FALSE(s3.modelled());
  CHECK(an::evaluate(ps2, request("s3:ListAllMyBuckets", "*")).modelled());
  CHECK_FALSE(an::evaluate(ps2, request("sts:AssumeRole", "arn:aws:iam::111122223333:role/other")).modelled());
  CHECK(an::evaluate(ps2, request("iam:CreateUser", "arn:aws:iam::111122223333:user/u")).modelled());
  CHECK(an::evaluate(ps2, request("ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1")).modelled());
}

TEST_CASE("evaluate: building blocks", "[analysis][evaluate]") {
  CHECK(an::ipInCidr("10.1.2.3", "10.0.0.0/8"));
  CHECK(an::ipInCidr("10.1.2.3", "10.1.2.99/24"));  // host bits after the mask are ignored
  CHECK_FALSE(an::ipInCidr("11.1.2.3", "10.0.0.0/8"));
  CHECK(an::ipInCidr("1.2.3.4", "0.0.0.0/0"));
  CHECK_FALSE(an::ipInCidr("1.2.3.4", "1.2.3.4/33"));
  CHECK_FALSE(an::ipInCidr("x", "10.0.0.0/8"));
  CHECK(rolelint::core::parseDate("1970-01-02").seconds == 86400.0);
  CHECK(rolelint::core::parseDate("1970-01-01T00:01:00Z").seconds == 60.0);
  CHECK(rolelint::core::parseDate("1970-01-01T00:00:00.5Z").seconds == 0.5);
  CHECK(rolelint::core::parseDate("86400").seconds == 86400.0);
  CHECK_FALSE(rolelint::core::parseDate("yesterday").seconds);
  CHECK_FALSE(rolelint::core::parseDate("2026-13-01").seconds);
  CHECK(an::globMatches("a*b?c", "axxbyc"));
  CHECK_FALSE(an::globMatches("a*b?c", "axxbc"));
  CHECK(an::actionMatches("S3:Get*", "s3:getobject"));
  CHECK(an::decisionName(X) == "ExplicitlyDenied");
}

namespace {

an::Policies identityOnly(const rolelint::model::PolicyDocument& p) {
  an::Policies ps;
  ps.identity.push_back(&p);
  return ps;
}

const std::string kAllowAll = R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";

}  // namespace

// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html:
// "No permissions are required … you can still perform this operation."
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies:
// "You cannot change the permissions defined in AWS managed policies."
TEST_CASE("evaluate: GetCallerIdentity always allowed, AWS managed policy writes always refused", "[analysis][evaluate]") {
  auto denyAll = policy(stmt(kAllowAll + R"(, {"Effect": "Deny", "Action": "*", "Resource": "*"})"));
  auto scp = policy(stmt(R"({"Effect": "Deny", "Action": "sts:*", "Resource": "*"})"), "scp");
  an::Policies ps = identityOnly(denyAll);
  ps.scps = {{&scp}};
  auto gci = an::evaluate(ps, request("sts:GetCallerIdentity", "*"));
  CHECK(gci.decision == A);
  CHECK(gci.special == an::Special::CallerIdentity);
  CHECK(gci.identity.decision == X);  // the policies' own answer stays visible
  CHECK(gci.reason.find("needs no permission") != std::string::npos);
  CHECK(gci.modelled());
  CHECK(an::evaluate(an::Policies{}, request("STS:getcalleridentity", "*")).decision == A);

  auto admin = policy(stmt(kAllowAll));
  for (auto action : an::managedPolicyWriteActions()) {
    INFO(action);
    auto e = an::evaluate(identityOnly(admin), request(std::string(action), "arn:aws:iam::aws:policy/ReadOnlyAccess"));
    CHECK(e.decision == X);
    CHECK(e.special == an::Special::AwsManagedPolicyWrite);
    CHECK(e.identity.decision == A);
    CHECK(e.reason.find("AWS managed policy") != std::string::npos);
    CHECK(e.deciding.empty());
    // A customer managed policy of the account can be changed.
    CHECK(an::evaluate(identityOnly(admin), request(std::string(action), "arn:aws:iam::111122223333:policy/mine")).decision == A);
  }
  // Other partitions, paths, and reading are not special.
  CHECK(an::evaluate(identityOnly(admin), request("iam:DeletePolicy", "arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess")).decision == X);
  CHECK(an::evaluate(identityOnly(admin), request("iam:GetPolicyVersion", "arn:aws:iam::aws:policy/ReadOnlyAccess")).decision == A);
  CHECK(an::evaluate(identityOnly(admin), request("iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/app")).decision == A);
}

// [SCP] https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html:
// "Any account has only those permissions permitted by every parent above it"; "SCPs do
// not affect any service-linked role".
TEST_CASE("evaluate: SCP levels are ANDed, policies within a level ORed", "[analysis][evaluate]") {
  auto admin = policy(stmt(kAllowAll));
  auto full = policy(stmt(kAllowAll), "FullAWSAccess");
  auto s3only = policy(stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})"), "scp:s3");
  auto ec2only = policy(stmt(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})"), "scp:ec2");
  auto denyDelete = policy(stmt(kAllowAll + R"(, {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*",
      "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "admin"}}})"), "scp:deny");
  an::Policies ps = identityOnly(admin);
  ps.scps = {{&full}, {&s3only, &ec2only}};
  auto s3 = an::evaluate(ps, request("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(s3.decision == A);
  REQUIRE(s3.scp);
  CHECK(s3.scp->decision == A);
  CHECK(s3.reason.find("every SCP level allows it") != std::string::npos);
  CHECK(an::evaluate(ps, request("ec2:RunInstances", "*")).decision == A);  // ORed within the level
  auto iam = an::evaluate(ps, request("iam:CreateUser", "*"));
  CHECK(iam.decision == I);
  CHECK(iam.reason == "no SCP of level 2 (of 2) allows iam:CreateUser");
  ps.scps = {{&full}, {&s3only}, {&ec2only}};  // ANDed across levels
  CHECK(an::evaluate(ps, request("s3:GetObject", "*")).decision == I);
  ps.scps = {{&denyDelete}};
  auto del = an::evaluate(ps, request("s3:DeleteBucket", "arn:aws:s3:::b"));
  CHECK(del.decision == X);
  CHECK(del.reason == "an SCP statement explicitly denies s3:DeleteBucket");
  REQUIRE(del.deciding.size() == 1);
  CHECK(del.deciding[0].label == "scp:deny");
  auto tagged = request("s3:DeleteBucket", "arn:aws:s3:::b", {{"aws:PrincipalTag/team", {"admin"}}});
  CHECK(an::evaluate(ps, tagged).decision == A);
  // Service-linked roles and their sessions are not affected.
  auto slr = request("s3:DeleteBucket", "arn:aws:s3:::b");
  slr.principal = "arn:aws:iam::111122223333:role/aws-service-role/ops.apigateway.amazonaws.com/AWSServiceRoleForAPIGateway";
  auto e = an::evaluate(ps, slr);
  CHECK(e.decision == A);
  CHECK_FALSE(e.scp);
  CHECK(e.skipped == std::vector<std::string>{"SCPs do not apply to service-linked roles"});
  slr.principal = "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAPIGateway/s";
  CHECK(an::evaluate(ps, slr).decision == A);
  CHECK(an::isServiceLinkedRole(slr.principal));
  CHECK_FALSE(an::isServiceLinkedRole("arn:aws:iam::111122223333:role/service-role/x"));
}

// [RCP] https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html:
// RCPFullAWSAccess is attached at every level and cannot be detached; RCPs apply to
// resources of the services listed there.
TEST_CASE("evaluate: RCPs only deny, and only for the services they apply to", "[analysis][evaluate]") {
  auto admin = policy(stmt(kAllowAll));
  auto perimeter = policy(stmt(R"({"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "ec2:*"], "Resource": "*",
      "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-123"}}})"), "rcp:perimeter");
  an::Policies ps = identityOnly(admin);
  ps.rcps = {{&perimeter}};  // a level with only a Deny still allows (RCPFullAWSAccess)
  auto inOrg = request("s3:GetObject", "arn:aws:s3:::b/k", {{"aws:PrincipalOrgID", {"o-123"}}});
  auto e = an::evaluate(ps, inOrg);
  CHECK(e.decision == A);
  REQUIRE(e.rcp);
  CHECK(e.rcp->decision == A);
  auto outside = an::evaluate(ps, request("s3:GetObject", "arn:aws:s3:::b/k", {{"aws:PrincipalOrgID", {"o-999"}}}));
  CHECK(outside.decision == X);
  CHECK(outside.reason == "an RCP statement explicitly denies s3:GetObject");
  // EC2 is not an RCP service: the RCP is not applied.
  auto ec2 = an::evaluate(ps, request("ec2:RunInstances", "*", {{"aws:PrincipalOrgID", {"o-999"}}}));
  CHECK(ec2.decision == A);
  CHECK_FALSE(ec2.rcp);
  CHECK(ec2.skipped == std::vector<std::string>{"RCPs do not apply to ec2 resources"});
  CHECK(an::rcpAppliesToService("s3"));
  CHECK(an::rcpAppliesToService("STS"));
  CHECK_FALSE(an::rcpAppliesToService("iam"));
  // An RCP statement without Principal is invalid and does not apply.
  auto noPrincipal = policy(stmt(R"({"Effect": "Deny", "Action": "s3:*", "Resource": "*"})"), "rcp:bad");
  ps.rcps = {{&noPrincipal}};
  auto bad = an::evaluate(ps, request("s3:GetObject", "arn:aws:s3:::b/k"));
  CHECK(bad.decision == A);
  CHECK_FALSE(bad.modelled());
}

// [EVAL] session policies: "the resulting session's permissions are the intersection of
// the IAM entity's identity-based policy and the session policies".
TEST_CASE("evaluate: session policies intersect", "[analysis][evaluate]") {
  auto admin = policy(stmt(kAllowAll));
  auto readS3 = policy(stmt(R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"})"), "session:a");
  auto readSqs = policy(stmt(R"({"Effect": "Allow", "Action": "sqs:Receive*", "Resource": "*"})"), "session:b");
  an::Policies ps = identityOnly(admin);
  ps.session = {&readS3, &readSqs};
  CHECK(an::evaluate(ps, request("s3:GetObject", "*")).decision == A);
  CHECK(an::evaluate(ps, request("sqs:ReceiveMessage", "*")).decision == A);
  auto put = an::evaluate(ps, request("s3:PutObject", "*"));
  CHECK(put.decision == I);
  CHECK(put.reason == "the identity policies and boundary allow s3:PutObject but the session policy does not");
  // A session policy grants nothing the identity policies do not.
  auto none = policy(stmt(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})"));
  an::Policies ps2 = identityOnly(none);
  ps2.session = {&readS3};
  CHECK(an::evaluate(ps2, request("s3:GetObject", "*")).decision == I);
}

// [EVAL] "Resource-based policies and implicit denies in other policy types (same account)",
// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html.
TEST_CASE("evaluate: resource-based policies, same account and cross-account", "[analysis][evaluate]") {
  auto nothing = policy(stmt(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})"));
  auto readAll = policy(stmt(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})"));
  auto pbEc2 = policy(stmt(R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})"), "boundary:pb");
  auto bucket = [&](const std::string& principal) {
    return policy(stmt(R"({"Effect": "Allow", "Principal": )" + principal +
                       R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})"),
                  "resource");
  };
  const std::string session = "arn:aws:sts::111122223333:assumed-role/app/s1";
  auto req = request("s3:GetObject", "arn:aws:s3:::b/k");
  req.principal = session;

  // Names the session: allowed past implicit denies of identity, boundary, session policy.
  auto bySession = bucket(R"({"AWS": ")" + session + R"("})");
  an::Policies ps = identityOnly(nothing);
  ps.boundary = &pbEc2;
  ps.session = {&pbEc2};
  ps.resourcePolicy = &bySession;
  auto e = an::evaluate(ps, req);
  CHECK(e.decision == A);
  CHECK(e.resourceGrant == an::Grant::Direct);
  CHECK(e.identity.decision == I);
  CHECK(e.modelled());
  // Another session of the role is not named.
  auto other = req;
  other.principal = "arn:aws:sts::111122223333:assumed-role/app/s2";
  CHECK(an::evaluate(ps, other).decision == I);

  // Names the role ARN (with a path): limited by the boundary and the session policy.
  auto byRole = bucket(R"({"AWS": "arn:aws:iam::111122223333:role/team/app"})");
  ps.resourcePolicy = &byRole;
  auto limited = an::evaluate(ps, req);
  CHECK(limited.decision == I);
  CHECK(limited.resourceGrant == an::Grant::Role);
  an::Policies noLimits = identityOnly(nothing);
  noLimits.resourcePolicy = &byRole;
  auto roleGrant = an::evaluate(noLimits, req);
  CHECK(roleGrant.decision == A);
  CHECK(roleGrant.reason.find("allows s3:GetObject to the role") != std::string::npos);

  // Names the account: a delegation, the identity policies decide.
  auto byAccount = bucket(R"({"AWS": "arn:aws:iam::111122223333:root"})");
  noLimits.resourcePolicy = &byAccount;
  CHECK(an::evaluate(noLimits, req).decision == I);
  an::Policies withId = identityOnly(readAll);
  withId.resourcePolicy = &byAccount;
  CHECK(an::evaluate(withId, req).decision == A);
  auto byAccountId = bucket(R"({"AWS": "111122223333"})");
  withId.resourcePolicy = &byAccountId;
  CHECK(an::evaluate(withId, req).decision == A);

  // Cross account: both the identity side and the resource policy must allow.
  auto cross = req;
  cross.resourceAccount = "444455556666";
  withId.resourcePolicy = &bySession;
  auto both = an::evaluate(withId, cross);
  CHECK(both.decision == A);
  CHECK(both.modelled());
  withId.resourcePolicy = &byAccount;  // names the caller's own account, not this bucket's grantee
  auto other444 = bucket(R"({"AWS": "arn:aws:iam::999988887777:root"})");
  withId.resourcePolicy = &other444;
  auto refused = an::evaluate(withId, cross);
  CHECK(refused.decision == I);
  CHECK(refused.reason == "cross-account request: the resource's policy does not allow s3:GetObject for this principal");
  noLimits.resourcePolicy = &bySession;
  CHECK(an::evaluate(noLimits, cross).decision == I);  // no identity grant
  // Without a resource policy the old answer and its caveat stay.
  auto unknown = an::evaluate(identityOnly(readAll), cross);
  CHECK(unknown.decision == A);
  CHECK_FALSE(unknown.modelled());

  // A Deny in the resource policy wins.
  auto denyBucket = policy(stmt(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"})"), "resource");
  withId.resourcePolicy = &denyBucket;
  CHECK(an::evaluate(withId, req).decision == X);
  // [PB]: NotPrincipal with Deny always denies a principal that has a boundary.
  auto notPrincipal = policy(stmt(R"({"Effect": "Deny", "NotPrincipal": {"AWS": ")" + session +
                                  R"("}, "Action": "s3:*", "Resource": "*"})"),
                             "resource");
  withId.resourcePolicy = &notPrincipal;
  CHECK(an::evaluate(withId, req).decision == A);
  auto pbS3 = policy(stmt(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})"), "boundary:s3");
  withId.boundary = &pbS3;
  CHECK(an::evaluate(withId, req).decision == X);
}

// [EVAL]: "IAM role trust policies and KMS key policies are exceptions … they must
// explicitly allow access for principals."
TEST_CASE("evaluate: key policies and trust policies must allow", "[analysis][evaluate]") {
  auto admin = policy(stmt(kAllowAll));
  const std::string key = "arn:aws:kms:us-east-1:111122223333:key/k";
  auto keyPolicyRoot = policy(stmt(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"})"), "key");
  auto keyPolicyOther = policy(stmt(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/other"}, "Action": "kms:*", "Resource": "*"})"), "key");
  an::Policies ps = identityOnly(admin);
  ps.resourcePolicy = &keyPolicyRoot;
  auto ok = an::evaluate(ps, request("kms:Decrypt", key));
  CHECK(ok.decision == A);
  CHECK(ok.modelled());
  ps.resourcePolicy = &keyPolicyOther;
  auto no = an::evaluate(ps, request("kms:Decrypt", key));
  CHECK(no.decision == I);
  CHECK(no.reason == "the key policy does not allow kms:Decrypt for this principal");
  // A trust policy has no Resource: it is about its role.
  auto trust = policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]})", "trust");
  ps.resourcePolicy = &trust;
  CHECK(an::evaluate(ps, request("sts:AssumeRole", "arn:aws:iam::111122223333:role/target")).decision == A);
  CHECK(an::evaluate(ps, request("sts:TagSession", "arn:aws:iam::111122223333:role/target")).decision == I);  // the trust policy must allow it too
  auto trustOther = policy(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})", "trust");
  ps.resourcePolicy = &trustOther;
  CHECK(an::evaluate(ps, request("sts:AssumeRole", "arn:aws:iam::111122223333:role/target")).decision == I);
}

// A long Action list (AWS managed policies list hundreds) is looked up by service
// (analysis::effective::actionItemIndexes); the answers must be those of a scan:
// case-insensitive, wildcards in the service part, unknown parts, NotAction.
TEST_CASE("evaluate: long Action and NotAction lists answer as a scan does", "[analysis][evaluate]") {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "\"svc" + std::to_string(i) + ":Do" + std::to_string(i) + "\", ";
  const std::string unknownService = std::string(rolelint::core::kUnknownOpen) + "1" + std::string(rolelint::core::kUnknownClose);
  auto listing = [&](const char* element, const std::string& extra) {
    return stmt(R"({"Effect": "Allow", ")" + std::string(element) + R"(": [)" + many + extra + R"(], "Resource": "*"})");
  };
  auto allow = [&](const std::string& extra) { return listing("Action", extra); };
  auto notAction = [&](const std::string& extra) { return listing("NotAction", extra); };
  runRows({
      {"a listed action", allow("\"s3:GetObject\""), request("s3:GetObject", "*"), A},
      {"another case", allow("\"S3:getobject\""), request("s3:GetObject", "*"), A},
      {"the request in another case", allow("\"s3:GetObject\""), request("S3:GETOBJECT", "*"), A},
      {"a pattern of the service", allow("\"s3:Get*\""), request("s3:GetObjectTagging", "*"), A},
      {"a pattern of another service", allow("\"s3:Get*\""), request("ec2:GetConsoleOutput", "*"), I},
      {"a wildcard in the service part", allow("\"s*:Get*\""), request("sqs:GetQueueUrl", "*"), A},
      {"a ? in the service part", allow("\"s?:Get*\""), request("s3:GetObject", "*"), A},
      {"everything", allow("\"*\""), request("kms:Decrypt", "*"), A},
      {"an unknown service part", allow("\"" + unknownService + ":GetObject\""), request("s3:GetObject", "*"), A},
      {"no service listed", allow("\"s3:GetObject\""), request("kms:Decrypt", "*"), I},
      {"one of the many", allow("\"s3:GetObject\""), request("svc17:Do17", "*"), A},
      {"not one of the many", allow("\"s3:GetObject\""), request("svc17:Do18", "*"), I},
      {"NotAction: listed", notAction("\"s3:*\""), request("s3:PutObject", "*"), I},
      {"NotAction: another service", notAction("\"s3:*\""), request("ec2:RunInstances", "*"), A},
      {"NotAction: a wildcard service", notAction("\"*:Describe*\""), request("ec2:DescribeInstances", "*"), I},
  });
}

TEST_CASE("evaluate: a copied request context is independent of its original", "[analysis][evaluate]") {
  // Context shares its entries between copies until one is written (copy on write):
  // every write must leave the other copies as they were.
  const an::Context base{{"aws:CurrentTime", {"2026-12-03T00:00:00Z"}}, {"aws:SourceVpc", {"vpc-1"}}};
  an::Context a = base;
  CHECK(a == base);
  a["aws:SourceVpc"] = {"vpc-2"};
  CHECK(base.at("aws:SourceVpc") == std::vector<std::string>{"vpc-1"});
  CHECK(a.at("aws:SourceVpc") == std::vector<std::string>{"vpc-2"});
  CHECK_FALSE(a == base);

  an::Context b = base;
  b.erase(b.find("aws:CurrentTime"));
  CHECK(b.size() == 1);
  CHECK(base.size() == 2);
  CHECK(base.count("aws:CurrentTime") == 1);

  // An iterator taken, then the context copied, then the entry erased: the copy keeps it.
  an::Context c = base;
  const auto it = c.find("aws:SourceVpc");
  const an::Context kept = c;
  c.erase(it);
  CHECK(c.count("aws:SourceVpc") == 0);
  CHECK(kept.count("aws:SourceVpc") == 1);
  CHECK(base.count("aws:SourceVpc") == 1);

  // Writing through begin() of a copy, and into an empty context.
  an::Context d = base;
  d.begin()->second.push_back("more");
  CHECK(base.begin()->second.size() == 1);
  CHECK(d.begin()->second.size() == 2);
  an::Context e;
  CHECK(e.empty());
  CHECK(e.begin() == e.end());
  CHECK(e == an::Context{});
  e.emplace("aws:RequestedRegion", std::vector<std::string>{"eu-west-1"});
  CHECK(e.size() == 1);
  e.clear();
  CHECK(e.empty());

  // The evaluator reads a shared context as it reads its own.
  const std::string vpcOnly = stmt(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
      "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}})");
  CHECK(decide(vpcOnly, request("s3:GetObject", "arn:aws:s3:::b/k", base)) == Decision::Allowed);
  CHECK(decide(vpcOnly, request("s3:GetObject", "arn:aws:s3:::b/k", a)) == Decision::ImplicitlyDenied);
}
