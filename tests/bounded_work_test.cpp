// Bounded work on hostile input (docs/security.md, "Limits"): the wildcard
// intersection in linear memory, the RL5xx boundary index by service, and
// suppression globs compiled once.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/match.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "core/wildcard.h"
#include "engine/glob.h"
#include "input/input.h"
#include "model/model.h"

using rolelint::core::wildcardMatch;
using rolelint::core::wildcardsIntersect;

TEST_CASE("bounded: wildcard intersection of 200,000-character patterns needs no quadratic memory",
          "[bounded][wildcard]") {
  // (n+1) x (m+1) bytes would be 40 GB here.
  std::string a = "x", b = "y";
  for (int i = 0; i < 100000; ++i) {
    a += "*a";
    b += "*a";
  }
  CHECK_FALSE(wildcardsIntersect(a, b, false));
  CHECK(wildcardsIntersect("x" + a.substr(1), "x" + b.substr(1), false));
  // A long literal against a pattern with stars at both ends.
  const std::string lit(3000, 'a');
  CHECK(wildcardsIntersect("*" + lit, lit + "*", false));
  CHECK_FALSE(wildcardsIntersect("*" + lit + "b", lit + "*c", false));
}

TEST_CASE("bounded: wildcard intersection agrees with a brute-force search", "[bounded][wildcard]") {
  // Every pattern of up to 3 symbols over {a, b, *, ?}; a common match, if there
  // is one, exists among the strings of up to 6 letters over {a, b}.
  std::vector<std::string> patterns{""}, texts{""};
  for (size_t k = 0; k < patterns.size() && patterns[k].size() < 3; ++k)
    for (char c : {'a', 'b', '*', '?'}) patterns.push_back(patterns[k] + c);
  for (size_t k = 0; k < texts.size() && texts[k].size() < 6; ++k)
    for (char c : {'a', 'b'}) texts.push_back(texts[k] + c);
  size_t checked = 0;
  for (const auto& p : patterns) {
    for (const auto& q : patterns) {
      bool expected = false;
      for (const auto& t : texts) {
        if (wildcardMatch(p, t, false) && wildcardMatch(q, t, false)) {
          expected = true;
          break;
        }
      }
      INFO(p << " / " << q);
      CHECK(wildcardsIntersect(p, q, false) == expected);
      ++checked;
    }
  }
  CHECK(checked == 85 * 85);
  CHECK(wildcardsIntersect("S3:GET*", "s3:get?bject", true));
  CHECK_FALSE(wildcardsIntersect("S3:GET*", "s3:get?bject", false));
}

namespace {

const rolelint::catalog::Catalog& catalog() {
  static const auto cat = [] {
    auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
    REQUIRE(text);
    auto c = rolelint::catalog::Catalog::parse(*text);
    REQUIRE(c.ok());
    return std::make_shared<rolelint::catalog::Catalog>(std::move(*c));
  }();
  return *cat;
}

}  // namespace

TEST_CASE("bounded: the boundary index examines only distinct statements of the grant's service",
          "[bounded][analysis]") {
  // 2,000 copies of one statement, one per other service, and a wildcard-service one.
  std::string text = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i < 2000; ++i) text += R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"},)";
  text += R"({"Effect": "Allow", "Action": ["ec2:Describe*", "EC2:Get*"], "Resource": "*"},
             {"Effect": "Allow", "Action": "iam:Get*", "Resource": "arn:aws:iam::*:role/x"},
             {"Effect": "Allow", "Action": "*:List*", "Resource": "*"}]})";
  rolelint::input::Loader loader;
  const auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText("b.json", text, tmp, tmp);
  REQUIRE(file.tree);
  const auto doc = rolelint::model::buildPolicy({file.tree, file.tree->root(), false},
                                                rolelint::model::PolicyKind::Boundary, "b", "");
  const rolelint::analysis::AllowIndex index(catalog(), doc);
  CHECK(index.candidates("s3:GetObject") == 2);   // s3:Get* once, *:List*
  CHECK(index.candidates("ec2:RunInstances") == 2);
  CHECK(index.candidates("lambda:InvokeFunction") == 1);
  CHECK(index.candidates("*") == 4);
  CHECK(index.candidates("s3*:Get*") == 4);
  namespace an = rolelint::analysis;
  auto allows = [&](std::string_view pattern) {
    const an::ActionSet& set = an::ActionSet::cached(catalog(), pattern);
    return index.mayAllowAny({&set, {}}, nullptr, pattern);
  };
  CHECK(allows("s3:GetObject"));
  CHECK(allows("S3:getobject"));
  CHECK_FALSE(allows("s3:PutObject"));
  CHECK(allows("s3:ListBucket"));  // through *:List*
  CHECK(allows("ec2:GetConsoleOutput"));
  CHECK_FALSE(allows("lambda:InvokeFunction"));
  CHECK(allows("lambda:Invoke*") == false);
  CHECK(allows("*"));
}

TEST_CASE("bounded: suppression path globs compile once and match by path segments", "[bounded][config]") {
  // The engine compiles each suppression's glob once, when it is built (engine.cpp),
  // instead of a new RE2 per finding and suppression.
  const rolelint::engine::PathGlob glob("legacy/**/*.json");
  CHECK(glob.compiled());
  CHECK(glob.matches("legacy/a/b/c.json"));
  CHECK(glob.matches("legacy/c.json"));
  CHECK_FALSE(glob.matches("legacy/a/c.yaml"));
  CHECK_FALSE(glob.matches("new/legacy/c.json"));
  CHECK_FALSE(rolelint::engine::PathGlob("a?c").matches("a/c"));
  CHECK(rolelint::engine::PathGlob("a.c").matches("a.c"));
  CHECK_FALSE(rolelint::engine::PathGlob("a.c").matches("abc"));  // '.' is literal
  // Copies share the compiled pattern.
  const auto copy = glob;
  CHECK(copy.matches("legacy/x.json"));
  CHECK_FALSE(rolelint::engine::PathGlob().matches(""));
}
