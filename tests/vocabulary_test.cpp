// The IAM vocabulary of src/core, table-driven: text helpers, ARNs, actions,
// condition operators, IP ranges and unknown parts (docs/architecture.md, "The vocabulary").
#include <catch2/catch.hpp>

#include "core/action.h"
#include "core/arn.h"
#include "core/condition_operator.h"
#include "core/ip_range.h"
#include "core/text.h"
#include "core/unknown.h"

using namespace rolelint::core;

TEST_CASE("text: ASCII case folding and comparison", "[vocabulary]") {
  CHECK(iequals("s3:GetObject", "S3:getobject"));
  CHECK_FALSE(iequals("s3:GetObject", "s3:GetObjects"));
  CHECK_FALSE(iequals("\xC3\xA9", "\xC3\x89"));  // é / É: IAM folds ASCII only
  CHECK(icompare("a", "B") < 0);
  CHECK(icompare("b", "A") > 0);
  CHECK(icompare("ab", "AB") == 0);
  CHECK(icompare("ab", "abc") < 0);
  CHECK(istartsWith("ForAllValues:StringLike", "forallvalues:"));
  CHECK(iendsWith("StringEqualsIfExists", "ifexists"));
  CHECK_FALSE(istartsWith("For", "ForAll"));
  CHECK(lower("AWS:SourceIp") == "aws:sourceip");
}

TEST_CASE("text: edit distance, with and without transpositions, case and limit", "[vocabulary]") {
  CHECK(editDistance("us-east-1", "us-east-1") == 0);
  CHECK(editDistance("eu-westt-1", "eu-west-1") == 1);
  CHECK(editDistance("GetObject", "getobject") == 0);
  CHECK(editDistance("GetObject", "getobject", {.ignoreCase = false}) == 2);
  CHECK(editDistance("DescirbeLogStreams", "DescribeLogStreams") == 2);
  CHECK(editDistance("DescirbeLogStreams", "DescribeLogStreams", {.transpositions = true}) == 1);
  CHECK(editDistance("abcdef", "uvwxyz", {.limit = 2}) == 3);  // stops at limit + 1
  CHECK(editDistance("", "abc") == 3);
}

TEST_CASE("wildcards: IAM globs", "[vocabulary]") {
  CHECK(wildcardMatch("s3:Get*", "s3:GetObject", false));
  CHECK(wildcardMatch("S3:get*", "s3:GetObject", true));
  CHECK_FALSE(wildcardMatch("S3:get*", "s3:GetObject", false));
  CHECK(wildcardMatch("s3:?etObject", "s3:GetObject", false));
  CHECK(wildcardsIntersect("s3:Get*", "s3:*Object", false));
  CHECK_FALSE(wildcardsIntersect("s3:Get*", "s3:Put*", false));
}

TEST_CASE("arn: one splitter, typed fields with globs, variables and unknown parts", "[vocabulary]") {
  auto f = splitArnFields("arn:aws:s3:::media/*");
  REQUIRE(f);
  CHECK((*f)[2] == "s3");
  CHECK((*f)[5] == "media/*");
  CHECK_FALSE(splitArnFields("arn:aws:s3"));
  // A ':' inside a policy variable does not separate fields.
  auto v = splitArn("arn:aws:iam::${aws:PrincipalAccount}:role/x");
  REQUIRE(v);
  CHECK(v->account == "${aws:PrincipalAccount}");
  CHECK(v->resource == "role/x");
  CHECK_FALSE(splitArn("foo:aws:s3:::x"));  // not "arn:"
  // The resource part keeps its colons.
  CHECK(splitArn("arn:aws:logs:us-east-1:111122223333:log-group:/a:log-stream:b")->resource ==
        "log-group:/a:log-stream:b");

  const std::string text = "arn:aws:s3:::" + unknownMarker(0) + "/in/*";
  auto a = Arn::parse(text);
  REQUIRE(a);
  CHECK(a->literal(ArnField::Partition));
  CHECK(a->field(text, ArnField::Partition) == "aws");
  CHECK(a->field(text, ArnField::Region).empty());
  CHECK((a->flags(ArnField::Resource) & kArnUnknown) != 0);
  CHECK((a->flags(ArnField::Resource) & kArnGlob) != 0);
  CHECK(a->hasUnknown());
  const std::string var = "arn:aws:s3:::b/${aws:username}";
  CHECK((Arn::parse(var)->flags(ArnField::Resource) & kArnVariable) != 0);
  CHECK_FALSE(Arn::parse("*"));
}

TEST_CASE("action: prefix and name", "[vocabulary]") {
  const std::string t = "mediaconvert:CreateJob";
  Action a(t);
  CHECK(a.ok());
  CHECK(a.prefix(t) == "mediaconvert");
  CHECK(a.name(t) == "CreateJob");
  CHECK_FALSE(a.glob());
  CHECK(Action("s3:Get*").glob());
  CHECK_FALSE(Action("*").ok());
  CHECK_FALSE(Action("s3:a:b").ok());
  CHECK_FALSE(Action(":x").ok());
  CHECK(Action("s3:" + unknownMarker(2)).unknown());
}

