// .gitignore in directory walks (issue 20): the glob grammar of gitignore(5),
// pattern precedence, and a walk that skips what a work tree ignores unless
// --no-ignore is given. rolelint reads the files itself; git is not run.
#include "input/gitignore.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "support.h"

using rolelint::input::GitIgnore;
using rolelint::input::gitGlobMatch;
using rolelint::test::runRolelint;
using rolelint::test::tempDir;
using rolelint::test::writeFile;

TEST_CASE("gitignore: globs as gitignore(5) defines them", "[gitignore]") {
  CHECK(gitGlobMatch("*.json", "a.json"));
  CHECK_FALSE(gitGlobMatch("*.json", "dir/a.json"));  // '*' does not cross '/'
  CHECK(gitGlobMatch("a?c", "abc"));
  CHECK_FALSE(gitGlobMatch("a?c", "a/c"));
  CHECK(gitGlobMatch("[a-c]x", "bx"));
  CHECK_FALSE(gitGlobMatch("[!a-c]x", "bx"));
  CHECK(gitGlobMatch("[!a-c]x", "dx"));
  CHECK(gitGlobMatch("**/cdk.out", "cdk.out"));
  CHECK(gitGlobMatch("**/cdk.out", "infra/app/cdk.out"));
  CHECK(gitGlobMatch("build/**", "build/x/y.json"));
  CHECK_FALSE(gitGlobMatch("build/**", "build"));
  CHECK(gitGlobMatch("a/**/b", "a/b"));
  CHECK(gitGlobMatch("a/**/b", "a/x/y/b"));
  CHECK_FALSE(gitGlobMatch("a/**/b", "ab"));
  CHECK(gitGlobMatch("\\*lit", "*lit"));
  CHECK_FALSE(gitGlobMatch("\\*lit", "xlit"));
  CHECK(gitGlobMatch("[unclosed", "[unclosed"));
  // Linear work: a long run of stars against a long path that does not match.
  CHECK_FALSE(gitGlobMatch(std::string(2000, '*') + "x", std::string(4000, 'a')));
}

TEST_CASE("gitignore: anchoring, directory-only patterns, negation and nested files", "[gitignore]") {
  const std::string top = tempDir("gitignore-rules");
  writeFile(top + "/.git/HEAD", "ref: refs/heads/main\n");
  writeFile(top + "/.gitignore",
            "# build output\n"
            "out/\n"
            "/generated.json\n"
            "*.tmp.json\n"
            "!keep.tmp.json\n"
            "docs/*.json\n");
  writeFile(top + "/sub/.gitignore", "local.json\n!../x.json\n");
  const auto found = GitIgnore::workTreeTop(top + "/sub");
  REQUIRE(found);
  CHECK(found->generic_string() == std::filesystem::path(top).lexically_normal().generic_string());
  GitIgnore ig(*found, top);
  ig.enter(top);
  CHECK(ig.ignored(top + "/out", true));
  CHECK_FALSE(ig.ignored(top + "/out", false));  // "out/" is for directories only
  CHECK(ig.ignored(top + "/generated.json", false));
  CHECK_FALSE(ig.ignored(top + "/sub/generated.json", false));  // anchored to the top
  CHECK(ig.ignored(top + "/sub/a.tmp.json", false));             // unanchored: any level
  CHECK_FALSE(ig.ignored(top + "/keep.tmp.json", false));       // negated later
  CHECK(ig.ignored(top + "/docs/a.json", false));
  CHECK_FALSE(ig.ignored(top + "/docs/deep/a.json", false));  // '*' stays in one directory
  CHECK_FALSE(ig.ignored(top + "/sub/local.json", false));     // sub/.gitignore not entered yet
  ig.enter(top + "/sub");
  CHECK(ig.ignored(top + "/sub/local.json", false));
  CHECK_FALSE(ig.ignored(top + "/local.json", false));  // a nested file applies below it only
  CHECK_FALSE(GitIgnore::workTreeTop("/"));
}

TEST_CASE("gitignore: a walk inside a work tree skips what it ignores, --no-ignore walks it", "[gitignore][cli]") {
  const std::string top = tempDir("gitignore-walk");
  writeFile(top + "/.git/HEAD", "ref: refs/heads/main\n");
  writeFile(top + "/.git/info/exclude", "scratch/\n");
  writeFile(top + "/.gitignore", "dist/\n*.generated.json\n");
  const std::string bad = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"}]})";
  writeFile(top + "/roles/p.json", bad);
  writeFile(top + "/dist/p.json", bad);
  writeFile(top + "/roles/p.generated.json", bad);
  writeFile(top + "/scratch/p.json", bad);
  auto files = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"check", "--no-config", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(".");
    const auto run = runRolelint(args, top);
    std::set<std::string> out;
    const auto report = nlohmann::json::parse(run.out);
    for (const auto& d : report["diagnostics"])
      if (d["rule"] == "RL202") out.insert(d["file"].get<std::string>());
    return out;
  };
  CHECK(files({}) == std::set<std::string>{"roles/p.json"});
  CHECK(files({"--no-ignore"}) ==
        std::set<std::string>{"dist/p.json", "roles/p.generated.json", "roles/p.json", "scratch/p.json"});
  // A path named on the command line is read even when ignored.
  const auto named = runRolelint({"check", "--no-config", "dist/p.json"}, top);
  CHECK(named.exitCode == 1);
  // Outside a work tree nothing is ignored: the same tree without .git.
  std::filesystem::remove_all(top + "/.git");
  CHECK(files({}).size() == 4);
}
