// The JSON tree's footprint (issue 21, scale): an account dump of 10,000 roles holds
// about a million values and members, so their size is the audit's memory.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "input/input.h"
#include "json/children.h"
#include "json/reader.h"
#include "json/value.h"
#include "model/model.h"

using rolelint::json::Children;

TEST_CASE("json: values and members are compact", "[json][scale]") {
  // 12-byte positions (32-bit offsets: inputs are at most 1 GiB) and 16-byte child
  // vectors: a value was 128 bytes and a member 192.
  STATIC_REQUIRE(sizeof(rolelint::core::Pos) == 12);
  STATIC_REQUIRE(sizeof(Children<rolelint::json::Value>) == 16);
  CHECK(sizeof(rolelint::json::Value) <= 104);
  CHECK(sizeof(rolelint::json::Member) <= 160);
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
  const auto* list = file->tree->root()->find("RoleDetailList");
  REQUIRE(list != nullptr);
  REQUIRE(list->elements.size() == 1);
  CHECK(list->elements[0].isObject());
  CHECK(list->elements[0].members.empty());
  CHECK(list->elements[0].members.capacity() == 0);
}
