// --format html: structural tests of the report. A small HTML5 checker written
// here (doctype, balanced elements, quoted attributes, unique ids, raw-text
// elements), no address that would make the browser load anything, the data it
// embeds equals `--format json`, and escaping of hostile input. When the
// html-validate checker is available (ROLELINT_HTML_VALIDATE, set by
// tools/test-html), the reports are also validated by it; the real-browser
// tests are in tools/test-html.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "output/html.h"
#include "support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

namespace {

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // for raw-text elements (script, style): their content
};

// A strict reader for the HTML rolelint writes: every non-void element is
// closed explicitly, attribute values are double-quoted. Returns the problems.
struct HtmlCheck {
  std::vector<std::string> problems;
  std::vector<Element> elements;
};

HtmlCheck checkHtml(const std::string& html) {
  static const std::set<std::string> kVoid = {"area", "base", "br",   "col",   "embed",  "hr",    "img",
                                              "input", "link", "meta", "param", "source", "track", "wbr"};
  HtmlCheck r;
  if (html.rfind("<!DOCTYPE html>\n", 0) != 0) r.problems.push_back("no <!DOCTYPE html> at the start");
  std::vector<std::string> stack;
  std::set<std::string> ids;
  size_t i = html.find('\n');
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string::npos) break;
    // Text between tags: '&' must start a character reference.
    for (size_t a = html.find('&', i); a != std::string::npos && a < lt; a = html.find('&', a + 1)) {
      static const std::regex ref("^&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
      if (!std::regex_search(html.substr(a, 12), ref)) r.problems.push_back("bare & at offset " + std::to_string(a));
    }
    if (html.compare(lt, 4, "<!--") == 0) {
      i = html.find("-->", lt);
      if (i == std::string::npos) r.problems.push_back("unclosed comment");
      continue;
    }
    const bool closing = html.compare(lt + 1, 1, "/") == 0;
    size_t p = lt + (closing ? 2 : 1);
    size_t nameEnd = p;
    while (nameEnd < html.size() && (std::isalnum(static_cast<unsigned char>(html[nameEnd])) || html[nameEnd] == '-')) ++nameEnd;
    Element e;
    e.name = html.substr(p, nameEnd - p);
    if (e.name.empty()) {
      r.problems.push_back("'<' not starting a tag at offset " + std::to_string(lt));
      i = lt + 1;
      continue;
    }
    p = nameEnd;
    // Attributes: name="value" or a bare name.
    while (p < html.size() && html[p] != '>') {
      if (html[p] == ' ') {
        ++p;
        continue;
      }
      size_t an = p;
      while (an < html.size() && html[an] != '=' && html[an] != ' ' && html[an] != '>') ++an;
      const std::string attr = html.substr(p, an - p);
      std::string value;
      if (an < html.size() && html[an] == '=') {
        if (html[an + 1] != '"') r.problems.push_back("unquoted attribute " + attr + " in <" + e.name + ">");
        const size_t close = html.find('"', an + 2);
        value = html.substr(an + 2, close - an - 2);
        if (value.find('<') != std::string::npos) r.problems.push_back("'<' in attribute " + attr);
        p = close + 1;
      } else {
        p = an;
      }
      if (e.attributes.count(attr)) r.problems.push_back("duplicate attribute " + attr + " in <" + e.name + ">");
      e.attributes[attr] = value;
    }
    i = p + 1;
    if (closing) {
      if (stack.empty() || stack.back() != e.name) {
        r.problems.push_back("</" + e.name + "> closes <" + (stack.empty() ? std::string("nothing") : stack.back()) +
                             "> at offset " + std::to_string(lt));
      } else {
        stack.pop_back();
      }
      continue;
    }
    if (auto id = e.attributes.find("id"); id != e.attributes.end()) {
      if (!ids.insert(id->second).second) r.problems.push_back("duplicate id " + id->second);
    }
    if (e.name == "script" || e.name == "style") {
      const std::string end = "</" + e.name + ">";
      const size_t close = html.find(end, i);
      e.text = html.substr(i, close - i);
      i = close + end.size();
      r.elements.push_back(std::move(e));
      continue;
    }
    if (!kVoid.count(e.name)) stack.push_back(e.name);
    r.elements.push_back(std::move(e));
  }
  if (!stack.empty()) r.problems.push_back("unclosed <" + stack.back() + "> (and " + std::to_string(stack.size() - 1) + " more)");
  return r;
}

