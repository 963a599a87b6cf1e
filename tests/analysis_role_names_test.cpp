// analysis::role::roleNameClashes (RL302, RL323): each role whose name equals an
// earlier role's ignoring case, with the first such role of its own file (unless
// a CloudFormation condition makes the two exclusive), else the first of the run.
// Checked against the direct quadratic definition on random runs of several files
// (account dumps and a template with exclusive conditions), in shuffled order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/role_names.h"
#include "core/unknown.h"
#include "input/input.h"
#include "model/model.h"

namespace role = rolelint::analysis::role;
using rolelint::model::Role;

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
std::string conditionOf(const Role& r) {
  const rolelint::json::Value* c = r.root != nullptr ? r.root->find("Condition") : nullptr;
  return c != nullptr && c->isString() ? std::string(c->text) : "";
}
bool exclusive(const Role& role, const Role& other) {
  if (other.file() != role.file()) return false;
  const std::string theirs = conditionOf(other);
  const rolelint::json::Value* with = role.root != nullptr ? role.root->find("ExclusiveConditions") : nullptr;
  if (theirs.empty() || with == nullptr || !with->isArray()) return false;
  return std::any_of(with->elements.begin(), with->elements.end(),
                     [&](const rolelint::json::Value& c) { return c.text == theirs; });
}

// The definition, as the rules first had it: every earlier role with the name, in order.
std::vector<role::NameClash> reference(const std::vector<const Role*>& roles) {
  std::vector<const Role*> ordered;
  for (const Role* r : roles)
    if (r->roleName != nullptr && !r->roleName->text.empty() && !rolelint::core::hasUnknown(r->roleName->text))
      ordered.push_back(r);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Role* a, const Role* b) {
    if (a->file() != b->file()) return a->file() < b->file();
    return a->root->begin < b->root->begin;
  });
  std::vector<role::NameClash> out;
  std::map<std::string, std::vector<const Role*>> seen;
  for (const Role* r : ordered) {
    std::vector<const Role*>& earlier = seen[lower(std::string(r->roleName->text))];
    const Role* first = nullptr;
    for (const Role* e : earlier) {
      if (exclusive(*r, *e)) continue;
      if (first == nullptr || (e->file() == r->file() && first->file() != r->file())) first = e;
    }
    if (first != nullptr) out.push_back({r, first, first->file() == r->file()});
    earlier.push_back(r);
  }
  return out;
}

std::string dump(const std::vector<std::string>& names) {
  std::string roles;
  for (const std::string& n : names) {
    if (!roles.empty()) roles += ",\n";
    roles += R"({"RoleName": ")" + n + R"(", "Path": "/", "Arn": "arn:aws:iam::111122223333:role/)" + n +
             R"(", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",)"
             R"( "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},)"
             R"( "RolePolicyList": [], "AttachedManagedPolicies": []})";
  }
  return "{\"RoleDetailList\": [\n" + roles + "\n], \"Policies\": []}\n";
}

}  // namespace

TEST_CASE("role names: clashes are those of the direct definition, on random runs", "[analysis][role]") {
  const auto tmp = std::filesystem::temp_directory_path();
  std::mt19937 rng(302);
  const std::vector<std::string> pool = {"Ingest", "INGEST", "ingest", "Export", "export", "Build", "app"};
  for (int round = 0; round < 40; ++round) {
    rolelint::input::Loader loader;
    std::vector<rolelint::model::Unit> units;
    const int files = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < files; ++f) {
      std::vector<std::string> names;
      const int n = static_cast<int>(rng() % 6);
      for (int i = 0; i < n; ++i) names.push_back(pool[rng() % pool.size()]);
      // Dumps named so that their order differs from the order they are read in.
      const std::string name = "dump-" + std::string(1, static_cast<char>('d' - f)) + ".json";
      auto file = std::make_shared<const rolelint::input::LoadedFile>(loader.loadText(name, dump(names), tmp, tmp));
      units.push_back(rolelint::model::build(file, loader, {}));
    }
    if (round % 2 == 0) {
      // A template whose roles "app" exist under conditions that exclude each other.
      std::ifstream in("testdata/inputs/cloudformation/conditions.yaml");
      REQUIRE(in);
      std::stringstream text;
      text << in.rdbuf();
      auto file = std::make_shared<const rolelint::input::LoadedFile>(
          loader.loadText("conditions.yaml", text.str(), tmp, tmp));
      units.push_back(rolelint::model::build(file, loader, {}));
    }
    std::vector<const Role*> roles;
    for (const auto& u : units)
      for (const Role& r : u.roles) roles.push_back(&r);
    std::shuffle(roles.begin(), roles.end(), rng);
    const std::vector<role::NameClash> want = reference(roles);
    const std::vector<role::NameClash> got = role::roleNameClashes(roles);
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].role == want[i].role);
      CHECK(got[i].first == want[i].first);
      CHECK(got[i].sameFile == want[i].sameFile);
    }
  }
}

TEST_CASE("role names: many roles of one name are paired in linear time", "[analysis][role]") {
  // 20,000 roles named alike in one dump and 20,000 in another: each is paired with
  // the first of its own file, or of the run; the earlier roles are not scanned.
  const auto tmp = std::filesystem::temp_directory_path();
  rolelint::input::Loader loader;
  std::vector<rolelint::model::Unit> units;
  for (const char* name : {"a.json", "b.json"}) {
    auto file = std::make_shared<const rolelint::input::LoadedFile>(
        loader.loadText(name, dump(std::vector<std::string>(20000, "Same")), tmp, tmp));
    units.push_back(rolelint::model::build(file, loader, {}));
  }
  std::vector<const Role*> roles;
  for (const auto& u : units)
    for (const Role& r : u.roles) roles.push_back(&r);
  const std::vector<role::NameClash> got = role::roleNameClashes(roles);
  REQUIRE(got.size() == 39999);
  CHECK(got.front().first == roles[0]);
  CHECK(got.front().sameFile);
  CHECK(got[19998].role == roles[19999]);  // a.json's last
  CHECK(got[19998].first == roles[0]);
  CHECK(got[19999].role == roles[20000]);  // b.json's first: paired with the run's first
  CHECK(got[19999].first == roles[0]);
  CHECK_FALSE(got[19999].sameFile);
  CHECK(got[20000].role == roles[20001]);
  CHECK(got[20000].first == roles[20000]);  // the first of b.json, not a.json's
  CHECK(got[20000].sameFile);
}
