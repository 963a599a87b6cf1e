// The located JSON reader: positions (offset, line, UTF-16 column) of values
// and keys, RFC 6901 pointers, problems with their exact places, and bounds on
// hostile input. Table-driven where the shape repeats.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/source.h"
#include "json/reader.h"

// A value keeps offsets; its line and column are worked out from the text (core::LineIndex).
[[maybe_unused]] static rolelint::core::Pos posIn(std::string_view text, uint32_t offset) {
  return rolelint::core::LineIndex(text).position(text, offset);
}

using rolelint::json::Kind;
using rolelint::json::ProblemCode;
using rolelint::json::read;

namespace {
const rolelint::json::Value& at(const rolelint::json::Value& v, const std::string& key) {
  const auto* r = v.find(key);
  REQUIRE(r != nullptr);
  return *r;
}
}  // namespace

TEST_CASE("reader: values carry start/end offset, line and column", "[json]") {
  const std::string text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\"}, 42, true, null\n  ]\n}";
  auto doc = read(text);
  REQUIRE(doc.problems.empty());
  REQUIRE(doc.root);
  const auto& root = *doc.root;
  CHECK(root.kind == Kind::Object);
  CHECK(root.begin == 0);
  CHECK(posIn(text, root.begin).line == 1);
  CHECK(posIn(text, root.begin).column == 1);
  CHECK(root.end == text.size());
  const auto& version = at(root, "Version");
  CHECK(version.text == "2012-10-17");
  CHECK(posIn(text, version.begin).line == 2);
  CHECK(posIn(text, version.begin).column == 14);
  CHECK(posIn(text, version.end).column == 26);
  const auto* vm = version.memberOf();
  REQUIRE(vm != nullptr);
  CHECK(posIn(text, vm->keyBegin).line == 2);
  CHECK(posIn(text, vm->keyBegin).column == 3);
  CHECK(posIn(text, vm->keyEnd).column == 12);
  const auto& st = at(root, "Statement");
  REQUIRE(st.elements.size() == 4);
  CHECK(posIn(text, st.elements[0].begin).line == 4);
  CHECK(posIn(text, st.elements[0].begin).column == 5);
  CHECK(st.elements[1].kind == Kind::Number);
  CHECK(st.elements[1].text == "42");
  CHECK(posIn(text, st.elements[1].begin).column == 26);
  CHECK(st.elements[2].kind == Kind::Boolean);
  CHECK(st.elements[2].boolean);
  CHECK(st.elements[3].kind == Kind::Null);
  CHECK(posIn(text, st.elements[3].end).column == 40);
}

TEST_CASE("reader: JSON pointers follow RFC 6901, with ~0 and ~1 escapes", "[json]") {
  auto doc = read(R"({"Statement": [{"Condition": {"StringLike": {"a/b~c": ["x", "y"]}}}]})");
  REQUIRE(doc.root);
  const auto& y = at(at(at(doc.root->find("Statement")->elements[0], "Condition"), "StringLike"), "a/b~c").elements[1];
  CHECK(rolelint::json::pointerOf(y) == "/Statement/0/Condition/StringLike/a~1b~0c/1");
  const auto& stmt = doc.root->find("Statement")->elements[0];
  CHECK(rolelint::json::pointerOf(y, &stmt) == "/Condition/StringLike/a~1b~0c/1");
  CHECK(rolelint::json::pointerOf(*doc.root).empty());

  // Deeper than the 32 levels pointerOf keeps on the stack: 40 nested arrays, the
  // innermost at index 1, under a key; and the same path from the third level down.
  std::string deep = "{\"k\": ";
  for (int i = 0; i < 40; ++i) deep += "[0, ";
  deep += "7";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  auto nested = read(deep);
  REQUIRE(nested.root);
  const rolelint::json::Value* v = nested.root->find("k");
  std::string expected = "/k";
  const rolelint::json::Value* third = nullptr;
  for (int i = 0; i < 40; ++i) {
    REQUIRE(v->elements.size() == 2);
    v = &v->elements[1];
    expected += "/1";
    if (i == 1) third = v;
  }
  CHECK(rolelint::json::pointerOf(*v) == expected);
  CHECK(rolelint::json::pointerOf(*v, third) == expected.substr(std::string("/k/1/1").size()));
}