// Every attribute that makes a browser fetch or navigate, and CSS and script
// constructs that load: none may point outside the page.
std::vector<std::string> externalReferences(const HtmlCheck& page) {
  std::vector<std::string> found;
  static const std::set<std::string> kUrlAttributes = {"href", "src", "action", "formaction", "srcset", "poster",
                                                       "data", "xlink:href", "background", "cite", "ping", "manifest"};
  for (const auto& e : page.elements) {
    for (const auto& [name, value] : e.attributes) {
      if (kUrlAttributes.count(name) && !value.empty() && value[0] != '#') found.push_back("<" + e.name + " " + name + "=\"" + value + "\">");
      if (name.rfind("on", 0) == 0) found.push_back("inline handler " + name);
    }
    if (e.name == "link" || e.name == "iframe" || e.name == "object" || e.name == "embed" || e.name == "img" ||
        e.name == "base")
      found.push_back("<" + e.name + ">");
    if (e.name == "style" && (e.text.find("url(") != std::string::npos || e.text.find("@import") != std::string::npos ||
                              e.text.find("@font-face") != std::string::npos))
      found.push_back("CSS that loads a resource");
    if (e.name == "script" && !e.attributes.count("type")) {
      for (const char* s : {"http:", "https:", "//", "fetch(", "XMLHttpRequest", "import(", "WebSocket", "EventSource",
                            "sendBeacon", "new Image"}) {
        // "//" comments are fine; an address is "://".
        if (std::string(s) == "//") continue;
        if (e.text.find(s) != std::string::npos) found.push_back(std::string("script uses ") + s);
      }
      if (e.text.find("://") != std::string::npos) found.push_back("script holds an address");
    }
  }
  return found;
}

const Element* byId(const HtmlCheck& page, const std::string& id) {
  for (const auto& e : page.elements)
    if (auto it = e.attributes.find("id"); it != e.attributes.end() && it->second == id) return &e;
  return nullptr;
}

// rl-roles with each role's effective permissions expanded (they are stored once per distinct set).
json decodeRoles(const std::string& text) {
  const json data = json::parse(text);
  json roles = data["roles"];
  for (auto& r : roles) {
    if (!r.contains("s")) continue;
    json services = json::array();
    for (const auto& i : data["sets"][r["s"].get<size_t>()]) services.push_back(data["services"][i.get<size_t>()]);
    r["s"] = services;
  }
  return roles;
}

std::string htmlValidate() {
  const char* v = std::getenv("ROLELINT_HTML_VALIDATE");
  return v == nullptr ? std::string() : std::string(v);
}

// Validates `html` with html-validate when it is available; says so when not.
void validateWithTool(const std::string& html, const std::string& name) {
  const std::string tool = htmlValidate();
  if (tool.empty()) {
    WARN("html-validate not available (set ROLELINT_HTML_VALIDATE; tools/test-html does): skipped for " + name);
    return;
  }
  const std::string dir = rolelint::test::tempDir("html-validate");
  const std::string file = dir + "/" + name + ".html";
  rolelint::test::writeFile(file, html);
  const std::string out = dir + "/out.txt";
  const int status = std::system(("'" + tool + "' '" + file + "' >'" + out + "' 2>&1").c_str());
  INFO(readFile(out));
  CHECK(status == 0);
  fs::remove_all(dir);
}

}  // namespace

