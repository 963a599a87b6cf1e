// --format markdown: file:line links (with and without the GitHub Actions
// environment) and escaping of hostile input.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "output/report_escape.h"
#include "support.h"

namespace fs = std::filesystem;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

namespace {

// What a GitHub Actions run would set; links in the goldens point at this commit.
const std::vector<std::string> kGithubEnv = {"GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=example/roles",
                                             "GITHUB_SHA=0123456789abcdef0123456789abcdef01234567",
                                             "GITHUB_WORKSPACE="};

}  // namespace

TEST_CASE("markdown: the broken MediaConvert example links each finding to its line", "[markdown]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "markdown", "examples/mediaconvert-broken"}, "", "",
                             kGithubEnv);
  CHECK(r.exitCode == 1);
  // RL103 on line 28 of role.json (the boundary's "allow"), as the SARIF golden says.
  CHECK(r.out.find("[examples/mediaconvert\\-broken/role\\.json\\:28](https://github.com/example/roles/blob/"
                   "0123456789abcdef0123456789abcdef01234567/examples/mediaconvert-broken/role.json#L28)") !=
        std::string::npos);
  CHECK(r.out.rfind("### rolelint: ", 0) == 0);
  CHECK(r.out.find("<details><summary>Findings by rule") != std::string::npos);
}

TEST_CASE("markdown: without the GitHub environment, links are relative", "[markdown]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "markdown", "--select", "RL103",
                              "examples/mediaconvert-broken"},
                             "", "", {"GITHUB_SERVER_URL=", "GITHUB_REPOSITORY=", "GITHUB_SHA=", "GITHUB_WORKSPACE="});
  CHECK(r.out.find("](examples/mediaconvert-broken/role.json#L28)") != std::string::npos);
}

TEST_CASE("markdown: escaping of input-derived text", "[markdown]") {
  using rolelint::output::markdownEscape;
  CHECK(markdownEscape("a|b") == "a\\|b");
  CHECK(markdownEscape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert\\(1\\)&gt;");
  CHECK(markdownEscape("[x](https://evil.example)") == "\\[x\\]\\(https\\://evil\\.example\\)");
  CHECK(markdownEscape("@octocat") == "&#64;octocat");
  CHECK(markdownEscape("line\nbreak") == "line break");
  CHECK(markdownEscape("**bold** `code`") == "\\*\\*bold\\*\\* \\`code\\`");
  CHECK(markdownEscape(std::string("bad\xff byte")) == "bad\xEF\xBF\xBD byte");
}
