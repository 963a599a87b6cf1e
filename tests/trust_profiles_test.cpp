// Service profile loader (src/analysis/trust_profiles): the embedded profiles
// load cleanly, and a malformed profile yields located problems, not a profile.
#include <catch2/catch.hpp>

#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

using namespace rolelint::analysis::trust;

TEST_CASE("trust profiles: the embedded profiles load without problems", "[trust]") {
  const ProfileSet& set = profiles();
  INFO((set.problems.empty() ? std::string() : set.problems.front().file + ": " + set.problems.front().message));
  CHECK(set.problems.empty());
  CHECK(set.profiles.size() >= 8);
  for (const char* p : {"mediaconvert.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com",
                        "glue.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com",
                        "codebuild.amazonaws.com", "ec2.amazonaws.com"}) {
    INFO(p);
    CHECK(set.forPrincipal(p) != nullptr);
    CHECK(set.isKnownPrincipal(p));
  }
  const Profile* mc = set.forPrincipal("mediaconvert.amazonaws.com");
  REQUIRE(mc != nullptr);
  CHECK(mc->sourceArns == std::vector<std::string>{"arn:PARTITION:mediaconvert:REGION:ACCOUNT:queues/NAME"});
  CHECK(mc->confusedDeputyKeys);
  CHECK(mc->broadManagedPolicies.size() == 2);
  size_t required = 0;
  for (const auto& c : mc->capabilities) required += c.required ? 1 : 0;
  CHECK(required == 2);
  CHECK(set.isKnownPrincipal("rolesanywhere.amazonaws.com"));  // from service-principals.json
}

TEST_CASE("trust profiles: a malformed profile is a located problem", "[trust]") {
  const std::string text =
      "{\n"
      "  \"service\": \"mediaconvert\",\n"
      "  \"title\": 42,\n"
      "  \"principals\": {\"values\": [\"mediaconvert.amazonaws.com\"], \"source\": \"https://docs.aws.amazon.com/x\"},\n"
      "  \"trustActions\": {\"actions\": [\"sts:AssumeRole\"], \"source\": \"https://docs.aws.amazon.com/x\"},\n"
      "  \"confusedDeputyKeys\": {\"documented\": true, \"source\": \"https://docs.aws.amazon.com/x\"},\n"
      "  \"capabilitys\": []\n"
      "}\n";
  std::vector<ProfileProblem> problems;
  const auto p = parseProfile("bad.json", text, problems);
  CHECK_FALSE(p.has_value());
  REQUIRE(problems.size() == 2);
  const ProfileProblem* title = nullptr;
  const ProfileProblem* unknown = nullptr;
  for (const auto& pr : problems) (pr.message.rfind("\"title\"", 0) == 0 ? title : unknown) = &pr;
  REQUIRE(title != nullptr);
  REQUIRE(unknown != nullptr);
  CHECK(title->file == "bad.json");
  CHECK(title->range.begin.line == 3);
  CHECK(title->range.begin.column == 12);
  CHECK(title->range.end.column == 14);
  CHECK(title->message == "\"title\" must be a non-empty string, not a number");
  CHECK(unknown->range.begin.line == 7);
  CHECK(unknown->range.begin.column == 3);
  CHECK(unknown->message.rfind("unknown key \"capabilitys\" in a profile", 0) == 0);
}

TEST_CASE("trust profiles: invalid JSON is reported at its position", "[trust]") {
  std::vector<ProfileProblem> problems;
  CHECK_FALSE(parseProfile("x.json", "{\n  \"service\": \"a\",,\n}", problems).has_value());
  REQUIRE_FALSE(problems.empty());
  CHECK(problems.front().range.begin.line == 2);
  CHECK(problems.front().range.begin.column == 18);
  CHECK(problems.front().message.rfind("not valid JSON: ", 0) == 0);
}

TEST_CASE("trust helpers: ARN glob intersection is per part", "[trust]") {
  const std::string queue = placeholderGlob("arn:PARTITION:mediaconvert:REGION:ACCOUNT:queues/NAME");
  CHECK(queue == "arn:*:mediaconvert:*:*:queues/*");
  CHECK(arnGlobsIntersect(queue, "arn:aws:mediaconvert:*:111122223333:queues/Default"));
  CHECK(arnGlobsIntersect(queue, "arn:aws:mediaconvert:*:111122223333:*"));
  CHECK_FALSE(arnGlobsIntersect(queue, "arn:aws:mediaconvert:*:111122223333:jobs/*"));
  CHECK_FALSE(arnGlobsIntersect(queue, "arn:aws:lambda:*:111122223333:function:queues/x"));
  CHECK(globMatch("S3:Get*", "s3:GetObject", true));
  CHECK(globMatch("s3:putobjec?", "s3:PutObject", true));
  CHECK_FALSE(globMatch("s3:Get*", "s3:PutObject", true));
}
