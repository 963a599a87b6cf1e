// Action-level set helpers of src/analysis/match.h (used by the RL5xx rules).
#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "input/input.h"
#include "model/model.h"

namespace {

rolelint::model::PolicyDocument doc(const std::string& text) {
  rolelint::input::Loader loader;
  auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText("m.json", text, tmp, tmp);
  REQUIRE(file.tree);
  REQUIRE(file.tree->root());
  return rolelint::model::buildPolicy({file.tree, file.tree->root(), false}, rolelint::model::PolicyKind::Boundary,
                                      "b", "");
}

}  // namespace

TEST_CASE("match: glob pattern intersection", "[analysis][match]") {
  namespace an = rolelint::analysis;
  struct Row {
    const char *a, *b;
    bool expected;
  };
  const Row rows[] = {
      {"s3:*", "s3:GetObject", true},    {"s3:Get*", "s3:*Object", true}, {"s3:Get*", "s3:Put*", false},
      {"*", "iam:PassRole", true},       {"S3:GET?BJECT", "s3:getobject", true},
      {"s3:Get?", "s3:GetAB", false},    {"iam:*User", "iam:Create*", true}, {"ec2:*", "s3:*", false},
      {"", "", true},                    {"a*", "", false},               {"*", "", true},
  };
  for (const auto& r : rows) {
    INFO(r.a << " / " << r.b);
    CHECK(an::patternsIntersect(r.a, r.b) == r.expected);
    CHECK(an::patternsIntersect(r.b, r.a) == r.expected);
  }
}

TEST_CASE("match: boundary may-allow and always-deny", "[analysis][match]") {
  namespace an = rolelint::analysis;
  auto d = doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::media/*"},
    {"Effect": "Allow", "NotAction": ["iam:*", "s3:*", "ec2:*"], "Resource": "*"},
    {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
    {"Effect": "Deny", "Action": "sqs:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    {"Effect": "Deny", "Action": "sns:*", "Resource": "arn:aws:sns:*:*:t"}]})");
  CHECK(an::mayAllow(d, "s3:GetObject"));       // narrower resource still counts
  CHECK(an::mayAllow(d, "sqs:SendMessage"));    // NotAction
  CHECK(an::mayAllow(d, "ec2:DescribeVpcs"));   // conditional allow counts
  CHECK_FALSE(an::mayAllow(d, "iam:PassRole"));
  CHECK_FALSE(an::mayAllow(d, "ec2:RunInstances"));
  CHECK(an::alwaysDenies(d, "s3:DeleteBucket") != nullptr);
  CHECK(an::alwaysDenies(d, "sqs:SendMessage") == nullptr);  // conditional
  CHECK(an::alwaysDenies(d, "sns:Publish") == nullptr);      // not every resource
  CHECK_FALSE(an::allowsEverything(d.statements[0]));
  auto all = doc(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["*"], "Resource": "*"}})");
  CHECK(an::allowsEverything(all.statements[0]));
}

TEST_CASE("match: an empty Condition block restricts nothing", "[analysis][match]") {
  namespace an = rolelint::analysis;
  auto d = doc(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*", "Condition": {}},
    {"Effect": "Deny", "Action": "sqs:DeleteQueue", "Resource": "*", "Condition": {"StringEquals": {}}},
    {"Effect": "Deny", "Action": "sns:DeleteTopic", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}},
    {"Effect": "Deny", "Action": "kms:ScheduleKeyDeletion", "Resource": "*", "Condition": "yes"},
    {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {}}]})");
  CHECK(an::alwaysDenies(d, "s3:DeleteBucket") == &d.statements[0]);
  CHECK(an::alwaysDenies(d, "sqs:DeleteQueue") == &d.statements[1]);
  CHECK(an::alwaysDenies(d, "sns:DeleteTopic") == nullptr);          // a real condition
  CHECK(an::alwaysDenies(d, "kms:ScheduleKeyDeletion") == nullptr);  // malformed: counts as restricting
  CHECK_FALSE(an::restrictsByCondition(d.statements[0]));
  CHECK(an::restrictsByCondition(d.statements[3]));
  CHECK(an::allowsEverything(d.statements[4]));
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  const auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);
  const an::DenyIndex index(*cat, {&d});
  CHECK(index.denying(std::string_view("s3:DeleteBucket")).first == &d.statements[0]);
  CHECK(index.denying(std::string_view("sns:DeleteTopic")).first == nullptr);
}

TEST_CASE("match: action expansion without a catalog", "[analysis][match]") {
  namespace an = rolelint::analysis;
  auto lit = an::expandActions("s3:GetObject", nullptr);
  REQUIRE(lit);
  CHECK(*lit == std::vector<std::string>{"s3:GetObject"});
  CHECK_FALSE(an::expandActions("s3:Get*", nullptr));
  CHECK_FALSE(an::expandActions("*", nullptr));
}

TEST_CASE("match: Resource pattern intersection, per segment", "[analysis][match]") {
  namespace an = rolelint::analysis;
  struct Row {
    const char *a, *b;
    bool expected;
  };
  const Row rows[] = {
      {"*", "arn:aws:s3:::b/*", true},
      {"arn:aws:s3:::media-*/*", "arn:aws:s3:::media-in/*", true},
      {"arn:aws:s3:::archive/*", "arn:aws:s3:::media-in/*", false},
      {"arn:aws:s3:::B/*", "arn:aws:s3:::b/*", false},  // case-sensitive
      {"arn:aws:sqs:*:111122223333:q", "arn:aws:sqs:us-east-1:*:q", true},
      {"arn:aws:sqs:*:111122223333:q", "arn:aws:sqs:us-east-1:444455556666:q", false},
      {"arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/*", true},
  };
  for (const auto& r : rows) {
    INFO(r.a << " / " << r.b);
    CHECK(an::arnPatternsIntersect(r.a, r.b) == r.expected);
    CHECK(an::arnPatternsIntersect(r.b, r.a) == r.expected);
  }
}
