// The role model, table-driven through its debug dump (model::dump): forms are
// normalised (single string vs array, Statement object vs array), kinds are
// detected, documents given as objects, JSON strings and file:// are resolved,
// and every node keeps its position.
#include <catch2/catch.hpp>
#include <filesystem>

#include "input/input.h"
#include "model/model.h"
#include "support.h"

namespace {

std::string dumpOf(const std::string& text, std::optional<rolelint::model::PolicyKind> kind = std::nullopt) {
  rolelint::input::Loader loader;
  auto file = loader.loadText("t.json", text, std::filesystem::temp_directory_path(), std::filesystem::temp_directory_path());
  rolelint::model::BuildOptions opts;
  opts.kind = kind;
  auto unit = rolelint::model::build(std::make_shared<const rolelint::input::LoadedFile>(std::move(file)), loader, opts);
  return rolelint::model::dump(unit);
}

struct Row {
  const char* input;
  const char* dump;
};

}  // namespace

TEST_CASE("model: policies normalise to statements with positions", "[model]") {
  const Row rows[] = {
      {R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["a", "b"]}})",
       "  policy identity kind=identity file=t.json version=\"2012-10-17\"\n"
       "   statement 0 @1:40 effect=Allow sid=-\n"
       "    Action @1:70: \"s3:GetObject\"@1:70\n"
       "    Resource @1:98: \"a\"@1:99 \"b\"@1:104\n"},
      {R"({"Statement": [{"Effect": "Allow", "Principal": {"Service": ["mediaconvert.amazonaws.com"]}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]})",
       "  policy trust kind=trust file=t.json version=-\n"
       "   statement 0 @1:16 effect=Allow sid=-\n"
       "    Action @1:104: \"sts:AssumeRole\"@1:104\n"
       "    Principal @1:49\n"
       "      Service @1:61: \"mediaconvert.amazonaws.com\"@1:62\n"
       "    Condition StringEquals aws:SourceAccount: \"111122223333\"@1:174\n"},
      {R"({"Statement": [{"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*", "Principal": "*"}, "x"]})",
       "  policy identity kind=identity file=t.json version=-\n"
       "   statement 0 @1:16 effect=Deny sid=-\n"
       "    NotAction @1:48: \"iam:*\"@1:48\n"
       "    NotResource @1:72: \"*\"@1:72\n"
       "    Principal @1:90 *\n"
       "   statement 1 @1:96 effect=missing sid=-\n"},
  };
  for (const auto& r : rows) {
    INFO(r.input);
    CHECK(dumpOf(r.input) == r.dump);
  }
}

TEST_CASE("model: --kind overrides detection", "[model]") {
  const auto d = dumpOf(R"({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})",
                        rolelint::model::PolicyKind::Boundary);
  CHECK(d.rfind("  policy boundary kind=boundary", 0) == 0);
}

TEST_CASE("model: a role definition with every document form", "[model]") {
  const std::string text = R"({
  "RoleName": "R",
  "Path": "/service-role/",
  "MaxSessionDuration": 3600,
  "Tags": [{"Key": "a", "Value": "b"}],
  "AssumeRolePolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"mediaconvert.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
  "Policies": [{"PolicyName": "inline1", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
  "ManagedPolicyArns": ["arn:aws:iam::111122223333:policy/M", "arn:aws:iam::111122223333:policy/Unknown"],
  "ManagedPolicies": {"arn:aws:iam::111122223333:policy/M": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}},
  "PermissionsBoundary": "arn:aws:iam::111122223333:policy/M"
})";
  const std::string expected =
      "role R name=\"R\" path=\"/service-role/\" maxSession=3600 tags=1\n"
      "  policy trust kind=trust file=t.json version=\"2012-10-17\"\n"
      "   statement 0 @6:75 effect=Allow sid=-\n"
      "    Action @6:167: \"sts:AssumeRole\"@6:167\n"
      "    Principal @6:111\n"
      "      Service @6:124: \"mediaconvert.amazonaws.com\"@6:124\n"
      "  policy inline:inline1 kind=identity file=t.json version=\"2012-10-17\"\n"
      "   statement 0 @7:100 effect=Allow sid=-\n"
      "    Action @7:130: \"s3:GetObject\"@7:130\n"
      "    Resource @7:158: \"*\"@7:158\n"
      "  managed arn:aws:iam::111122223333:policy/M\n"
      "  policy arn:aws:iam::111122223333:policy/M kind=managed file=t.json version=\"2012-10-17\"\n"
      "   statement 0 @9:101 effect=Deny sid=-\n"
      "    Action @9:130: \"iam:*\"@9:130\n"
      "    Resource @9:151: \"*\"@9:151\n"
      "  managed arn:aws:iam::111122223333:policy/Unknown (unresolved)\n"
      "  boundary arn:aws:iam::111122223333:policy/M\n"
      "  policy boundary:arn:aws:iam::111122223333:policy/M kind=boundary file=t.json version=\"2012-10-17\"\n"
      "   statement 0 @9:101 effect=Deny sid=-\n"
      "    Action @9:130: \"iam:*\"@9:130\n"
      "    Resource @9:151: \"*\"@9:151\n"
      "problem 6 t.json:8:63 managed policy \"arn:aws:iam::111122223333:policy/Unknown\" is not defined in this run, "
      "so its statements are not checked; add its document under \"ManagedPolicies\" or map the ARN to a file in "
      ".rolelint.json \"policies\"\n";
  CHECK(dumpOf(text) == expected);
}