TEST_CASE("html: the broken MediaConvert report is well-formed, self-contained and embeds the JSON output",
          "[html]") {
  const auto r = runRolelint({"check", "--no-config", "--format", "html", "examples/mediaconvert-broken"});
  REQUIRE(r.exitCode == 1);
  const auto page = checkHtml(r.out);
  INFO(r.out.substr(0, 2000));
  CHECK(page.problems == std::vector<std::string>{});
  CHECK(externalReferences(page) == std::vector<std::string>{});
  // Exactly one script that runs; every other <script> is JSON data.
  size_t scripts = 0;
  for (const auto& e : page.elements)
    if (e.name == "script" && !e.attributes.count("type")) ++scripts;
  CHECK(scripts == 1);

  // The embedded findings are the --format json object.
  const auto j = runRolelint({"check", "--no-config", "--format", "json", "examples/mediaconvert-broken"});
  const Element* findings = byId(page, "rl-findings");
  REQUIRE(findings != nullptr);
  CHECK(json::parse(findings->text) == json::parse(j.out));
  // One extra record per finding; roles as many as the summary counts.
  const json extra = json::parse(byId(page, "rl-extra")->text);
  const json roles = decodeRoles(byId(page, "rl-roles")->text);
  const json expected = json::parse(j.out);
  CHECK(extra["findings"].size() == expected["diagnostics"].size());
  CHECK(roles.size() == expected["summary"]["roles"].get<size_t>());

  // Content: per role the trust principal, the effective permissions, the policies; each cited rule's doc.
  CHECK(r.out.find("<h3>MediaConvert_Default_Role</h3>") != std::string::npos);
  CHECK(r.out.find("Service mediaconvert.amazonaws.com") != std::string::npos);
  CHECK(r.out.find("<h4>Effective permissions</h4>") != std::string::npos);
  CHECK(r.out.find("boundary: <code>arn:aws:iam::111122223333:policy/MediaServicesBoundary</code>") != std::string::npos);
  for (const auto& d : expected["diagnostics"]) {
    const std::string id = d["rule"].get<std::string>();
    CHECK(byId(page, "rule-" + id) != nullptr);
  }
  // The RL103 finding, with its source line and the range marked.
  CHECK(r.out.find("<mark>&quot;allow&quot;</mark>") != std::string::npos);
  // Accessibility: language, headings, table headers with scope, a skip link.
  CHECK(r.out.find("<html lang=\"en\">") != std::string::npos);
  CHECK(r.out.find("<th scope=\"col\">Severity</th>") != std::string::npos);
  CHECK(r.out.find("class=\"skip\" href=\"#findings\"") != std::string::npos);
  CHECK(r.out.find("@media print") != std::string::npos);
  validateWithTool(r.out, "mediaconvert-broken");
}

TEST_CASE("html: suppressed findings are shown behind a toggle with their reason", "[html]") {
  const std::string dir = rolelint::test::tempDir("html-suppressed");
  fs::copy(fs::path(rolelint::test::sourceDir()) / "examples/mediaconvert-broken/role.json", dir + "/role.json");
  rolelint::test::writeFile(dir + "/.rolelint.json",
                            R"({"suppress": [{"rule": "RL103", "reason": "tracked in <TICKET-1> & fixed next sprint"}]})");
  const auto r = runRolelint({"check", "--format", "html", "."}, dir);
  const auto page = checkHtml(r.out);
  CHECK(page.problems == std::vector<std::string>{});
  const json extra = json::parse(byId(page, "rl-extra")->text);
  REQUIRE(extra["hidden"].size() >= 1);
  CHECK(extra["hidden"][0]["rule"] == "RL103");
  CHECK(extra["hidden"][0]["suppressed"] == true);
  CHECK(extra["hidden"][0]["reason"] == "tracked in <TICKET-1> & fixed next sprint");
  CHECK(r.out.find("suppressed: tracked in &lt;TICKET-1&gt; &amp; fixed next sprint") != std::string::npos);
  // Not among the active findings of the embedded JSON output.
  const json findings = json::parse(byId(page, "rl-findings")->text);  // not a temporary: the loop reads it
  for (const auto& d : findings["diagnostics"]) CHECK(d["rule"] != "RL103");
  fs::remove_all(dir);
}