TEST_CASE("condition operators: one table, qualifier, IfExists, case", "[vocabulary]") {
  struct Row {
    const char* op;
    bool known;
    OperatorFamily family;
    bool forAll, forAny, ifExists, negated;
  };
  const Row rows[] = {
      {"StringEquals", true, OperatorFamily::String, false, false, false, false},
      {"ForAllValues:StringNotLikeIfExists", true, OperatorFamily::String, true, false, true, true},
      {"ForAnyValue:ArnLike", true, OperatorFamily::Arn, false, true, false, false},
      {"NotIpAddress", true, OperatorFamily::Ip, false, false, false, true},
      {"DateGreaterThan", true, OperatorFamily::Date, false, false, false, false},
      {"Null", true, OperatorFamily::Null, false, false, false, false},
      {"NullIfExists", false, OperatorFamily::Unknown, false, false, true, false},  // IfExists never follows Null
      {"stringequals", false, OperatorFamily::Unknown, false, false, false, false},  // case-sensitive
      {"IfExists", false, OperatorFamily::Unknown, false, false, false, false},
      {"StringEqualz", false, OperatorFamily::Unknown, false, false, false, false},
  };
  for (const Row& r : rows) {
    INFO(r.op);
    const ConditionOperator o = parseOperator(r.op);
    CHECK(o.known() == r.known);
    CHECK(o.family == r.family);
    CHECK(o.forAll == r.forAll);
    CHECK(o.forAny == r.forAny);
    CHECK(o.ifExists == r.ifExists);
    CHECK(o.negated() == r.negated);
  }
  const ConditionOperator loose = parseOperator("forallvalues:stringlikeifexists", true);
  REQUIRE(loose.known());
  CHECK(loose.info->name == "StringLike");
  CHECK(loose.qualifier == "ForAllValues");
  CHECK(loose.ifExists);
  CHECK(findOperator("StringEqualsIgnoreCase")->match == OperatorMatch::EqualsIgnoreCase);
  CHECK(familyName(OperatorFamily::Ip) == "IP address");
}

TEST_CASE("IP ranges: parse, host bits, private ranges, containment", "[vocabulary]") {
  auto r = parseIpRange("203.0.113.7/24");
  REQUIRE(r);
  CHECK(r->hostBitsSet());
  CHECK(r->network() == "203.0.113.0/24");
  CHECK(parseIpRange("10.1.2.0/24")->isPrivate());
  CHECK_FALSE(parseIpRange("203.0.113.0/24")->isPrivate());
  CHECK(parseIpRange("2001:db8::/32"));
  CHECK_FALSE(parseIpRange("300.1.1.1"));
  CHECK_FALSE(parseIpRange("10.0.0.0/33"));
  CHECK(ipInRange("203.0.113.9", "203.0.113.0/24"));
  CHECK(ipInRange("203.0.113.9", "203.0.113.7/24"));  // host bits of the range are ignored
  CHECK_FALSE(ipInRange("203.0.114.9", "203.0.113.0/24"));
  CHECK(ipInRange(" 203.0.113.9 ", "203.0.113.0/24"));
  CHECK_FALSE(ipInRange("2001:db8::1", "203.0.113.0/24"));
  CHECK(ipInRange("2001:db8::1", "2001:db8::/32"));
}

TEST_CASE("unknown parts: markers, split, replace, display", "[vocabulary]") {
  const std::string s = "arn:aws:s3:::" + unknownMarker(1) + "/*";
  CHECK(hasUnknown(s));
  CHECK_FALSE(hasUnknown("arn:aws:s3:::b/*"));
  const auto parts = splitUnknown(s);
  REQUIRE(parts.size() == 3);
  CHECK(parts[1].unknown);
  CHECK(parts[1].id == 1);
  CHECK(replaceUnknown(s, "*") == "arn:aws:s3:::*/*");
  CHECK(isWhollyUnknown(unknownMarker(7)));
  CHECK_FALSE(isWhollyUnknown("x" + unknownMarker(7)));
  const std::vector<UnknownOrigin> origins = {{"!Ref A", "parameter A", {}}, {"!Ref InputBucket", "parameter InputBucket", {}}};
  CHECK(displayUnknown(s, origins) == "arn:aws:s3:::${parameter InputBucket}/*");
  CHECK(unknownIds(s + unknownMarker(0)) == std::vector<uint32_t>{1, 0});
  // A stray U+E000 is literal text.
  const std::string stray = std::string(kUnknownOpen) + "x";
  CHECK_FALSE(splitUnknown(stray).front().unknown);
  CHECK(replaceUnknown(stray, "*") == stray);
}
