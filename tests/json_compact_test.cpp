// The JSON tree's footprint (issue 21, scale): an account dump of 10,000 roles holds
// about a million values and members, so their size is the audit's memory.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "input/input.h"
#include "json/children.h"
#include "json/reader.h"
#include "json/text.h"
#include "json/value.h"
#include "core/diagnostic.h"
#include "core/intern.h"
#include "engine/rule.h"
#include "model/model.h"

using rolelint::json::Children;

TEST_CASE("json: values and members are compact", "[json][scale]") {
  // 12-byte positions (32-bit offsets: inputs are at most 1 GiB) and 16-byte child
  // vectors: a value was 128 bytes and a member 192.
  STATIC_REQUIRE(sizeof(rolelint::core::Pos) == 12);
  STATIC_REQUIRE(sizeof(Children<rolelint::json::Value>) == 16);
  STATIC_REQUIRE(sizeof(rolelint::json::Text) == 16);
  STATIC_REQUIRE(alignof(rolelint::json::Text) == alignof(const char*));  // a leak checker finds the pointer
  // Offsets, not lines and columns (worked out when a finding is located).
  STATIC_REQUIRE(sizeof(rolelint::json::Span) == 8);
  CHECK(sizeof(rolelint::json::Value) <= 72);
  CHECK(sizeof(rolelint::json::Member) <= 96);
}

TEST_CASE("json: Children holds, grows, moves and clears like a vector", "[json][scale]") {
  Children<std::string> c;
  CHECK(c.empty());
  CHECK(c.begin() == c.end());
  for (int i = 0; i < 100; ++i) c.push_back(std::string(40, static_cast<char>('a' + i % 26)));  // heap strings
  c.emplace_back("last");
  REQUIRE(c.size() == 101);
  CHECK(c.front() == std::string(40, 'a'));
  CHECK(c[25] == std::string(40, 'z'));
  CHECK(c.back() == "last");
  CHECK(*c.rbegin() == "last");
  CHECK(c.rend() - c.rbegin() == 101);
  size_t n = 0;
  for (const std::string& s : c) n += s.size();
  CHECK(n == 100 * 40 + 4);

  Children<std::string> moved(std::move(c));
  CHECK(c.empty());  // NOLINT(bugprone-use-after-move): a moved-from Children is empty
  CHECK(c.data() == nullptr);
  REQUIRE(moved.size() == 101);
  CHECK(moved[1] == std::string(40, 'b'));

  Children<std::string> r;
  r.reserve(3);
  CHECK(r.capacity() == 3);
  r.push_back("x");
  r = std::move(moved);
  CHECK(r.size() == 101);
  CHECK(r.back() == "last");
  r.clear();
  CHECK(r.empty());
  r.emplace_back("again");
  CHECK(r.size() == 1);
  CHECK(r[0] == "again");
}

TEST_CASE("json: a read tree's containers are sized exactly", "[json][scale]") {
  const auto doc = rolelint::json::read(R"({"a": [1, 2, 3], "b": {"c": [], "d": "e"}, "f": [[4], 5]})");
  REQUIRE(doc.root);
  const auto& root = *doc.root;
  CHECK(root.members.capacity() == 3);
  CHECK(root.find("a")->elements.capacity() == 3);
  CHECK(root.find("b")->members.capacity() == 2);
  CHECK(root.find("b")->find("c")->elements.capacity() == 0);
  CHECK(root.find("f")->elements.capacity() == 2);
  CHECK(root.find("f")->elements[0].elements[0].text == "4");
  CHECK(root.find("f")->elements[0].elements[0].parent == &root.find("f")->elements[0]);
}