TEST_CASE("reader: columns count UTF-16 code units", "[json]") {
  // "é" is 2 bytes / 1 unit; "🎬" is 4 bytes / 2 units.
  const std::string text = "{\"a\": \"é🎬\", \"b\": 1}";
  auto doc = read(text);
  REQUIRE(doc.problems.empty());
  const auto& b = at(*doc.root, "b");
  CHECK(b.begin == 21);  // é is 2 bytes, the clapper 4
  CHECK(posIn(text, b.begin).column == 19);  // 18 UTF-16 units before it: é is 1, the clapper 2
}

TEST_CASE("reader: string escapes are decoded", "[json]") {
  auto doc = read(R"({"s": "a\"b\\c\/d\n\t\u00e9\ud83c\udfac"})");
  REQUIRE(doc.problems.empty());
  CHECK(at(*doc.root, "s").text == "a\"b\\c/d\n\t\xC3\xA9\xF0\x9F\x8E\xAC");
}

TEST_CASE("reader: a character that needs attention is found anywhere in a longer string", "[json]") {
  // The reader passes over plain bytes eight at a time: an escape, a multi-byte
  // character, a control character or the closing quote must be seen wherever it falls.
  struct Special {
    std::string raw;      // as written in the JSON text
    std::string decoded;  // as the string holds it
    uint32_t units;       // UTF-16 code units it takes in a column
  };
  const Special specials[] = {{"\\\"", "\"", 2}, {"\\\\", "\\", 2},         {"\\n", "\n", 2},
                              {"\xc3\xa9", "\xc3\xa9", 1}, {"\xf0\x9f\x8e\xac", "\xf0\x9f\x8e\xac", 2},
                              {"", "", 0}};
  for (const Special& sp : specials)
    for (size_t at = 0; at < 19; ++at) {
      std::string body(19, 'x');
      std::string decoded = body;
      body.insert(at, sp.raw);
      decoded.insert(at, sp.decoded);
      const std::string text = "{\"s\": \"" + body + "\", \"n\": 1}";
      INFO(text);
      auto doc = read(text);
      REQUIRE(doc.problems.empty());
      REQUIRE(doc.root);
      CHECK(::at(*doc.root, "s").text == decoded);
      // 1-based: `{"s": "` is 7 units, then the 19 x's, the special and `", "n": ` (8).
      CHECK(posIn(text, ::at(*doc.root, "n").begin).column == 7 + 19 + sp.units + 8 + 1);
    }
  // A control character and an unclosed string at each place are located errors.
  for (size_t at = 0; at < 19; ++at) {
    std::string body(19, 'x');
    body.insert(at, "\t");
    auto doc = read("{\"s\": \"" + body + "\"}");
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].range.begin.column == 8 + at);
    auto open = read("{\"s\": \"" + std::string(at, 'x'));
    REQUIRE(open.problems.size() == 1);
    CHECK(open.problems[0].range.begin.column == 7);
  }
}

TEST_CASE("reader: line starts are found in text with long and short lines", "[json]") {
  std::string text;
  std::vector<size_t> starts{0};
  for (size_t n : {0, 1, 7, 8, 9, 64, 200, 3}) {
    text += std::string(n, 'a') + "\n";
    starts.push_back(text.size());
  }
  text += "tail";
  rolelint::core::LineIndex idx(text);
  REQUIRE(idx.lineCount() == starts.size());
  for (size_t i = 0; i < starts.size(); ++i) {
    CHECK(idx.position(text, starts[i]).line == i + 1);
    CHECK(idx.position(text, starts[i]).column == 1);
  }
  CHECK(idx.lineText(text, static_cast<uint32_t>(starts.size())) == "tail");
}

