// YAML forms CloudFormation accepts that yaml-cpp alone rejects (tagged block
// and multi-line scalars in sequence entries), and bounded work on hostile YAML
// (issue 21): long numeric scalars, alias expansion by bytes, large mappings.
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

rolelint::json::Document read(const std::string& text) {
  const rolelint::core::LineIndex lines(text);
  return rolelint::input::readYaml(text, lines);
}

}  // namespace

TEST_CASE("yaml: a tagged folded or literal block scalar in a sequence entry", "[inputs][yaml]") {
  const std::string text =
      "a:\n"
      "  - !Sub >\n"
      "    arn:${AWS::Partition}:s3:::b/*\n"
      "  - !Sub |\n"
      "    {\"x\": 1}\n"
      "  - plain\n";
  auto doc = read(text);
  REQUIRE(doc.problems.empty());
  REQUIRE(doc.root);
  const Value& a = *doc.root->find("a");
  REQUIRE(a.elements.size() == 3);
  const Value& folded = a.elements[0];
  REQUIRE(folded.isObject());
  REQUIRE(folded.members.size() == 1);
  CHECK(folded.members[0].key == "Fn::Sub");
  CHECK(folded.members[0].value.text == "arn:${AWS::Partition}:s3:::b/*\n");
  CHECK(posIn(text, folded.begin).line == 2);
  CHECK(posIn(text, folded.begin).column == 5);  // at the tag
  CHECK(posIn(text, folded.members[0].value.begin).column == 10);  // at '>'
  const Value& literal = a.elements[1];
  REQUIRE(literal.isObject());
  CHECK(literal.members[0].value.text == "{\"x\": 1}\n");
  CHECK(posIn(text, literal.begin).line == 4);
  CHECK(a.elements[2].text == "plain");
}

TEST_CASE("yaml: a tagged plain scalar continued on the next line", "[inputs][yaml]") {
  const std::string text =
      "r:\n"
      "  - !Sub arn:${AWS::Partition}:s3:::b\n"
      "    /key/*\n"
      "  - x\n"
      "k: !Ref\n"
      "  Bucket\n";
  auto doc = read(text);
  REQUIRE(doc.problems.empty());
  const Value& r = *doc.root->find("r");
  REQUIRE(r.elements.size() == 2);
  REQUIRE(r.elements[0].isObject());
  CHECK(r.elements[0].members[0].key == "Fn::Sub");
  CHECK(r.elements[0].members[0].value.text == "arn:${AWS::Partition}:s3:::b /key/*");
  CHECK(posIn(text, r.elements[0].begin).line == 2);
  CHECK(posIn(text, r.elements[0].begin).column == 5);
  const Value& k = *doc.root->find("k");
  REQUIRE(k.isObject());
  CHECK(k.members[0].key == "Ref");
  CHECK(k.members[0].value.text == "Bucket");
}

TEST_CASE("yaml: a 50,000-digit scalar is a number, read without recursion", "[inputs][yaml]") {
  const std::string digits(50000, '7');
  auto doc = read("n: " + digits + "\nm: 1.5e3\nx: 12ab\n");
  REQUIRE(doc.problems.empty());
  CHECK(doc.root->find("n")->kind == Kind::Number);
  CHECK(doc.root->find("n")->text.size() == 50000);
  CHECK(doc.root->find("m")->kind == Kind::Number);
  CHECK(doc.root->find("x")->kind == Kind::String);
}

TEST_CASE("yaml: alias expansion is bounded by bytes, with a located problem", "[inputs][yaml]") {
  // 200 KB of scalar, aliased 100 times per level over four levels: 2 TB if expanded.
  std::string text = "a: &a \"" + std::string(200000, 'x') + "\"\n";
  text += "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
  text += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
  text += "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
  text += "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
  auto doc = read(text);
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].code == rolelint::json::ProblemCode::TooDeep);
  CHECK(doc.problems[0].message.find("MiB") != std::string::npos);
  CHECK(doc.problems[0].range.begin.line >= 2);  // at the value where the budget ran out
}

TEST_CASE("yaml: an 80,000-key mapping is read and its one duplicate found", "[inputs][yaml]") {
  std::string text;
  for (int i = 0; i < 80000; ++i) text += "k" + std::to_string(i) + ": v\n";
  text += "k123: again\n";
  auto doc = read(text);
  REQUIRE(doc.root);
  CHECK(doc.root->members.size() == 80001);
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].code == rolelint::json::ProblemCode::DuplicateKey);
  CHECK(doc.problems[0].range.begin.line == 80001);
  REQUIRE(doc.problems[0].related);
  CHECK(doc.problems[0].related->begin.line == 124);
}

TEST_CASE("yaml: .template files are YAML unless they start with an object", "[inputs][yaml]") {
  CHECK(rolelint::input::isYamlText("stack.template", "AWSTemplateFormatVersion: x\n"));
  CHECK_FALSE(rolelint::input::isYamlText("stack.template", "  {\"Resources\": {}}"));
  CHECK(rolelint::input::isYamlText("a.yml", "{}"));
  CHECK_FALSE(rolelint::input::isYamlText("a.json", "a: b"));
}
