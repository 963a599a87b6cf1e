// --format json is written by a streaming writer (output/json.cpp) that must print
// exactly what the report object (jsonReport, which the HTML report embeds) prints
// through nlohmann's serializer: same members, order, indentation and escaping.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "output/output.h"

using namespace rolelint;

namespace {

core::Diagnostic diagnostic(std::string message, std::string help, std::vector<core::RelatedLocation> related) {
  core::Diagnostic d;
  d.rule = "RL101";
  d.name = "missing-version";
  d.severity = core::Severity::Error;
  d.message = std::move(message);
  d.help = std::move(help);
  d.location.file = "dir/role.json";
  d.location.range.begin = {10, 3, 7};
  d.location.range.end = {14, 3, 11};
  d.location.pointer = "/Statement/0/Action";
  d.role = "MediaConvert_Default_Role";
  d.policy = "inline:S3";
  d.related = std::move(related);
  return d;
}

std::string streamed(const output::Report& r, const output::ToolInfo& tool) {
  std::ostringstream out;
  output::writeJson(out, r, tool);
  return out.str();
}

std::string viaTree(const output::Report& r, const output::ToolInfo& tool) {
  return output::jsonReport(r, tool).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("json: the streamed report is byte for byte the report object's serialisation", "[output][json]") {
  const output::ToolInfo tool{.name = "rolelint", .version = "0.1.0", .catalog = "cat \"1\""};
  output::Report r;
  SECTION("no findings, no unreadable inputs") {}
  SECTION("findings with and without help and related places, suppressed ones left out") {
    core::RelatedLocation rel{{"other.json", {{5, 2, 1}, {9, 2, 5}}, "/Statement/1"}, "grants s3:GetObject"};
    r.diagnostics.push_back(diagnostic("plain", "", {}));
    r.diagnostics.push_back(diagnostic("with help", "Add \"Version\"", {rel, rel}));
    auto suppressed = diagnostic("suppressed", "", {});
    suppressed.suppressed = true;
    r.diagnostics.push_back(suppressed);
    auto old = diagnostic("in the baseline", "", {});
    old.baselineState = "unchanged";
    r.diagnostics.push_back(old);
    r.files = 3;
    r.roles = 2;
    r.statements = {.full = 7, .unknownParts = 2, .notAnalysed = 1};
  }
  SECTION("every kind of character: escapes, control characters, non-ASCII, invalid UTF-8") {
    std::string all;
    for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
    r.diagnostics.push_back(diagnostic(all, "é ✓ 𝄞 \x7f", {}));
    r.diagnostics.push_back(diagnostic("bad \xff\xfe bytes \xc3", "overlong \xc0\xaf, surrogate \xed\xa0\x80", {}));
    r.diagnostics.push_back(diagnostic("too high \xf4\x90\x80\x80, cut \xe2\x9c", "\xf0\x9d\x84", {}));
    r.notifications = {"unreadable \"a\"\n", "b\\c"};
  }
  SECTION("each special character at each position of a longer text") {
    // The writer scans eight bytes at a time: a character that needs attention is
    // found wherever it falls in a word, and just before or after one.
    for (const std::string special : {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x9c\x93",
                                      "\xf0\x9d\x84\x9e", "\xff", "\xc3"})
      for (size_t at = 0; at < 19; ++at) {
        std::string text(19, 'x');
        text.insert(at, special);
        r.diagnostics.push_back(diagnostic(text, text.substr(0, at + 1), {}));
      }
  }
  SECTION("one unreadable input") { r.notifications = {"x: permission denied"}; }
  const std::string expected = viaTree(r, tool);
  CHECK(streamed(r, tool) == expected);
  // And it is a JSON document (the tree's serialisation could be wrong in the same way).
  CHECK_NOTHROW(nlohmann::json::parse(expected));
}

TEST_CASE("json: a report larger than the writer's buffer is written whole", "[output][json]") {
  output::Report r;
  for (int i = 0; i < 400; ++i) r.diagnostics.push_back(diagnostic(std::string(300, 'a' + i % 26), "h", {}));
  const output::ToolInfo tool{.name = "rolelint", .version = "0.1.0", .catalog = ""};
  const std::string s = streamed(r, tool);
  CHECK(s.size() > (1u << 17));
  CHECK(s == viaTree(r, tool));
}

TEST_CASE("json: a large report formatted by several threads is the one-thread text", "[output][json]") {
  // More findings than the writer formats in one batch (512), with inactive ones
  // first, last, at batch edges and making up whole batches: the threads' text,
  // joined in order, is the report object's serialisation.
  const output::ToolInfo tool{.name = "rolelint", .version = "0.1.0", .catalog = ""};
  output::Report r;
  for (int i = 0; i < 20000; ++i) {
    core::Diagnostic d = diagnostic("finding " + std::to_string(i), i % 3 == 0 ? "help \"" + std::to_string(i) + "\"" : "",
                                    {});
    d.location.range.begin.line = static_cast<uint32_t>(i + 1);
    const bool inactive = i < 5 || i >= 19990 || i % 512 == 0 || i % 512 == 511 || (i >= 8192 && i < 12288);
    if (inactive) d.suppressed = true;
    r.diagnostics.push_back(std::move(d));
  }
  const std::string expected = viaTree(r, tool);
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    std::ostringstream out;
    output::writeJson(out, r, tool, threads);
    CHECK(out.str() == expected);
  }
  SECTION("every finding inactive") {
    for (auto& d : r.diagnostics) d.suppressed = true;
    std::ostringstream out;
    output::writeJson(out, r, tool, 2);
    CHECK(out.str() == viaTree(r, tool));
    CHECK(out.str().find("\"diagnostics\": []") != std::string::npos);
  }
}