TEST_CASE("reader: duplicate keys are kept and reported with both places", "[json]") {
  auto doc = read("{\"Effect\": \"Allow\",\n \"Effect\": \"Deny\"}");
  REQUIRE(doc.root);
  CHECK(doc.root->members.size() == 2);
  REQUIRE(doc.problems.size() == 1);
  const auto& p = doc.problems[0];
  CHECK(p.code == ProblemCode::DuplicateKey);
  CHECK(p.range.begin.line == 2);
  CHECK(p.range.begin.column == 2);
  REQUIRE(p.related);
  CHECK(p.related->begin.line == 1);
  CHECK(p.related->begin.column == 2);
}

TEST_CASE("reader: duplicate keys in large objects use the hashed path", "[json]") {
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  text += "\"k42\": 0}";
  auto doc = read(text);
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].code == ProblemCode::DuplicateKey);
  CHECK(doc.problems[0].message.find("\"k42\"") != std::string::npos);
}

struct SyntaxCase {
  const char* text;
  uint32_t line;
  uint32_t column;
  const char* messagePart;
};

TEST_CASE("reader: syntax errors name the place and what was expected", "[json]") {
  const SyntaxCase cases[] = {
      {"{\"a\": 1,}", 1, 9, "trailing comma before '}'"},
      {"[1, 2,]", 1, 7, "trailing comma before ']'"},
      {"{\"a\" 1}", 1, 6, "expected ':' after the member name, found '1'"},
      {"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after an object member, found '\"'"},
      {"{\"a\": [1 2]}", 1, 10, "expected ',' or ']' after an array element, found '2'"},
      {"{'a': 1}", 1, 2, "double quotes"},
      {"{\"a\": 'x'}", 1, 7, "double quotes"},
      {"{\"a\": 1} // c", 1, 10, "after the end of the top-level value"},
      {"{\n  // comment\n}", 2, 3, "expected a member name in double quotes, found '/'"},
      {"{\"a\": // c\n 1}", 1, 7, "comments are not allowed"},
      {"{\"a\": tru}", 1, 7, "expected a value"},
      {"{\"a\": 01}", 1, 7, "leading zeros"},
      {"{\"a\": 1.}", 1, 9, "after the decimal point"},
      {"{\"a\": -}", 1, 8, "expected a digit"},
      {"{\"a\": \"x\ny\"}", 1, 9, "line break inside a string"},
      {"{\"a\": \"\\x\"}", 1, 8, "invalid escape '\\x'"},
      {"{\"a\": \"\\u12G4\"}", 1, 8, "four hexadecimal digits"},
      {"{\"a\": \"abc", 1, 7, "never closed"},
      {"{\"a\": [1, 2", 1, 12, "expected ',' or ']'"},
      {"{\"a\":", 1, 6, "the object is not closed"},
      {"{\"a\": }", 1, 7, "expected a value after ':', found '}'"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto doc = read(c.text);
    CHECK_FALSE(doc.root);
    REQUIRE(!doc.problems.empty());
    const auto& p = doc.problems.back();
    CHECK(p.code == ProblemCode::Syntax);
    CHECK(p.range.begin.line == c.line);
    CHECK(p.range.begin.column == c.column);
    CHECK_THAT(p.message, Catch::Matchers::Contains(c.messagePart));
  }
}

TEST_CASE("reader: encoding problems", "[json]") {
  SECTION("BOM is reported and skipped; columns count it as one unit") {
    const std::string text = "\xEF\xBB\xBF{\"a\": 1}";
    auto doc = read(text);
    REQUIRE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].code == ProblemCode::ByteOrderMark);
    CHECK(posIn(text, doc.root->begin).column == 2);
  }
  SECTION("invalid UTF-8 is replaced and reported, reading goes on") {
    auto doc = read("{\"a\": \"caf\xE9\", \"b\": \"\xC0\xAF\"}");
    REQUIRE(doc.root);
    CHECK(at(*doc.root, "a").text == "caf\xEF\xBF\xBD");
    REQUIRE(doc.problems.size() == 3);
    CHECK(doc.problems[0].code == ProblemCode::InvalidUtf8);
    CHECK(doc.problems[0].range.begin.column == 11);
  }
  SECTION("reports are capped") {
    auto doc = read("{\"a\": \"" + std::string(1000, '\xFF') + "\"}");
    REQUIRE(doc.root);
    CHECK(doc.problems.size() == 10);
  }
  SECTION("UTF-16 text is recognised") {
    auto doc = read(std::string("\xFF\xFE{\0\"\0", 6));
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].code == ProblemCode::Encoding);
  }
  SECTION("NUL bytes are a located syntax error") {
    auto doc = read(std::string("{\"a\": \"x\0y\"}", 12));
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].range.begin.column == 9);
    CHECK_THAT(doc.problems[0].message, Catch::Matchers::Contains("NUL byte"));
  }
  SECTION("lone surrogate escapes") {
    auto doc = read(R"({"a": "\ud800x"})");
    REQUIRE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].code == ProblemCode::InvalidUtf8);
  }
}

