// Effective permissions per service (src/analysis/effective.h) on the embedded catalog.
#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/effective.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "input/input.h"
#include "model/model.h"

namespace {

rolelint::model::PolicyDocument doc(const std::string& text, const std::string& label) {
  rolelint::input::Loader loader;
  auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText(label + ".json", text, tmp, tmp);
  REQUIRE(file.tree);
  REQUIRE(file.tree->root());
  return rolelint::model::buildPolicy({file.tree, file.tree->root(), false}, rolelint::model::PolicyKind::Identity,
                                      label, "");
}

}  // namespace

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
TEST_CASE("effective: identity ∩ boundary − deny, per service", "[analysis][effective]") {
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);
  auto id = doc(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:Get*", "iam:PassRole", "mediaconvert:CreateJob"], "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:GetObjectAcl", "Resource": "*"}]})", "id");
  auto pb = doc(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:*", "mediaconvert:*"], "Resource": "*"}]})", "pb");
  rolelint::analysis::Policies ps;
  ps.identity.push_back(&id);
  ps.boundary = &pb;
  auto r = rolelint::analysis::effectiveAccess(ps, *cat);
  REQUIRE(r.size() == 3);
  CHECK(r[0].service == "iam");
  CHECK(r[0].granted == 1);
  CHECK(r[0].effective == 0);
  CHECK(r[0].blocked == std::vector<std::string>{"iam:PassRole"});
  CHECK(r[1].service == "mediaconvert");
  CHECK(r[1].effective == 1);
  CHECK(r[2].service == "s3");
  CHECK(r[2].granted > 10);
  CHECK(r[2].effective == r[2].granted - 1);  // GetObjectAcl is denied
  CHECK(r[2].byLevel[static_cast<size_t>(rolelint::catalog::AccessLevel::Write)] == 0);
  CHECK(r[2].byLevel[static_cast<size_t>(rolelint::catalog::AccessLevel::Read)] > 0);

  // NotAction + Allow grants every service except the listed ones.
  auto broad = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})", "b");
  rolelint::analysis::Policies ps2;
  ps2.identity.push_back(&broad);
  auto all = rolelint::analysis::effectiveAccess(ps2, *cat);
  CHECK(all.size() > 100);
  CHECK(std::none_of(all.begin(), all.end(), [](const auto& s) { return s.service == "iam"; }));
}
