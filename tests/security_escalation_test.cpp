// The escalation table (rules/security/escalation.json) and the escalation rules
// RL601/RL602 over one vulnerable role and one neutralised twin per method
// (testdata/escalation/cases.json): each role must get exactly the PE ids its
// case lists, a twin usually none.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <algorithm>

#include "catalog/catalog.h"
#include "core/embedded.h"
#include "engine/security.h"
#include "input/input.h"
#include "model/model.h"
#include "support.h"

namespace fs = std::filesystem;

TEST_CASE("escalation table: PE-01 … PE-44, every action in the catalog", "[security][escalation]") {
  REQUIRE(rolelint::engine::security::escalationTableProblem().empty());
  const auto& table = rolelint::engine::security::escalationTable();
  std::set<std::string> ids;
  for (const auto& m : table.methods) ids.insert(m.id);
  CHECK(ids.size() == 44);
  CHECK(*ids.begin() == "PE-01");
  CHECK(*ids.rbegin() == "PE-44");
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);
  for (const auto& m : table.methods)
    for (const auto& s : m.steps)
      for (const auto& a : s.actions) {
        INFO(m.id << " " << a);
        CHECK(cat->findAction(a) != nullptr);
      }
  // The escalation search relies on this to rule out methods from the service index alone.
  CHECK(table.catalogVersion == cat->version());
  // Severity split of the issue: classes E and T are exactly PE-02, PE-19, PE-37 … PE-44.
  for (const auto& m : table.methods) {
    const int n = std::stoi(m.id.substr(3));
    INFO(m.id);
    CHECK((m.cls == 'E' || m.cls == 'T') == (n == 2 || n == 19 || n >= 37));
  }
}

// A role that may perform no action of the table's services is not searched, and
// the table is not parsed for it: the services read from the text must cover every
// action of the parsed table, and the test of a role must say yes for a role of one.
TEST_CASE("escalation table: the services read from its text cover its actions", "[security][escalation]") {
  namespace an = rolelint::analysis;
  const auto& table = rolelint::engine::security::escalationTable();
  const auto& services = rolelint::engine::security::escalationServices();
  for (const auto& m : table.methods)
    for (const auto& st : m.steps)
      for (const auto& a : st.actions) {
        INFO(m.id << " " << a);
        const std::string svc = a.substr(0, a.find(':'));
        CHECK(std::binary_search(services.begin(), services.end(), svc));
      }
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);
  CHECK(cat->version() == rolelint::engine::security::embeddedCatalogVersion());

  auto subjectFor = [&](const std::string& policy) {
    rolelint::input::Loader loader;
    const auto tmp = fs::temp_directory_path();
    auto file = loader.loadText("p.json", policy, tmp, tmp);
    REQUIRE(file.tree);
    return std::make_shared<const rolelint::model::PolicyDocument>(rolelint::model::buildPolicy(
        {file.tree, file.tree->root(), false}, rolelint::model::PolicyKind::Identity, "p", ""));
  };
  auto mayUse = [&](const std::string& action, const std::string& boundaryAction = "") {
    const auto doc = subjectFor(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ")" + action +
                                R"(", "Resource": "*"}]})");
    std::shared_ptr<const rolelint::model::PolicyDocument> boundary;
    an::EscalationSubject subject;
    subject.policies.identity.push_back(doc.get());
    if (!boundaryAction.empty()) {
      boundary = subjectFor(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ")" +
                            boundaryAction + R"(", "Resource": "*"}]})");
      subject.policies.boundary = boundary.get();
    }
    subject.name = "r";
    subject.path = "/";
    const auto core = an::accessCore(subject, &*cat);
    return an::mayUseSomeService(*core, &*cat, services);
  };
  CHECK_FALSE(mayUse("s3:GetObject"));
  CHECK_FALSE(mayUse("mediaconvert:*"));
  CHECK(mayUse("iam:PassRole"));
  CHECK(mayUse("lambda:Create*"));
  CHECK(mayUse("*"));
  CHECK_FALSE(mayUse("iam:*", "s3:*"));  // the boundary allows none of it
  CHECK(an::mayUseSomeService(*an::accessCore({}, nullptr), nullptr, services));  // no catalog: cannot tell
}

TEST_CASE("escalation table: malformed tables are reported", "[security][escalation]") {
  const auto empty = rolelint::engine::security::parseEscalationTable("{}");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "not an object with a \"methods\" array");
  const auto badClass = rolelint::engine::security::parseEscalationTable(
      R"({"methods": [{"id": "PE-99", "title": "t", "class": "X", "close": "c", "steps": []}]})");
  REQUIRE_FALSE(badClass);
  CHECK(badClass.error().message.find("PE-99") != std::string::npos);
  // A value of the wrong type is an error too, not an exception.
  const auto badType = rolelint::engine::security::parseEscalationTable(R"({"methods": [], "privilegedPolicies": [1]})");
  REQUIRE_FALSE(badType);
  CHECK(badType.error().message.rfind("a value of the wrong type", 0) == 0);
  CHECK(rolelint::engine::security::parseEscalationTable(R"({"methods": []})").ok());
}

TEST_CASE("escalation: vulnerable roles and their neutralised twins", "[security][escalation]") {
  const auto cases = nlohmann::json::parse(
      rolelint::test::readFile(rolelint::test::sourceDir() + "/testdata/escalation/cases.json"))["cases"];
  REQUIRE(cases.size() == 88);
  const std::string dir = rolelint::test::tempDir("escalation-cases");
  std::map<std::string, std::set<std::string>> expected;
  for (const auto& c : cases) {
    nlohmann::json role = {
        {"RoleName", "victim"},
        {"Arn", "arn:aws:iam::111122223333:role/victim"},
        {"AssumeRolePolicyDocument",
         {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Effect", "Allow"}, {"Principal", {{"AWS", "arn:aws:iam::111122223333:root"}}}, {"Action", "sts:AssumeRole"}}}}}},
        {"Policies",
         {{{"PolicyName", "case"}, {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", c["statements"]}}}}}}};
    if (c.contains("role"))
      for (const auto& [k, v] : c["role"].items()) role[k] = v;
    const std::string name = c["method"].get<std::string>() + "-" + c["case"].get<std::string>() + ".json";
    rolelint::test::writeFile(dir + "/" + name, role.dump(1));
    expected[name] = c["expect"].get<std::set<std::string>>();
  }
  const auto run = rolelint::test::runRolelint(
      {"check", "--no-config", "--select", "RL601,RL602", "--format", "json", "--fail-on", "never", "."}, dir);
  REQUIRE(run.exitCode == 0);
  std::map<std::string, std::set<std::string>> got;
  // Kept in a variable: a range-for over a member of a temporary reads freed memory.
  const nlohmann::json report = nlohmann::json::parse(run.out);
  for (const auto& d : report["diagnostics"]) {
    const std::string msg = d["message"];
    const std::string id = msg.substr(0, 5);
    CHECK((d["rule"] == "RL601" || d["rule"] == "RL602"));
    // Target-dependent methods are warnings (RL602), the others errors (RL601).
    const int n = std::stoi(id.substr(3));
    CHECK((d["rule"] == "RL602") == (n == 2 || n == 19 || n >= 37));
    got[fs::path(d["file"].get<std::string>()).filename().string()].insert(id);
  }
  for (const auto& [file, ids] : expected) {
    INFO(file);
    CHECK(got[file] == ids);
  }
}
