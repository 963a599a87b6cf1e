// A diagnostic's message says what is wrong; its help says how to fix it
// (docs/architecture.md, "Messages and help"). Each output carries both: text
// on a `help:` line under the excerpt, JSON as "help", SARIF, GitHub and GitLab
// after the message, Markdown and HTML on a `help:` line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using rolelint::test::runRolelint;
using rolelint::test::tempDir;
using rolelint::test::writeFile;

namespace {
// RL103 on line 4: "allow" differs from "Allow" only in case, so the help names the fix.
const char* kPolicy =
    "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
    "    {\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::media/*\"}\n  ]\n}\n";
const char* kMessage = "\"allow\" is not a valid Effect; IAM rejects the policy as malformed: Effect is case-sensitive";
const char* kHelp = "Write \"Allow\"";

std::string run(const std::string& dir, const std::string& format) {
  const auto r = runRolelint({"check", "--no-config", "--select", "RL103", "--format", format, "p.json"}, dir);
  REQUIRE(r.exitCode == 1);
  return r.out;
}
}  // namespace

TEST_CASE("help: every output format carries the message and, apart from it, the help", "[output][help]") {
  const std::string dir = tempDir("help");
  writeFile(dir + "/p.json", kPolicy);

  SECTION("text: the message on the diagnostic line, the help on its own line under the excerpt") {
    const std::string out = run(dir, "text");
    INFO(out);
    const std::string head = std::string("p.json:4:16: error: ") + kMessage + " [RL103 invalid-effect]\n";
    REQUIRE(out.rfind(head, 0) == 0);
    const size_t help = out.find(std::string("\n  help: ") + kHelp + "\n");
    REQUIRE(help != std::string::npos);
    // The excerpt (line 4 and its caret) comes between the two.
    const size_t excerpt = out.find(" 4 | ");
    CHECK(excerpt > head.size() - 1);
    CHECK(excerpt < help);
  }
  SECTION("json: \"help\" beside \"message\"") {
    const auto j = nlohmann::json::parse(run(dir, "json"));
    REQUIRE(j["diagnostics"].size() == 1);
    const auto& d = j["diagnostics"][0];
    CHECK(d["rule"] == "RL103");
    CHECK(d["line"] == 4);
    CHECK(d["column"] == 16);
    CHECK(d["message"] == kMessage);
    CHECK(d["help"] == kHelp);
  }
  SECTION("sarif: the result's message is the message, then the help") {
    const auto j = nlohmann::json::parse(run(dir, "sarif"));
    const auto& results = j["runs"][0]["results"];
    REQUIRE(results.size() == 1);
    CHECK(results[0]["message"]["text"] == std::string(kMessage) + ". " + kHelp);
  }
  SECTION("github: one annotation with both") {
    const std::string out = run(dir, "github");
    INFO(out);
    CHECK(out.find("::error file=p.json,line=4,") != std::string::npos);
    CHECK(out.find("Effect is case-sensitive. Write \"Allow\"") != std::string::npos);
  }
  SECTION("gitlab: the description holds both") {
    const auto j = nlohmann::json::parse(run(dir, "gitlab"));
    REQUIRE(j.size() == 1);
    const std::string description = j[0]["description"];
    CHECK(description.find(std::string(kMessage) + ". " + kHelp) != std::string::npos);
  }
  SECTION("markdown and html: a help line under the message") {
    const std::string md = run(dir, "markdown");
    INFO(md);
    CHECK(md.find("<br>help: Write") != std::string::npos);
    const std::string html = run(dir, "html");
    CHECK(html.find("<span class=\"help\">help: Write &quot;Allow&quot;</span>") != std::string::npos);
  }
}

TEST_CASE("help: a diagnostic without a fix to suggest has no help", "[output][help]") {
  // RL204 suggests keys only when one is close; this key is far from every global key.
  const std::string dir = tempDir("help-none");
  writeFile(dir + "/p.json",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
            "\"Resource\": \"arn:aws:s3:::media/*\", \"Condition\": {\"StringEquals\": {\"aws:Qqqqqqqqqqqqqqqq\": \"x\"}}}]}\n");
  const auto r = runRolelint({"check", "--no-config", "--select", "RL204", "--format", "json", "p.json"}, dir);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["rule"] == "RL204");
  CHECK_FALSE(j["diagnostics"][0].contains("help"));
  const auto text = runRolelint({"check", "--no-config", "--select", "RL204", "p.json"}, dir);
  CHECK(text.out.find("help:") == std::string::npos);
}
