// json::readSplit: an account dump's large array read by several threads gives the
// same tree (kinds, texts, positions, parents, pointers) and the same problems as
// json::read, whatever the text holds.
#include <catch2/catch.hpp>

#include <string>

#include "json/reader.h"

using rolelint::json::Document;
using rolelint::json::Value;

namespace {

// The first difference between two trees, or "" (one check per tree: they hold
// half a million values).
std::string difference(const Value& a, const Value& b, const Value& rootA, const Value& rootB) {
  const std::string at = rolelint::json::pointerOf(a, &rootA);
  if (at != rolelint::json::pointerOf(b, &rootB)) return "pointer " + at;
  if (a.kind != b.kind || a.boolean != b.boolean || a.text != b.text) return "value at " + at;
  if (a.begin != b.begin || a.end != b.end) return "span at " + at;
  if (a.index != b.index) return "index at " + at;
  if (a.elements.size() != b.elements.size() || a.members.size() != b.members.size()) return "children at " + at;
  for (size_t i = 0; i < a.elements.size(); ++i) {
    if (b.elements[i].parent != &b) return "parent at " + at;
    if (std::string d = difference(a.elements[i], b.elements[i], rootA, rootB); !d.empty()) return d;
  }
  for (size_t i = 0; i < a.members.size(); ++i) {
    const auto& ma = a.members[i];
    const auto& mb = b.members[i];
    if (ma.key != mb.key || ma.keyBegin != mb.keyBegin || ma.keyEnd != mb.keyEnd) return "key at " + at;
    if (mb.value.parent != &b) return "parent at " + at;
    if (std::string d = difference(ma.value, mb.value, rootA, rootB); !d.empty()) return d;
  }
  return {};
}

// Reads `text` both ways; returns whether the threads were used.
bool sameDocument(const std::string& text) {
  const Document a = rolelint::json::read(text);
  bool split = false;
  const Document b = rolelint::json::readSplit(text, 3, {}, &split);
  REQUIRE(a.problems.size() == b.problems.size());
  for (size_t i = 0; i < a.problems.size(); ++i) {
    CHECK(a.problems[i].code == b.problems[i].code);
    CHECK(a.problems[i].message == b.problems[i].message);
    CHECK(a.problems[i].range == b.problems[i].range);
  }
  REQUIRE(static_cast<bool>(a.root) == static_cast<bool>(b.root));
  if (a.root) CHECK(difference(*a.root, *b.root, *a.root, *b.root) == "");
  return split;
}

// A dump-shaped text over readSplit's 4 MiB threshold: `role(i)` writes one element.
template <typename F>
std::string dump(F role, size_t n = 9000) {
  std::string t = "{\n  \"UserDetailList\": [],\n  \"RoleDetailList\": [";
  for (size_t i = 0; i < n; ++i) {
    t += i == 0 ? "\n    " : ",\n    ";
    t += role(i);
  }
  t += "\n  ],\n  \"Policies\": [{\"Arn\": \"arn:aws:iam::111122223333:policy/p\"}]\n}\n";
  return t;
}

std::string role(size_t i) {
  const std::string n = std::to_string(i);
  return "{\"RoleName\": \"role-" + n + "\", \"Path\": \"/\", \"Description\": \"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \\\"q\\\" \\u00e9\","
         " \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
         " \"Principal\": {\"Service\": \"mediaconvert.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]},\n"
         "      \"RolePolicyList\": [{\"PolicyName\": \"p" + n + "\", \"PolicyDocument\": {\"Statement\": [{\"Effect\":"
         " \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": \"arn:aws:s3:::bucket-" + n +
         "/*\"}]}}], \"MaxSessionDuration\": 3600, \"Tags\": [], \"X\": [true, false, null, -1.5e3, [[]], {}]}";
}

}  // namespace

TEST_CASE("json: a large dump read by several threads is the tree read by one", "[json][scale]") {
  const std::string text = dump(role);
  REQUIRE(text.size() > (size_t{4} << 20));
  CHECK(sameDocument(text));
  // Elements that are not objects, a BOM, and a first element on the opening line.
  CHECK(sameDocument("\xEF\xBB\xBF" +
                     dump([](size_t i) { return i % 3 == 0 ? "\"s\xC3\xA9\"" : i % 3 == 1 ? "12" : role(i); }, 27000)));
  std::string sameLine = dump(role);
  sameLine.replace(sameLine.find("[\n    {"), 7, "[{");
  CHECK(sameDocument(sameLine));
  // A small text is read the one way.
  CHECK_FALSE(sameDocument(dump(role, 10)));
}

TEST_CASE("json: the threaded reader's problems are the one reader's", "[json][scale]") {
  auto withBad = [](std::string bad) {
    return dump([bad](size_t i) { return i == 5000 ? bad : role(i); });
  };
  sameDocument(withBad("{\"RoleName\": \"a\", \"RoleName\": \"b\"}"));        // duplicate key in an element
  sameDocument(withBad("{\"RoleName\": \"bad \xFF byte\"}"));                  // invalid UTF-8
  sameDocument(withBad("{\"RoleName\": \"line\nbreak\"}"));                    // raw line break in a string
  sameDocument(withBad("{\"RoleName\": \"x\",}"));                             // trailing comma
  CHECK(sameDocument(withBad("{\"RoleName\": [[[[[[[[[[]]]]]]]]]]}")));        // deep, within the limit
  sameDocument(withBad("{\"RoleName\": \"x\"} 7"));                            // two values in one element
  sameDocument(withBad("{\"R\": " + std::string(300, '[') + std::string(300, ']') + "}"));  // too deep
  CHECK(sameDocument(withBad("{\"D\": \"a, b ] } [ { \\\" \\\\\", \"E\": \"\\u005d\"}")));  // structure in strings
  std::string unterminated = dump(role);
  unterminated.resize(unterminated.size() - 40);
  sameDocument(unterminated);                                                  // cut short
  sameDocument(dump(role) + "{}");                                             // after the top-level value
  sameDocument("[" + dump(role) + "]");                                        // not an object at the top
}
