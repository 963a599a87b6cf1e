// The IAM vocabulary of src/core, table-driven: text helpers, ARNs, actions,
// condition operators, IP ranges and unknown parts (docs/architecture.md, "The vocabulary").
#include <catch2/catch.hpp>

#include <filesystem>

#include "analysis/catalog_lookup.h"
#include "driver/embedded_data.h"
#include "input/input.h"
#include "model/model.h"

#include "core/action.h"
#include "core/arn.h"
#include "core/condition_operator.h"
#include "core/condition_value.h"
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

TEST_CASE("wildcards: the first `*` or `?` of a string, as find_first_of finds it", "[vocabulary]") {
  for (std::string_view s : {"", "*", "?", "s3:GetObject", "s3:Get*", "s3:?et*", "arn:aws:s3:::b/*", "a?b*c",
                             "no wildcard at all in a longer string of text", "\xEE\x80\x80*"}) {
    INFO(s);
    CHECK(rolelint::core::findWildcard(s) == s.find_first_of("*?"));
    CHECK(rolelint::core::hasWildcard(s) == (s.find_first_of("*?") != std::string_view::npos));
  }
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
  // Variables before and after the fifth colon, a '$' that opens no variable, too few
  // fields with and without '$' (the memchr path and the scan must agree).
  auto pv = splitArnFields("arn:${aws:partition}:iam::${aws:PrincipalAccount}:role/${aws:username}:x");
  REQUIRE(pv);
  CHECK((*pv)[1] == "${aws:partition}");
  CHECK((*pv)[3] == "");
  CHECK((*pv)[4] == "${aws:PrincipalAccount}");
  CHECK((*pv)[5] == "role/${aws:username}:x");
  auto pd = splitArnFields("arn:aws:s3:::a$b:c");
  REQUIRE(pd);
  CHECK((*pd)[5] == "a$b:c");
  auto pe = splitArnFields("arn:a$ws:s3:::b");
  REQUIRE(pe);
  CHECK((*pe)[1] == "a$ws");
  CHECK((*pe)[5] == "b");
  CHECK_FALSE(splitArnFields("arn:aws:iam::${aws:a:b:c}"));
  CHECK_FALSE(splitArnFields("arn:$:s3"));
  CHECK_FALSE(splitArnFields(""));
  CHECK(splitArnFields(":::::")->at(5).empty());
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

TEST_CASE("condition values: one parser per type", "[vocabulary]") {
  // Numbers: what the evaluator reads, and whether it is written as a plain decimal.
  CHECK(parseNumber("3600").value == 3600.0);
  CHECK(parseNumber("3600").plain);
  CHECK(parseNumber("-1.5").value == -1.5);
  CHECK(parseNumber(" 7 ").value == 7.0);
  CHECK_FALSE(parseNumber(" 7 ").plain);
  CHECK(parseNumber("1e3").value == 1000.0);
  CHECK_FALSE(parseNumber("1e3").plain);
  CHECK_FALSE(parseNumber("ten").value);
  CHECK_FALSE(parseNumber("inf").value);
  CHECK_FALSE(parseNumber("").value);

  // Dates: the documented forms, epoch seconds, forms read loosely, bad calendars, non-dates.
  using Form = DateValue::Form;
  CHECK(parseDate("2026-12-31").form == Form::Iso);
  CHECK(parseDate("1970-01-01T00:01:00Z").seconds == 60.0);
  CHECK(parseDate("1970-01-01T01:00:00+01:00").seconds == 0.0);
  CHECK(parseDate("1970-01-01T00:00:00.25Z").seconds == 0.25);
  CHECK(parseDate("1970-01-01T00:10").seconds == 600.0);
  CHECK(parseDate("86400").form == Form::Epoch);
  CHECK(parseDate("86400").seconds == 86400.0);
  for (const char* loose : {"1970-01-01 00:00:00Z", "1970-01-01t00:00:00Z", "1970-01-01T00:00:00z",
                            "1970-01-01T01:00:00+0100", " 1970-01-01", "1.5"}) {
    INFO(loose);
    CHECK(parseDate(loose).form == Form::Loose);
    CHECK(parseDate(loose).seconds.has_value());
  }
  CHECK(parseDate("1970-01-01T01:00:00+0100").seconds == 0.0);
  for (const char* calendar : {"2026-13-01", "2026-12-32", "2026-12-31T24:00:00Z", "2026-12-31T23:60:00Z",
                               "2026-12-31T23:59:61Z"}) {
    INFO(calendar);
    CHECK(parseDate(calendar).form == Form::Iso);
    CHECK_FALSE(parseDate(calendar).calendarOk);
    CHECK_FALSE(parseDate(calendar).seconds);
  }
  CHECK(parseDate("2026-12-31T23:59:60Z").calendarOk);  // a leap second
  for (const char* bad : {"yesterday", "2026-12-31X", "2026-12-31Z", "2026-12-31T", "2026-12-31T10:00.5Z",
                          "2026/12/31", "2026-12-*", "", "1.2.3"}) {
    INFO(bad);
    CHECK(parseDate(bad).form == Form::Malformed);
    CHECK_FALSE(parseDate(bad).seconds);
  }

  CHECK(parseBool("true") == true);
  CHECK(parseBool("FALSE") == false);
  CHECK_FALSE(parseBool("yes"));
  CHECK(isBase64("QmluYXJ5"));
  CHECK(isBase64("QQ=="));
  CHECK_FALSE(isBase64("QQ="));
  CHECK_FALSE(isBase64("not base64"));

  // typeValue: parsed once as the type; a variable or an unknown part is unknown, never invalid.
  CHECK(typeValue("203.0.113.0/24", ValueType::Ip).ip->prefix == 24);
  CHECK_FALSE(typeValue("my-office", ValueType::Ip).valid);
  CHECK(typeValue("2026-12-31", ValueType::Date).number.has_value());
  CHECK_FALSE(typeValue("soon", ValueType::Date).valid);
  CHECK(typeValue("false", ValueType::Bool).boolean == false);
  CHECK(typeValue("${aws:username}", ValueType::Numeric).unknown);
  CHECK(typeValue("${aws:username}", ValueType::Numeric).valid);
  const std::string param = std::string(kUnknownOpen) + "InputBucket" + std::string(kUnknownClose);
  CHECK(typeValue(param, ValueType::Ip).unknown);
  CHECK(typeValue("anything", ValueType::String).valid);
  CHECK(valueTypeOf(OperatorFamily::Null) == ValueType::Bool);
  CHECK(valueTypeName(ValueType::Ip) == "IPAddress");
}

TEST_CASE("condition values: typed by the key's type, else by the operator's", "[vocabulary]") {
  rolelint::input::Loader loader;
  const auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText("values.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": "s3:GetObject", "Resource": "*", "Condition": {
      "StringEquals": {"aws:SourceIp": ["203.0.113.0/24", "office"]},
      "DateLessThan": {"aws:CurrentTime": "2026-12-31T23:59:59Z"},
      "NumericLessThan": {"example:Unknown": ["5", 7]},
      "Bool": {"aws:SecureTransport": true}}}]})", tmp, tmp);
  REQUIRE(file.tree);
  const auto doc = rolelint::model::buildPolicy({file.tree, file.tree->root(), false},
                                                rolelint::model::PolicyKind::Identity, "p", "");
  REQUIRE(doc.statements.size() == 1);
  const auto& conds = doc.statements[0].conditions;
  REQUIRE(conds.size() == 4);
  auto cat = rolelint::driver::embeddedCatalog();
  REQUIRE(cat);
  REQUIRE(*cat != nullptr);
  namespace an = rolelint::analysis::lookup;

  // aws:SourceIp is an IPAddress key: its values are IP ranges, whatever the operator.
  const auto ip = an::conditionValues(conds[0], *cat);
  REQUIRE(ip.size() == 2);
  CHECK(ip[0].type == ValueType::Ip);
  CHECK(ip[0].ip->prefix == 24);
  CHECK_FALSE(ip[1].valid);
  // Without a catalog, the operator decides: StringEquals compares strings.
  CHECK(an::conditionValues(conds[0], nullptr)[1].type == ValueType::String);
  CHECK(an::conditionValues(conds[0], nullptr)[1].valid);

  const auto date = an::conditionValues(conds[1], *cat);
  REQUIRE(date.size() == 1);
  CHECK(date[0].type == ValueType::Date);
  CHECK(date[0].number.has_value());

  // A key the catalog does not know: the operator's type; a JSON number is its text.
  const auto num = an::conditionValues(conds[2], *cat);
  REQUIRE(num.size() == 2);
  CHECK(num[0].type == ValueType::Numeric);
  CHECK(num[0].number == 5.0);
  CHECK(num[1].number == 7.0);

  const auto b = an::conditionValues(conds[3], *cat);
  REQUIRE(b.size() == 1);
  CHECK(b[0].type == ValueType::Bool);
  CHECK(b[0].boolean == true);
}