TEST_CASE("html: hostile input stays text", "[html]") {
  const std::string dir = rolelint::test::tempDir("html-hostile");
  const std::string evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
  json role = json::parse(readFile(rolelint::test::sourceDir() + "/examples/mediaconvert-broken/role.json"));
  role["RoleName"] = evil;
  role["Description"] = "<!-- BAD-BYTE";
  std::string text = role.dump(2);
  text.replace(text.find("BAD-BYTE"), 8, "\xff bad byte");  // invalid UTF-8: read as U+FFFD, reported
  rolelint::test::writeFile(dir + "/role.json", text);
  const auto r = runRolelint({"check", "--no-config", "--format", "html", "."}, dir);
  const auto page = checkHtml(r.out);
  CHECK(page.problems == std::vector<std::string>{});
  CHECK(externalReferences(page) == std::vector<std::string>{});
  CHECK(r.out.find("<img") == std::string::npos);
  CHECK(r.out.find("<script>alert") == std::string::npos);
  // The data blocks still parse, and hold the name as it was.
  const json roles = decodeRoles(byId(page, "rl-roles")->text);
  CHECK(roles[0]["n"] == evil);
  validateWithTool(r.out, "hostile");
  fs::remove_all(dir);
}

TEST_CASE("html: effective permissions for several roles", "[html]") {
  const auto r = runRolelint({"effective", "--no-config", "--format", "html", "examples/mediaconvert/role.json",
                              "examples/mediaconvert-broken/role.json"});
  CHECK(r.exitCode == 0);
  const auto page = checkHtml(r.out);
  CHECK(page.problems == std::vector<std::string>{});
  const json roles = decodeRoles(byId(page, "rl-roles")->text);
  REQUIRE(roles.size() == 2);
  // The same numbers as `effective --format json`.
  const json eff = json::parse(runRolelint({"effective", "--no-config", "--format", "json", "examples/mediaconvert/role.json",
                                            "examples/mediaconvert-broken/role.json"})
                                   .out);
  for (size_t i = 0; i < 2; ++i) {
    REQUIRE(roles[i]["s"].size() == eff[i]["services"].size());
    for (size_t k = 0; k < roles[i]["s"].size(); ++k) {
      CHECK(roles[i]["s"][k][0] == eff[i]["services"][k]["service"]);
      CHECK(roles[i]["s"][k][2] == eff[i]["services"][k]["effective"]);
    }
  }
}

TEST_CASE("html: rule documentation is rendered from Markdown without links out", "[html]") {
  using rolelint::output::markdownDocToHtml;
  const std::string html = markdownDocToHtml(
      "# RL101 x\n\n> Summary `code`.\n\nSee [RL102](RL102.md) and [AWS](https://docs.aws.amazon.com/x).\n\n"
      "- one\n- two <b>\n\n| a | b |\n|---|---|\n| 1 \\| 2 | 3 |\n\n```json\n{\"a\": \"<x>\"}\n```\n");
  CHECK(html.find("<h3>RL101 x</h3>") != std::string::npos);
  CHECK(html.find("<blockquote><p>Summary <code>code</code>.</p></blockquote>") != std::string::npos);
  CHECK(html.find("<a href=\"#rule-RL102\">RL102</a>") != std::string::npos);
  CHECK(html.find("AWS <span class=\"url\">(https://docs.aws.amazon.com/x)</span>") != std::string::npos);
  CHECK(html.find("<li>two &lt;b&gt;</li>") != std::string::npos);
  CHECK(html.find("<td>1 | 2</td>") != std::string::npos);
  CHECK(html.find("{&quot;a&quot;: &quot;&lt;x&gt;&quot;}") != std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  const auto page = checkHtml("<!DOCTYPE html>\n" + html);
  CHECK(page.problems == std::vector<std::string>{});
}