TEST_CASE("model: a dump's role entries are freed once their roles are built", "[model][scale]") {
  // What definitionOf does not move into the role (RoleId, CreateDate, RoleLastUsed,
  // the moved-from members) is freed, not kept to the end of the audit.
  const std::string text = R"({"RoleDetailList": [
    {"RoleName": "A", "Path": "/", "RoleId": "AROA0000000000000001", "Arn": "arn:aws:iam::111122223333:role/A",
     "CreateDate": "2025-01-01T00:00:00Z", "RoleLastUsed": {"LastUsedDate": "2025-02-01T00:00:00Z"},
     "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"Service": "mediaconvert.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
     "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []}],
    "Policies": []})";
  rolelint::input::Loader loader;
  const auto tmp = std::filesystem::temp_directory_path();
  auto file = std::make_shared<const rolelint::input::LoadedFile>(loader.loadText("dump.json", text, tmp, tmp));
  const auto unit = rolelint::model::build(file, loader, {});
  REQUIRE(unit.roles.size() == 1);
  CHECK(unit.roles[0].displayName == "A");
  REQUIRE(unit.roles[0].trust);
  CHECK(unit.roles[0].trust->statements.size() == 1);
  // The model's strings are views of the tree's, which are views of the file's text.
  STATIC_REQUIRE(sizeof(rolelint::model::StringItem) <= 88);
  const auto& action = unit.roles[0].trust->statements[0].action;
  REQUIRE(action.items.size() == 1);
  CHECK(action.items[0].value == "sts:AssumeRole");
  CHECK(action.items[0].value.data() == action.items[0].node->text.data());
  const std::string& src = file->tree->source->text;
  CHECK((action.items[0].value.data() > src.data() && action.items[0].value.data() < src.data() + src.size()));
  const auto* list = file->tree->root()->find("RoleDetailList");
  REQUIRE(list != nullptr);
  REQUIRE(list->elements.size() == 1);
  CHECK(list->elements[0].isObject());
  CHECK(list->elements[0].members.empty());
  CHECK(list->elements[0].members.capacity() == 0);
}

TEST_CASE("json: Text holds views, inline bytes and heap copies", "[json][scale]") {
  using rolelint::json::Text;
  const std::string backing = "arn:aws:s3:::a-bucket-name-longer-than-fourteen/*";
  Text view = Text::view(backing);
  CHECK(view.borrowed());
  CHECK(view.data() == backing.data());
  CHECK(view == backing);
  Text copied = view;  // a copy owns its bytes
  CHECK_FALSE(copied.borrowed());
  CHECK(copied.data() != backing.data());
  CHECK(copied == backing);
  Text moved = std::move(view);  // a move keeps the view
  CHECK(moved.borrowed());
  CHECK(moved.data() == backing.data());
  CHECK(view.empty());
  Text small = std::string("s3:GetObject");  // 12 bytes: inline
  CHECK(small == "s3:GetObject");
  CHECK(small.size() == 12);
  const char* inlineAt = small.data();
  CHECK((inlineAt >= reinterpret_cast<const char*>(&small) && inlineAt < reinterpret_cast<const char*>(&small) + 16));
  Text big = backing;  // heap
  CHECK_FALSE(big.borrowed());
  CHECK(big == backing);
  big = "x";
  CHECK(big == "x");
  big = small;
  CHECK(big == "s3:GetObject");
  CHECK(std::string("<") + big + ">" == "<s3:GetObject>");
  CHECK(Text(std::string(14, 'a')).size() == 14);
  CHECK(Text(std::string(15, 'b')) == std::string(15, 'b'));
  CHECK(Text() == "");
  CHECK((Text("a") < Text("b")));
}

