// YAML to located JSON: types, spans of keys and values (plain, quoted, flow,
// block, tagged), short-form CloudFormation tags, problems.
#include <catch2/catch.hpp>
#include "core/source.h"
#include <string>

#include "input/yaml.h"

// A value keeps offsets; its line and column are worked out from the text (core::LineIndex).
[[maybe_unused]] static rolelint::core::Pos posIn(std::string_view text, uint32_t offset) {
  return rolelint::core::LineIndex(text).position(text, offset);
}

namespace {

using rolelint::json::Kind;
using rolelint::json::Value;

std::string span(std::string_view text, const Value& v) {
  return std::to_string(posIn(text, v.begin).line) + ":" + std::to_string(posIn(text, v.begin).column) + " " +
         std::string(text.substr(v.begin, v.end - v.begin));
}

}  // namespace

TEST_CASE("yaml: values keep their spans and types", "[inputs][yaml]") {
  const std::string text =
      "a: plain value   # comment\n"
      "b: \"quo\\\"ted\"\n"
      "c: 'it''s'\n"
      "n: 3600\n"
      "s: \"3600\"\n"
      "t: true\n"
      "z: ~\n"
      "f: [x, \"y\", {k: v}]\n"
      "r: !Sub 'arn:${AWS::Partition}:s3:::b'\n"
      "g: !GetAtt [Queue, Arn]\n"
      "blk: |\n"
      "  line one\n"
      "  line two\n"
      "é: après\n";
  const rolelint::core::LineIndex lines(text);
  auto doc = rolelint::input::readYaml(text, lines);
  REQUIRE(doc.problems.empty());
  REQUIRE(doc.root);
  const Value& r = *doc.root;
  REQUIRE(r.isObject());
  CHECK(span(text, *r.find("a")) == "1:4 plain value");
  CHECK(r.find("a")->text == "plain value");
  CHECK(span(text, *r.find("b")) == "2:4 \"quo\\\"ted\"");
  CHECK(r.find("b")->text == "quo\"ted");
  CHECK(span(text, *r.find("c")) == "3:4 'it''s'");
  CHECK(r.find("n")->kind == Kind::Number);
  CHECK(r.find("s")->kind == Kind::String);
  CHECK(r.find("t")->kind == Kind::Boolean);
  CHECK(r.find("z")->kind == Kind::Null);
  const Value& f = *r.find("f");
  CHECK(span(text, f) == "8:4 [x, \"y\", {k: v}]");
  REQUIRE(f.elements.size() == 3);
  CHECK(span(text, f.elements[0]) == "8:5 x");
  CHECK(span(text, f.elements[1]) == "8:8 \"y\"");
  CHECK(span(text, *f.elements[2].find("k")) == "8:17 v");
  const Value& sub = *r.find("r");
  REQUIRE(sub.isObject());
  REQUIRE(sub.members.size() == 1);
  CHECK(sub.members[0].key == "Fn::Sub");
  CHECK(span(text, sub.members[0].value) == "9:9 'arn:${AWS::Partition}:s3:::b'");
  const Value& att = *r.find("g");
  REQUIRE(att.isObject());
  CHECK(att.members[0].key == "Fn::GetAtt");
  CHECK(att.members[0].value.isArray());
  CHECK(r.find("blk")->text == "line one\nline two\n");
  CHECK(span(text, *r.find("blk")) == "11:6 |\n  line one\n  line two");
  const Value& e = *r.find("é");
  CHECK(span(text, e) == "14:4 après");
  CHECK(posIn(text, r.members.back().keyBegin).column == 1);
  CHECK(posIn(text, r.members.back().keyEnd).column == 2);  // "é" is one UTF-16 unit
}

TEST_CASE("yaml: syntax errors and duplicate keys are located problems", "[inputs][yaml]") {
  const std::string bad = "a: [1, 2\nb: c\n";
  auto d1 = rolelint::input::readYaml(bad, rolelint::core::LineIndex(bad));
  REQUIRE(d1.problems.size() == 1);
  CHECK(d1.problems[0].code == rolelint::json::ProblemCode::Syntax);
  CHECK(!d1.root);
  const std::string dup = "a: 1\nb: 2\na: 3\n";
  auto d2 = rolelint::input::readYaml(dup, rolelint::core::LineIndex(dup));
  REQUIRE(d2.problems.size() == 1);
  CHECK(d2.problems[0].code == rolelint::json::ProblemCode::DuplicateKey);
  CHECK(d2.problems[0].range.begin.line == 3);
  CHECK(d2.problems[0].range.end.column == 2);
  REQUIRE(d2.problems[0].related);
  CHECK(d2.problems[0].related->begin.line == 1);
  const std::string empty = "  \n";
  auto d3 = rolelint::input::readYaml(empty, rolelint::core::LineIndex(empty));
  REQUIRE(d3.problems.size() == 1);
  CHECK(d3.problems[0].code == rolelint::json::ProblemCode::Empty);
}