TEST_CASE("reader: empty input and top-level scalars", "[json]") {
  auto empty = read("  \n ");
  CHECK_FALSE(empty.root);
  REQUIRE(empty.problems.size() == 1);
  CHECK(empty.problems[0].code == ProblemCode::Empty);
  auto arr = read("[1]");
  REQUIRE(arr.root);
  CHECK(arr.root->kind == Kind::Array);
  auto num = read("-1.5e+3");
  REQUIRE(num.root);
  CHECK(num.root->text == "-1.5e+3");
}

TEST_CASE("reader: hostile sizes are bounded", "[json][hostile]") {
  SECTION("100,000 nested arrays: a problem, no stack overflow") {
    const std::string text = std::string(100000, '[') + std::string(100000, ']');
    auto doc = read(text);
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].code == ProblemCode::TooDeep);
    CHECK(doc.problems[0].range.begin.column == 257);
  }
  SECTION("100,000 nested objects") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "{\"a\":";
    auto doc = read(text);
    CHECK_FALSE(doc.root);
    CHECK(doc.problems.at(0).code == ProblemCode::TooDeep);
  }
  SECTION("nesting at the limit is fine") {
    const std::string text = std::string(256, '[') + std::string(256, ']');
    auto doc = read(text);
    CHECK(doc.root);
    CHECK(doc.problems.empty());
  }
  SECTION("a 64 MB string") {
    std::string text = "{\"Sid\": \"";
    text.append(64u << 20, 'a');
    text += "\"}";
    auto doc = read(text);
    REQUIRE(doc.root);
    CHECK(at(*doc.root, "Sid").text.size() == (64u << 20));
    CHECK(posIn(text, at(*doc.root, "Sid").end).column == 9 + (64u << 20) + 2);
  }
}

#include "core/wildcard.h"

TEST_CASE("wildcards: one matcher for actions, ARNs and values", "[core]") {
  using rolelint::core::wildcardMatch;
  using rolelint::core::wildcardsIntersect;
  CHECK(wildcardMatch("s3:Get*", "s3:GetObject", false));
  CHECK(wildcardMatch("S3:get*", "s3:GetObject", true));
  CHECK_FALSE(wildcardMatch("S3:get*", "s3:GetObject", false));
  CHECK(wildcardMatch("*Object", "s3:PutObject", false));
  CHECK(wildcardMatch("s3:?etObject", "s3:GetObject", false));
  CHECK_FALSE(wildcardMatch("s3:?etObject", "s3:GGetObject", false));
  CHECK(wildcardMatch("*", "", false));
  CHECK(wildcardMatch("a*b*c", "aXXbYYbc", false));
  CHECK_FALSE(wildcardMatch("a*b*c", "aXXbYY", false));
  CHECK(wildcardsIntersect("s3:Get*", "s3:*Object", false));
  CHECK_FALSE(wildcardsIntersect("s3:Get*", "s3:Put*", false));
  CHECK(wildcardsIntersect("s3:get*", "S3:GET?BJECT", true));
  CHECK(wildcardsIntersect("a*", "*b", false));
  // Linear-time pattern: no exponential blow-up on many stars.
  CHECK_FALSE(wildcardMatch(std::string(2000, '*') + "b", std::string(20000, 'a'), false));
}