TEST_CASE("json: a borrowing read keeps plain strings and numbers in the text", "[json][scale]") {
  const std::string text = std::string(R"({"Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::bucket-with-a-long-name/*", )") +
                           R"("N": 12345678901234567890, "Esc": "a\"quoted\" and \u00e9 long string", )" +
                           "\"Bad\": \"caf\xE9 is not UTF-8 at all here\"}]}";
  rolelint::json::ReadOptions borrow;
  borrow.borrow = true;
  const auto doc = rolelint::json::read(text, borrow);
  REQUIRE(doc.root);
  const auto& st = doc.root->find("Statement")->elements[0];
  const auto inText = [&](const rolelint::json::Text& t) {
    return t.data() >= text.data() && t.data() + t.size() <= text.data() + text.size();
  };
  CHECK(st.find("Resource")->text.borrowed());
  CHECK(inText(st.find("Resource")->text));
  CHECK(st.find("Resource")->text == "arn:aws:s3:::bucket-with-a-long-name/*");
  CHECK(inText(st.find("N")->text));
  CHECK(st.find("N")->text == "12345678901234567890");
  CHECK(inText(doc.root->members[0].key));
  // Escapes and invalid bytes are decoded, so those strings are copies.
  CHECK_FALSE(st.find("Esc")->text.borrowed());
  CHECK(st.find("Esc")->text == "a\"quoted\" and \u00e9 long string");
  CHECK_FALSE(st.find("Bad")->text.borrowed());
  CHECK(st.find("Bad")->text == "caf\xEF\xBF\xBD is not UTF-8 at all here");
  // Without borrow, nothing points into the text.
  const auto owned = rolelint::json::read(text);
  REQUIRE(owned.root);
  CHECK_FALSE(inText(owned.root->find("Statement")->elements[0].find("Resource")->text));
  CHECK(owned.root->find("Statement")->elements[0].find("Esc")->text ==
        st.find("Esc")->text);
}

TEST_CASE("input: a loaded file's tree borrows from its source", "[json][scale]") {
  rolelint::input::Loader loader;
  auto f = loader.loadText("p.json",
                           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",)"
                           R"( "Resource": "arn:aws:s3:::bucket-with-a-long-name/*"}]})",
                           ".", ".");
  REQUIRE(f.tree);
  const auto& r = f.tree->root()->find("Statement")->elements[0].find("Resource")->text;
  CHECK(r.borrowed());
  const std::string& src = f.tree->source->text;
  CHECK((r.data() >= src.data() && r.data() < src.data() + src.size()));
}

TEST_CASE("core: a finding is compact, and its strings behave as strings", "[core][scale]") {
  // An audit of 10,000 roles has about 50,000 findings, held twice while the rules'
  // lists are joined (Engine::lintUnit).
  STATIC_REQUIRE(sizeof(rolelint::core::Diagnostic) <= 216);
  STATIC_REQUIRE(sizeof(rolelint::core::Location) <= 56);
  rolelint::core::Diagnostic d;
  d.rule = "RL210";
  d.message = std::string("`kms:Decrypt` applies to none of the statement's resources");
  d.message += " (IAM catalog)";
  CHECK(d.message == "`kms:Decrypt` applies to none of the statement's resources (IAM catalog)");
  rolelint::core::Diagnostic copy = d;
  CHECK(copy == d);
  CHECK(copy.message.data() != d.message.data());
  copy.baselineState = "unchanged";
  CHECK_FALSE(copy.active());
  CHECK(d.active());
  copy.message = "`kms:Encrypt` applies";
  CHECK(rolelint::core::diagnosticLess(d, copy));  // by message: '`kms:D' < '`kms:E'
  CHECK_FALSE(rolelint::core::diagnosticLess(copy, d));
}

TEST_CASE("core: the findings of a rule share one copy of its name and of each help text", "[core][scale]") {
  using rolelint::core::intern;
  const std::string help = "List a resource of a type it applies to: `key: arn:${Partition}:kms`";
  const rolelint::core::Str a = intern(help);
  const rolelint::core::Str b = intern(std::string(help));  // another string with the same text
  CHECK(a == help);
  CHECK(a.data() == b.data());
  CHECK(a.data() != help.data());
  CHECK(intern("short").data() != intern("short").data());  // held inline: nothing to share
  CHECK(intern("") == "");
  // What the rules report through: two findings with the same help.
  rolelint::engine::RuleMeta meta;
  meta.id = "RL210";
  meta.name = "action-resource-mismatch";
  std::vector<rolelint::core::Diagnostic> sink;
  rolelint::engine::Reporter reporter(meta, nullptr, sink);
  reporter.report({}, "first", "", "", {}, help);
  reporter.report({}, "second", "", "", {}, help);
  REQUIRE(sink.size() == 2);
  CHECK(sink[0].help == help);
  CHECK(sink[0].help.data() == sink[1].help.data());
  CHECK(sink[0].name == "action-resource-mismatch");
  CHECK(sink[0].name.data() == sink[1].name.data());
  // A copy of a finding owns its strings, as before.
  const rolelint::core::Diagnostic copy = sink[0];
  CHECK(copy.help.data() != sink[0].help.data());
  CHECK(copy == sink[0]);
}

TEST_CASE("input: the places of findings in one file share one copy of its name", "[core][scale]") {
  rolelint::input::Loader loader;
  auto f = loader.loadText("roles/a-policy-file-with-a-long-name.json",
                           R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",)"
                           R"( "Resource": "*"}]})",
                           ".", ".");
  REQUIRE(f.tree);
  const rolelint::json::Value& st = f.tree->root()->find("Statement")->elements[0];
  const rolelint::core::Location a = rolelint::input::locate(*f.tree, *st.find("Action"), f.tree->root());
  const rolelint::core::Location b = rolelint::input::locate(*f.tree, *st.find("Resource"), f.tree->root());
  CHECK(a.file == "roles/a-policy-file-with-a-long-name.json");
  CHECK(a.file.data() == b.file.data());
  CHECK(a.pointer == "/Statement/0/Action");
  CHECK(a.range.begin.line == 1);
  CHECK(a.range.begin.column == 71);  // the opening quote of "s3:GetObject"
}

namespace {
// Each character boundary of the first line of `t` with its 1-based UTF-16 column,
// one sequence at a time: an invalid byte is one unit (as the JSON reader counts
// it), a 4-byte sequence two (Unicode Table 3-7 for what is well-formed).
std::vector<std::pair<size_t, uint32_t>> naiveColumns(const std::string& t) {
  std::vector<std::pair<size_t, uint32_t>> out{{0, 1}};
  uint32_t units = 0;
  for (size_t i = 0; i < t.size() && t[i] != '\n';) {
    const auto c = static_cast<unsigned char>(t[i]);
    size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c == 0xED) len = 3, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;
    for (size_t k = 1; k < len; ++k) {
      const unsigned b = i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u;
      if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) len = 0;
    }
    units += len == 4 ? 2 : 1;
    i += len == 0 ? 1 : len;
    out.emplace_back(i, units + 1);
  }
  return out;
}
}  // namespace

TEST_CASE("core: positions in a long line are exact and found from its checkpoints", "[core][scale]") {
  // One minified line of 200 KiB with 2-, 3- and 4-byte characters and invalid bytes
  // at every distance from the 4 KiB checkpoints, then a second line.
  std::string t;
  const char* pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x8E\xAC", "\xFF", "\xC3", "bc", "ASCII run 17 long"};
  for (size_t i = 0; t.size() < (200u << 10); ++i) t += pieces[(i * 7 + i / 13) % 8];
  t += "\nsecond \xF0\x9F\x8E\xAC line";
  const rolelint::core::LineIndex lines(t);
  // Every character boundary (a value starts at one) near each checkpoint, and every 97th elsewhere.
  const auto columns = naiveColumns(t);
  size_t checked = 0;
  for (size_t k = 0; k < columns.size(); ++k) {
    const auto [off, column] = columns[k];
    if (!(off % 4096 < 8 || off % 4096 > 4088 || k % 97 == 0)) continue;
    ++checked;
    const auto p = lines.position(t, off);
    INFO(off);
    CHECK(p.line == 1);
    CHECK(p.column == column);
  }
  CHECK(checked > 1000);
  const auto second = lines.position(t, t.size() - 4);  // "line" after the clapper
  CHECK(second.line == 2);
  CHECK(second.column == 11);
}

TEST_CASE("json: values keep offsets, and their lines and columns are the text's", "[json][scale]") {
  const std::string text = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Sid\": \"\xC3\xA9\xF0\x9F\x8E\xAC\", \"N\": 1}\n  ]\n}";
  const auto doc = rolelint::json::read(text);
  REQUIRE(doc.root);
  const auto& st = doc.root->find("Statement")->elements[0];
  const rolelint::core::LineIndex lines(text);
  const auto n = lines.position(text, st.find("N")->begin);
  CHECK(n.line == 3);
  CHECK(n.column == 44);  // 43 units before it: `    {"Effect": "Allow", "Sid": "` 32, é 1, the clapper 2, `", "N": ` 8
  CHECK(text.substr(st.find("N")->begin, st.find("N")->end - st.find("N")->begin) == "1");
  const auto* sid = st.findMember("Sid");
  CHECK(text.substr(sid->keyBegin, sid->keyEnd - sid->keyBegin) == "\"Sid\"");
  // A duplicate key's first occurrence is located with its line and column.
  const std::string dup = "{\n  \"a\": 1,\n  \"a\": 2\n}";
  const auto d = rolelint::json::read(dup);
  REQUIRE(d.problems.size() == 1);
  REQUIRE(d.problems[0].related);
  CHECK(d.problems[0].related->begin.line == 2);
  CHECK(d.problems[0].related->begin.column == 3);
  CHECK(d.problems[0].range.begin.line == 3);
}
