#include "output/html.h"
#include "core/text.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "analysis/effective.h"
#include "analysis/evaluate.h"
#include "core/embedded.h"
#include "output/report_escape.h"

#include <zlib.h>

namespace rolelint::output {
namespace {

using nlohmann::ordered_json;

// Rows written as HTML before the script runs (the rest is rendered on demand).
constexpr size_t kFindingsPage = 100;
constexpr size_t kRolesPage = 20;
constexpr size_t kPoliciesPage = 100;
// Source excerpt: at most this many lines per finding, each cut to this many bytes.
constexpr uint32_t kExcerptLines = 4;
constexpr size_t kExcerptWidth = 240;

std::string esc(std::string_view s) { return htmlEscape(s); }

// Data blocks larger than this are stored gzip-compressed (base64, as a JSON
// string): the JSON of a 10,000-role account is tens of megabytes, and repeats
// itself enough to shrink about tenfold. The script inflates them with the
// browser's DecompressionStream.
constexpr size_t kCompressAbove = 256 * 1024;

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const auto b = [&](size_t k) { return k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0u; };
    const unsigned v = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

// gzip (RFC 1952) of `data`; "" when zlib fails (the block is then written plain).
std::string gzip(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

// <script type="application/json" id=ID>: the JSON as it is, or, when large, a
// JSON string of its gzip in base64 (data-encoding="gzip-base64").
void writeDataBlock(std::ostream& out, const char* id, const ordered_json& j) {
  const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "<script type=\"application/json\" id=\"" << id << "\"";
  if (text.size() > kCompressAbove && text.size() < (size_t{1} << 31)) {
    const std::string packed = gzip(text);
    if (!packed.empty()) {
      out << " data-encoding=\"gzip-base64\">\"" << base64(packed) << "\"</script>\n";
      return;
    }
  }
  out << ">" << scriptSafeJson(text) << "</script>\n";
}

std::string withCommas(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

// ---------- rule documentation (Markdown → HTML fragment) ----------

std::string inlineMarkdown(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '`') {
      const auto end = text.find('`', i + 1);
      if (end != std::string_view::npos) {
        out += "<code>" + esc(text.substr(i + 1, end - i - 1)) + "</code>";
        i = end + 1;
        continue;
      }
    }
    if (text[i] == '[') {
      const auto close = text.find("](", i);
      const auto tick = text.find('`', i);
      if (close != std::string_view::npos && (tick == std::string_view::npos || tick > close)) {
        const auto paren = text.find(')', close + 2);
        if (paren != std::string_view::npos) {
          const std::string_view label = text.substr(i + 1, close - i - 1);
          const std::string_view url = text.substr(close + 2, paren - close - 2);
          // "RL101.md" or "../rules/RL101.md": a page of this report.
          const auto slash = url.rfind('/');
          const std::string_view file = slash == std::string_view::npos ? url : url.substr(slash + 1);
          if (file.size() == 8 && file.substr(0, 2) == "RL" && file.substr(5) == ".md") {
            out += "<a href=\"#rule-" + esc(file.substr(0, 5)) + "\">" + inlineMarkdown(label) + "</a>";
          } else {
            out += inlineMarkdown(label) + " <span class=\"url\">(" + esc(url) + ")</span>";
          }
          i = paren + 1;
          continue;
        }
      }
    }
    if (text.substr(i, 2) == "**") {
      const auto end = text.find("**", i + 2);
      if (end != std::string_view::npos) {
        out += "<strong>" + inlineMarkdown(text.substr(i + 2, end - i - 2)) + "</strong>";
        i = end + 2;
        continue;
      }
    }
    // Plain text up to the next special character.
    size_t j = i + 1;
    while (j < text.size() && text[j] != '`' && text[j] != '[' && text[j] != '*') ++j;
    out += esc(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string_view> splitCells(std::string_view row) {
  std::vector<std::string_view> cells;
  if (!row.empty() && row.front() == '|') row.remove_prefix(1);
  if (!row.empty() && row.back() == '|') row.remove_suffix(1);
  size_t start = 0;
  for (size_t i = 0; i <= row.size(); ++i) {
    if (i == row.size() || (row[i] == '|' && (i == 0 || row[i - 1] != '\\'))) {
      std::string_view c = row.substr(start, i - start);
      while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
      while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
      cells.push_back(c);
      start = i + 1;
    }
  }
  return cells;
}

}  // namespace

std::string markdownDocToHtml(std::string_view md) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= md.size();) {
    auto nl = md.find('\n', start);
    if (nl == std::string_view::npos) nl = md.size();
    std::string_view l = md.substr(start, nl - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = nl + 1;
  }
  std::string out;
  std::string para;
  auto flush = [&] {
    if (!para.empty()) out += "<p>" + inlineMarkdown(para) + "</p>\n";
    para.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    if (l.substr(0, 3) == "```") {
      flush();
      out += "<pre><code>";
      for (++i; i < lines.size() && lines[i].substr(0, 3) != "```"; ++i) out += esc(lines[i]) + "\n";
      out += "</code></pre>\n";
      continue;
    }
    if (l.empty()) {
      flush();
      continue;
    }
    if (l[0] == '#') {
      flush();
      size_t level = 0;
      while (level < l.size() && l[level] == '#') ++level;
      // The page title is the section's own heading: # → h3, ## → h4, deeper → h5.
      const size_t h = std::min<size_t>(level + 2, 5);
      const std::string tag = "h" + std::to_string(h);
      std::string_view text = l.substr(level);
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      out += "<" + tag + ">" + inlineMarkdown(text) + "</" + tag + ">\n";
      continue;
    }
    if (l.substr(0, 2) == "> ") {
      flush();
      out += "<blockquote><p>" + inlineMarkdown(l.substr(2)) + "</p></blockquote>\n";
      continue;
    }
    if (l.substr(0, 2) == "- " || l.substr(0, 2) == "* ") {
      flush();
      out += "<ul>\n";
      for (; i < lines.size() && (lines[i].substr(0, 2) == "- " || lines[i].substr(0, 2) == "* "); ++i) {
        std::string item(lines[i].substr(2));
        // Continuation lines of the item (indented).
        while (i + 1 < lines.size() && lines[i + 1].substr(0, 2) == "  ") {
          std::string_view cont = lines[++i];
          while (!cont.empty() && cont.front() == ' ') cont.remove_prefix(1);
          item += " ";
          item += cont;
        }
        out += "<li>" + inlineMarkdown(item) + "</li>\n";
      }
      --i;
      out += "</ul>\n";
      continue;
    }
    if (l[0] == '|') {
      flush();
      out += "<div class=\"scroll\"><table>\n";
      bool header = true;
      for (; i < lines.size() && !lines[i].empty() && lines[i][0] == '|'; ++i) {
        const auto cells = splitCells(lines[i]);
        const bool separator = std::all_of(cells.begin(), cells.end(), [](std::string_view c) {
          return !c.empty() && c.find_first_not_of("-: ") == std::string_view::npos;
        });
        if (separator) continue;
        out += "<tr>";
        for (const auto c : cells) {
          std::string cell(c);
          for (size_t p = cell.find("\\|"); p != std::string::npos; p = cell.find("\\|", p + 1)) cell.erase(p, 1);
          out += header ? "<th scope=\"col\">" : "<td>";
          out += inlineMarkdown(cell);
          out += header ? "</th>" : "</td>";
        }
        out += "</tr>\n";
        header = false;
      }
      --i;
      out += "</table></div>\n";
      continue;
    }
    if (!para.empty()) para += ' ';
    para += l;
  }
  flush();
  return out;
}

namespace {

// ---------- data ----------

struct Excerpt {
  uint32_t firstLine = 0;
  std::vector<std::string> lines;
};

// The source lines of a finding (up to kExcerptLines), each cut to kExcerptWidth bytes.
Excerpt excerptOf(const core::Diagnostic& d, const SourceMap& sources) {
  Excerpt e;
  const auto it = sources.find(d.location.file);
  const auto& r = d.location.range;
  if (it == sources.end() || r.begin.line == 0) return e;
  const input::Source& src = *it->second;
  const uint32_t last = std::min({std::max(r.end.line, r.begin.line), r.begin.line + kExcerptLines - 1,
                                  src.lines.lineCount()});
  e.firstLine = r.begin.line;
  for (uint32_t l = r.begin.line; l <= last; ++l) {
    std::string_view text = src.lines.lineText(src.text, l);
    if (text.size() > kExcerptWidth) {
      // Cut at a character boundary.
      size_t cut = kExcerptWidth;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut);
    }
    e.lines.push_back(sanitizeUtf8(text));
  }
  return e;
}

// Service prefixes a finding names: "s3:GetObject" → s3, "lambda.amazonaws.com" → lambda.
std::vector<std::string> servicesNamed(std::string_view message, const std::set<std::string, std::less<>>& known) {
  std::set<std::string> found;
  auto isWord = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  };
  for (size_t i = 0; i < message.size();) {
    if (!isWord(message[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < message.size() && isWord(message[j])) ++j;
    const std::string word = core::lower(message.substr(i, j - i));
    const bool preceded = i > 0 && message[i - 1] == ':';  // "arn:aws:s3" names s3 only after "arn:aws:"
    const bool action = j + 1 < message.size() && message[j] == ':' &&
                        (isWord(message[j + 1]) || message[j + 1] == '*');
    const bool principal = message.substr(j, 15) == ".amazonaws.com";
    if (known.count(word) && ((action && !preceded) || principal)) found.insert(word);
    i = j;
  }
  return {found.begin(), found.end()};
}

std::string category(const engine::Registry& registry, const std::string& rule) {
  const engine::Rule* r = registry.find(rule);
  return r ? std::string(engine::categoryName(r->meta().category)) : "tool";
}

ordered_json extraOf(const core::Diagnostic& d, const SourceMap& sources, const engine::Registry& registry,
                     const std::set<std::string, std::less<>>& services) {
  ordered_json j;
  j["c"] = category(registry, d.rule);
  j["sv"] = servicesNamed(d.message, services);
  const Excerpt e = excerptOf(d, sources);
  if (!e.lines.empty()) {
    j["xl"] = e.firstLine;
    j["x"] = e.lines;
  }
  return j;
}

// One trust statement, as the report shows it.
ordered_json trustOf(const model::PolicyDocument& doc, const model::Statement& s) {
  ordered_json j;
  j["e"] = s.effect == model::Effect::Allow ? "Allow" : s.effect == model::Effect::Deny ? "Deny" : "invalid";
  ordered_json principals = ordered_json::array();
  auto add = [&](const model::Principal& p, bool negated) {
    const std::string prefix = negated ? "everyone except " : "";
    if (p.wildcard) principals.push_back(prefix + "* (anyone)");
    for (const auto& e : p.entries) {
      for (const auto& v : e.values.items) principals.push_back(prefix + e.type + " " + v.value);
      if (e.values.items.empty()) principals.push_back(prefix + e.type + " (no string value)");
    }
  };
  if (s.principal) add(*s.principal, false);
  if (s.notPrincipal) add(*s.notPrincipal, true);
  j["p"] = principals;
  ordered_json actions = ordered_json::array();
  for (const auto& a : s.action.items) actions.push_back(a.value);
  for (const auto& a : s.notAction.items) actions.push_back("all except " + a.value);
  j["a"] = actions;
  ordered_json conditions = ordered_json::array();
  for (const auto& c : s.conditions) conditions.push_back(analysis::describeCondition(c));
  j["c"] = conditions;
  if (s.node != nullptr) j["l"] = doc.locate(*s.node).range.begin.line;
  return j;
}

ordered_json roleJson(const model::Role& role, const catalog::Catalog* catalog) {
  ordered_json j;
  j["n"] = role.displayName;
  j["f"] = role.file();
  j["l"] = role.root != nullptr ? role.locate(*role.root).range.begin.line : 0;
  ordered_json trust = ordered_json::array();
  if (role.trust) {
    for (const auto& s : role.trust->statements) trust.push_back(trustOf(*role.trust, s));
  }
  j["t"] = trust;
  ordered_json policies = ordered_json::array();
  for (const auto& p : role.inlinePolicies) {
    policies.push_back({{"k", "inline"}, {"n", p.label}, {"f", p.file()},
                        {"l", p.root != nullptr ? p.locate(*p.root).range.begin.line : 0}});
  }
  for (const auto& m : role.managed) {
    policies.push_back({{"k", "managed"}, {"n", m.arn}, {"r", m.document != nullptr}});
  }
  if (role.boundary) policies.push_back({{"k", "boundary"}, {"n", role.boundary->arn}, {"r", role.boundary->document != nullptr}});
  j["p"] = policies;
  if (catalog != nullptr) {
    std::vector<std::string> unresolved;
    const auto policiesOf = analysis::policiesOf(role, &unresolved);
    ordered_json services = ordered_json::array();
    for (const auto& a : analysis::effectiveAccess(policiesOf, *catalog)) {
      services.push_back(ordered_json::array({a.service, a.granted, a.effective, a.byLevel, a.examples, a.blocked,
                                              a.conditionalOnly, a.conditional}));
    }
    j["s"] = services;
    j["u"] = unresolved;
  }
  return j;
}

// ---------- HTML pieces ----------

std::string sevBadge(std::string_view sev) {
  return "<span class=\"sev sev-" + std::string(sev) + "\">" + std::string(sev) + "</span>";
}

std::string locationText(const core::Diagnostic& d) {
  std::string s = d.location.file.empty() ? "rolelint" : d.location.file;
  if (d.location.range.begin.line > 0)
    s += ":" + std::to_string(d.location.range.begin.line) + ":" + std::to_string(d.location.range.begin.column);
  return s;
}

// The excerpt as a <pre>, with the finding's range on its first line marked (UTF-16 columns).
std::string excerptHtml(const core::Diagnostic& d, const Excerpt& e) {
  if (e.lines.empty()) return {};
  auto byteAt = [](std::string_view line, uint32_t column) {
    size_t units = 1, i = 0;
    while (i < line.size() && units < column) {
      const auto c = static_cast<unsigned char>(line[i]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      units += len == 4 ? 2 : 1;
      i += len;
    }
    return std::min(i, line.size());
  };
  std::string out = "<pre class=\"src\">";
  const auto& r = d.location.range;
  for (size_t k = 0; k < e.lines.size(); ++k) {
    const std::string& line = e.lines[k];
    const uint32_t number = e.firstLine + static_cast<uint32_t>(k);
    out += "<span class=\"ln\">" + std::to_string(number) + "</span>";
    if (k == 0) {
      const size_t b = byteAt(line, r.begin.column);
      const size_t en = r.end.line == r.begin.line ? std::max(b, byteAt(line, r.end.column)) : line.size();
      out += esc(line.substr(0, b)) + "<mark>" + esc(line.substr(b, en - b)) + "</mark>" + esc(line.substr(en));
    } else {
      out += esc(line);
    }
    out += "\n";
  }
  out += "</pre>";
  return out;
}

std::string findingRow(const core::Diagnostic& d, const Excerpt& e, size_t index, const std::map<std::string, size_t>& roleIndex,
                       bool hidden) {
  const std::string sev(core::toString(d.severity));
  std::string row = "<tr data-i=\"" + std::to_string(index) + "\"><td>" + sevBadge(sev) + "</td>";
  row += "<td><a href=\"#rule-" + esc(d.rule) + "\">" + esc(d.rule) + "</a><br><span class=\"muted\">" + esc(d.name) +
         "</span></td>";
  row += "<td>" + esc(d.message);
  if (!d.help.empty()) row += "<br><span class=\"help\">help: " + esc(d.help) + "</span>";
  if (hidden) {
    row += "<br><span class=\"muted\">" +
           (d.suppressed ? "suppressed: " + esc(d.suppressionReason.empty() ? "(no reason given)" : d.suppressionReason)
                         : std::string("unchanged since the baseline")) +
           "</span>";
  }
  const std::string excerpt = excerptHtml(d, e);
  if (!excerpt.empty()) row += "<details><summary>source</summary>" + excerpt + "</details>";
  row += "</td><td>";
  if (!d.role.empty()) {
    const auto it = roleIndex.find(d.role);
    if (it != roleIndex.end()) {
      row += "<a href=\"#role-" + std::to_string(it->second) + "\">" + esc(d.role) + "</a>";
    } else {
      row += esc(d.role);
    }
  }
  row += "</td><td><code>" + esc(locationText(d)) + "</code>";
  if (!d.policy.empty()) row += "<br><span class=\"muted\">" + esc(d.policy) + "</span>";
  if (!d.location.pointer.empty()) row += "<br><code class=\"muted\">" + esc(d.location.pointer) + "</code>";
  row += "</td></tr>\n";
  return row;
}

const char* kFindingsHead =
    "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Finding</th>"
    "<th scope=\"col\">Role</th><th scope=\"col\">Location</th></tr></thead>\n";

constexpr const char* kLevels[] = {"List", "Read", "Write", "Permissions management", "Tagging"};

std::string joinEsc(const ordered_json& arr, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; i < arr.size(); ++i) out += (i ? sep : "") + esc(arr[i].get<std::string>());
  return out;
}

// One role, as the script renders it too (report.js: roleHtml).
std::string roleHtml(const ordered_json& r, size_t index, const std::vector<const core::Diagnostic*>& findings,
                     const engine::Registry& registry) {
  std::string out = "<article class=\"role\" id=\"role-" + std::to_string(index) + "\" data-r=\"" +
                    std::to_string(index) + "\">\n<h3>" + esc(r["n"].get<std::string>()) + "</h3>\n";
  out += "<p class=\"muted\"><code>" + esc(r["f"].get<std::string>()) +
         (r["l"].get<uint32_t>() > 0 ? ":" + std::to_string(r["l"].get<uint32_t>()) : "") + "</code></p>\n";
  // Trust.
  out += "<h4>Who can assume it</h4>\n";
  if (r["t"].empty()) {
    out += "<p>No trust policy.</p>\n";
  } else {
    out += "<table><thead><tr><th scope=\"col\">Effect</th><th scope=\"col\">Principals</th><th scope=\"col\">Actions</th>"
           "<th scope=\"col\">Conditions</th></tr></thead><tbody>\n";
    for (const auto& t : r["t"]) {
      out += "<tr><td>" + esc(t["e"].get<std::string>()) + "</td><td>" + joinEsc(t["p"], "<br>") + "</td><td>" +
             joinEsc(t["a"], "<br>") + "</td><td>" + (t["c"].empty() ? std::string("none") : joinEsc(t["c"], "<br>")) +
             "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  // Effective permissions.
  out += "<h4>Effective permissions</h4>\n";
  if (!r.contains("s")) {
    out += "<p>Not computed (no IAM catalog).</p>\n";
  } else if (r["s"].empty()) {
    out += "<p>None: no action is allowed by the identity policies and the boundary.</p>\n";
  } else {
    out += "<div class=\"scroll\"><table class=\"num\"><thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Granted</th>"
           "<th scope=\"col\">Effective</th>";
    for (const char* l : kLevels) out += std::string("<th scope=\"col\">") + l + "</th>";
    out += "<th scope=\"col\">Removed by the boundary or a Deny</th><th scope=\"col\">Only under conditions</th></tr></thead><tbody>\n";
    for (const auto& s : r["s"]) {
      const size_t granted = s[1].get<size_t>(), effective = s[2].get<size_t>(), conditional = s[6].get<size_t>();
      out += "<tr><th scope=\"row\">" + esc(s[0].get<std::string>()) + "</th><td>" + std::to_string(granted) + "</td><td>" +
             std::to_string(effective) + "</td>";
      for (const auto& n : s[3]) out += "<td>" + std::to_string(n.get<size_t>()) + "</td>";
      out += "<td class=\"text\">";
      if (granted > effective) out += std::to_string(granted - effective) + (s[5].empty() ? "" : ": " + joinEsc(s[5]));
      out += "</td><td class=\"text\">";
      if (conditional > 0) out += std::to_string(conditional) + (s[7].empty() ? "" : ": " + joinEsc(s[7], "; "));
      out += "</td></tr>\n";
    }
    out += "</tbody></table></div>\n";
  }
  if (r.contains("u") && !r["u"].empty()) out += "<p>Not resolved, not counted: " + joinEsc(r["u"]) + "</p>\n";
  // Policies.
  out += "<h4>Policies</h4>\n<ul>\n";
  for (const auto& p : r["p"]) {
    const std::string kind = p["k"].get<std::string>();
    out += "<li>" + esc(kind) + ": <code>" + esc(p["n"].get<std::string>()) + "</code>";
    if (p.contains("r") && !p["r"].get<bool>()) out += " (not resolved)";
    out += "</li>\n";
  }
  if (r["p"].empty()) out += "<li>none</li>\n";
  out += "</ul>\n";
  // Findings by category, security first.
  out += "<h4>Findings</h4>\n";
  if (findings.empty()) out += "<p>None.</p>\n";
  std::map<std::string, std::vector<const core::Diagnostic*>> byCategory;
  for (const auto* d : findings) byCategory[category(registry, d->rule)].push_back(d);
  std::vector<std::string> order;
  if (byCategory.count("security")) order.push_back("security");
  for (const auto& [k, v] : byCategory)
    if (k != "security") order.push_back(k);
  for (const auto& k : order) {
    out += "<h5>" + esc(k) + "</h5>\n<ul class=\"rf\">\n";
    for (const auto* d : byCategory[k]) {
      out += "<li>" + sevBadge(core::toString(d->severity)) + " <a href=\"#rule-" + esc(d->rule) + "\">" + esc(d->rule) +
             "</a> " + esc(d->message) + " <code class=\"muted\">" + esc(locationText(*d)) + "</code></li>\n";
    }
    out += "</ul>\n";
  }
  out += "</article>\n";
  return out;
}

}  // namespace

void writeHtml(std::ostream& out, const Report& report, const SourceMap& sources, const ToolInfo& tool,
               const engine::Registry& registry, const HtmlOptions& options) {
  // Known service prefixes, to tell "s3:GetObject" from "aws:SourceArn".
  std::set<std::string, std::less<>> services;
  if (options.catalog != nullptr) {
    for (size_t i = 0; i < options.catalog->serviceCount(); ++i)
      services.emplace(options.catalog->servicePrefix(i));
  }

  // Findings: the active ones (rl-findings, as --format json), then the hidden ones.
  std::vector<const core::Diagnostic*> active, hidden;
  for (const auto& d : report.diagnostics) (d.active() ? active : hidden).push_back(&d);
  ordered_json extra = ordered_json::object();
  ordered_json extraFindings = ordered_json::array();
  for (const auto* d : active) extraFindings.push_back(extraOf(*d, sources, registry, services));
  extra["findings"] = std::move(extraFindings);
  const ordered_json findingsJson = jsonReport(report, tool);
  ordered_json hiddenJson = ordered_json::array();
  {
    Report one;
    for (const auto* d : hidden) {
      one.diagnostics = {*d};
      one.diagnostics.front().suppressed = false;  // jsonReport lists active findings only
      one.diagnostics.front().baselineState = "";
      ordered_json j = jsonReport(one, tool)["diagnostics"][0];
      j["suppressed"] = d->suppressed;
      if (d->suppressed) j["reason"] = d->suppressionReason;
      if (!d->suppressed) j["baselineState"] = d->baselineState;
      j["extra"] = extraOf(*d, sources, registry, services);
      hiddenJson.push_back(std::move(j));
    }
  }
  extra["hidden"] = std::move(hiddenJson);

  // Roles, in parallel (effective permissions are the expensive part).
  const auto& roles = options.roles;
  std::vector<ordered_json> roleData(roles.size());
  {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < roles.size(); i = next++) roleData[i] = roleJson(*roles[i], options.catalog);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < options.threads && t < roles.size(); ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
  }
  std::map<std::string, size_t> roleIndex;  // display name → first role of that name
  for (size_t i = 0; i < roles.size(); ++i) roleIndex.emplace(roles[i]->displayName, i);
  std::map<std::string, std::vector<const core::Diagnostic*>> findingsByRole;
  for (const auto* d : active)
    if (!d->role.empty()) findingsByRole[d->role].push_back(d);

  // Policies: managed policies and boundaries, with the roles that attach them.
  struct PolicyUse {
    std::string kind;
    bool resolved = false;
    std::vector<size_t> roles;
  };
  std::map<std::pair<std::string, std::string>, PolicyUse> policyUses;  // (ARN, kind)
  for (size_t i = 0; i < roles.size(); ++i) {
    for (const auto& m : roles[i]->managed) {
      auto& u = policyUses[{m.arn, "managed"}];
      u.kind = "managed";
      u.resolved = m.document != nullptr;
      u.roles.push_back(i);
    }
    if (roles[i]->boundary) {
      auto& u = policyUses[{roles[i]->boundary->arn, "boundary"}];
      u.kind = "boundary";
      u.resolved = roles[i]->boundary->document != nullptr;
      u.roles.push_back(i);
    }
  }
  std::vector<std::pair<std::string, const PolicyUse*>> policyList;
  for (const auto& [key, use] : policyUses) policyList.emplace_back(key.first, &use);
  std::stable_sort(policyList.begin(), policyList.end(),
                   [](const auto& a, const auto& b) { return a.second->roles.size() > b.second->roles.size(); });
  ordered_json policiesJson = ordered_json::array();
  for (const auto& [arn, use] : policyList) policiesJson.push_back({{"n", arn}, {"k", use->kind}, {"r", use->resolved}, {"roles", use->roles}});

  // Rules cited, with counts.
  std::map<std::string, size_t> ruleCounts, categoryCounts;
  std::set<std::string> cited;
  for (const auto& d : report.diagnostics) {
    cited.insert(d.rule);
    if (!d.active()) continue;
    ++ruleCounts[d.rule];
    ++categoryCounts[category(registry, d.rule)];
  }
  ordered_json rulesJson = ordered_json::object();
  for (const auto& id : cited) {
    const engine::Rule* r = registry.find(id);
    if (r == nullptr) continue;
    const auto& m = r->meta();
    rulesJson[id] = {{"name", m.name}, {"category", std::string(engine::categoryName(m.category))},
                     {"severity", std::string(core::toString(m.severity))}, {"summary", m.summary}};
  }
  const Counts c = count(report);

  // ---------- the page ----------
  const auto css = embedded::find("src/output/report/report.css");
  const auto js = embedded::find("src/output/report/report.js");
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"rolelint " << esc(tool.version) << "\">\n"
         "<title>" << esc(options.title) << "</title>\n<style>\n" << (css ? *css : std::string_view()) << "</style>\n</head>\n<body>\n";
  out << "<a class=\"skip\" href=\"#findings\">Skip to the findings</a>\n";
  out << "<header><h1>" << esc(options.title) << "</h1>\n<p class=\"muted\">rolelint " << esc(tool.version);
  if (!tool.catalog.empty()) out << " · IAM catalog " << esc(tool.catalog);
  out << " · " << withCommas(report.files) << (report.files == 1 ? " file" : " files") << " · " << withCommas(roles.size())
      << (roles.size() == 1 ? " role" : " roles") << "</p>\n";
  out << "<nav aria-label=\"Sections\"><ul><li><a href=\"#summary\">Summary</a></li><li><a href=\"#findings\">Findings</a></li>"
         "<li><a href=\"#security\">Security</a></li><li><a href=\"#roles\">Roles</a></li><li><a href=\"#policies\">Policies</a></li>"
         "<li><a href=\"#suppressed\">Suppressed</a></li><li><a href=\"#rules\">Rules</a></li></ul></nav>\n</header>\n<main>\n";

  // Summary.
  out << "<section id=\"summary\" aria-labelledby=\"h-summary\">\n<h2 id=\"h-summary\">Summary</h2>\n<div class=\"cards\">\n";
  auto card = [&](const std::string& label, size_t n, const char* cls) {
    out << "<div class=\"card " << cls << "\"><span class=\"n\">" << withCommas(n) << "</span> " << label << "</div>\n";
  };
  card(roles.size() == 1 ? "role" : "roles", roles.size(), "");
  card(c.errors == 1 ? "error" : "errors", c.errors, "c-error");
  card(c.warnings == 1 ? "warning" : "warnings", c.warnings, "c-warning");
  card(c.notes == 1 ? "note" : "notes", c.notes, "c-note");
  card("suppressed", c.suppressed, "");
  if (c.baseline > 0) card("in the baseline", c.baseline, "");
  out << "</div>\n";
  if (!report.notifications.empty()) {
    out << "<h3>Inputs that could not be read</h3>\n<ul>\n";
    for (const auto& n : report.notifications) out << "<li>" << esc(n) << "</li>\n";
    out << "</ul>\n";
  }
  // Chart: findings by category (inline SVG, horizontal bars).
  {
    const size_t rowsN = categoryCounts.size();
    size_t max = 1;
    for (const auto& [k, n] : categoryCounts) max = std::max(max, n);
    const size_t height = 24 * std::max<size_t>(rowsN, 1) + 8;
    out << "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"chart-title\" width=\"420\" height=\"" << height
        << "\" viewBox=\"0 0 420 " << height << "\"><title id=\"chart-title\">Findings by category</title>\n";
    size_t y = 4;
    for (const auto& [k, n] : categoryCounts) {
      const size_t w = std::max<size_t>(2, n * 260 / max);
      out << "<text x=\"0\" y=\"" << y + 15 << "\" class=\"lbl\">" << esc(k) << "</text><rect x=\"80\" y=\"" << y + 3
          << "\" width=\"" << w << "\" height=\"16\" class=\"bar" << (k == "security" ? " bar-sec" : "") << "\"></rect><text x=\""
          << 86 + w << "\" y=\"" << y + 15 << "\" class=\"lbl\">" << withCommas(n) << "</text>\n";
      y += 24;
    }
    if (categoryCounts.empty()) out << "<text x=\"0\" y=\"18\" class=\"lbl\">no findings</text>\n";
    out << "</svg><figcaption>Findings by category</figcaption></figure>\n";
  }
  out << "<div class=\"cols\">\n<table><caption>Findings by category</caption><thead><tr><th scope=\"col\">Category</th>"
         "<th scope=\"col\">Findings</th></tr></thead><tbody>\n";
  for (const auto& [k, n] : categoryCounts) out << "<tr><td>" << esc(k) << "</td><td>" << withCommas(n) << "</td></tr>\n";
  out << "</tbody></table>\n";
  std::vector<std::pair<std::string, size_t>> top(ruleCounts.begin(), ruleCounts.end());
  std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (top.size() > 10) top.resize(10);
  out << "<table><caption>Top rules</caption><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Name</th>"
         "<th scope=\"col\">Findings</th></tr></thead><tbody>\n";
  for (const auto& [id, n] : top) {
    const std::string name = rulesJson.contains(id) ? rulesJson[id]["name"].get<std::string>() : "";
    out << "<tr><td><a href=\"#rule-" << esc(id) << "\">" << esc(id) << "</a></td><td>" << esc(name) << "</td><td>"
        << withCommas(n) << "</td></tr>\n";
  }
  out << "</tbody></table>\n</div>\n</section>\n";

  // Filters (the script shows them).
  out << "<section id=\"filters\" class=\"js-only\" hidden aria-labelledby=\"h-filters\">\n<h2 id=\"h-filters\">Filters</h2>\n"
         "<form id=\"filter-form\" role=\"search\">\n"
         "<fieldset><legend>Severity</legend>"
         "<label><input type=\"checkbox\" class=\"f-sev\" value=\"error\" checked> error</label> "
         "<label><input type=\"checkbox\" class=\"f-sev\" value=\"warning\" checked> warning</label> "
         "<label><input type=\"checkbox\" class=\"f-sev\" value=\"note\" checked> note</label></fieldset>\n"
         "<label>Rule <select id=\"f-rule\"><option value=\"\">all</option></select></label>\n"
         "<label>Role <input id=\"f-role\" list=\"role-names\" autocomplete=\"off\" placeholder=\"any\"></label>"
         "<datalist id=\"role-names\"></datalist>\n"
         "<label>Service <select id=\"f-service\"><option value=\"\">all</option></select></label>\n"
         "<label>Search <input id=\"f-search\" type=\"search\" placeholder=\"role, rule, message, file\"></label>\n"
         "<label><input type=\"checkbox\" id=\"f-suppressed\"> show suppressed</label>\n"
         "<button type=\"submit\">Apply</button> <button type=\"reset\" id=\"f-reset\">Clear</button>\n"
         "<span class=\"export\"><button type=\"button\" id=\"export-csv\">Download CSV</button> "
         "<button type=\"button\" id=\"export-json\">Download JSON</button></span>\n"
         "</form>\n<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</section>\n";

  // Findings (first page).
  out << "<section id=\"findings\" aria-labelledby=\"h-findings\">\n<h2 id=\"h-findings\">Findings</h2>\n";
  out << "<div class=\"scroll\"><table id=\"findings-table\" class=\"findings\">" << kFindingsHead << "<tbody>\n";
  for (size_t i = 0; i < active.size() && i < kFindingsPage; ++i)
    out << findingRow(*active[i], excerptOf(*active[i], sources), i, roleIndex, false);
  out << "</tbody></table></div>\n";
  if (active.empty()) out << "<p id=\"findings-empty\">No findings.</p>\n";
  out << "<nav class=\"pager\" id=\"findings-pager\" aria-label=\"Findings pages\"></nav>\n";
  if (active.size() > kFindingsPage) {
    out << "<p class=\"more\">Showing the first " << kFindingsPage << " of " << withCommas(active.size())
        << " findings. The rest are in the embedded data: with scripts on they are shown page by page; "
           "<code>--format json</code> lists them all.</p>\n";
  }
  out << "</section>\n";

  // Security findings (category security), grouped by rule.
  {
    out << "<section id=\"security\" aria-labelledby=\"h-security\">\n<h2 id=\"h-security\">Security findings</h2>\n";
    std::map<std::string, std::vector<size_t>> byRule;
    for (size_t i = 0; i < active.size(); ++i)
      if (category(registry, active[i]->rule) == "security") byRule[active[i]->rule].push_back(i);
    if (byRule.empty()) out << "<p>No findings of category security.</p>\n";
    for (const auto& [id, list] : byRule) {
      const std::string summary = rulesJson.contains(id) ? rulesJson[id]["summary"].get<std::string>() : "";
      out << "<details class=\"sec\"><summary>" << esc(id) << " " << esc(summary) << " (" << withCommas(list.size())
          << ")</summary>\n<p><a href=\"#rule-" << esc(id) << "\">Documentation of " << esc(id)
          << "</a></p>\n<div class=\"scroll\"><table class=\"findings\">" << kFindingsHead << "<tbody>\n";
      for (size_t k = 0; k < list.size() && k < kFindingsPage; ++k)
        out << findingRow(*active[list[k]], excerptOf(*active[list[k]], sources), list[k], roleIndex, false);
      out << "</tbody></table></div>\n";
      if (list.size() > kFindingsPage) out << "<p class=\"more\">First " << kFindingsPage << " shown; filter by rule " << esc(id) << " for all.</p>\n";
      out << "</details>\n";
    }
    out << "</section>\n";
  }

  // Roles (first page).
  out << "<section id=\"roles\" aria-labelledby=\"h-roles\">\n<h2 id=\"h-roles\">Roles</h2>\n<div id=\"roles-list\">\n";
  for (size_t i = 0; i < roles.size() && i < kRolesPage; ++i) {
    static const std::vector<const core::Diagnostic*> kNone;
    const auto it = findingsByRole.find(roles[i]->displayName);
    out << roleHtml(roleData[i], i, it == findingsByRole.end() ? kNone : it->second, registry);
  }
  if (roles.empty()) out << "<p>No role definitions among the inputs.</p>\n";
  out << "</div>\n<nav class=\"pager\" id=\"roles-pager\" aria-label=\"Roles pages\"></nav>\n";
  if (roles.size() > kRolesPage) {
    out << "<p class=\"more\">Showing the first " << kRolesPage << " of " << withCommas(roles.size())
        << " roles. With scripts on, the rest are shown page by page and the search finds any of them.</p>\n";
  }
  out << "</section>\n";

  // Policies.
  out << "<section id=\"policies\" aria-labelledby=\"h-policies\">\n<h2 id=\"h-policies\">Managed policies and boundaries</h2>\n"
         "<div class=\"scroll\"><table id=\"policies-table\"><thead><tr><th scope=\"col\">Policy</th><th scope=\"col\">Kind</th>"
         "<th scope=\"col\">Attached to</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < policyList.size() && i < kPoliciesPage; ++i) {
    const auto& [arn, use] = policyList[i];
    out << "<tr><td><code>" << esc(arn) << "</code>" << (use->resolved ? "" : " (not resolved)") << "</td><td>" << esc(use->kind)
        << "</td><td>" << withCommas(use->roles.size()) << (use->roles.size() == 1 ? " role: " : " roles: ");
    for (size_t k = 0; k < use->roles.size() && k < 10; ++k)
      out << (k ? ", " : "") << "<a href=\"#role-" << use->roles[k] << "\">" << esc(roles[use->roles[k]]->displayName) << "</a>";
    if (use->roles.size() > 10) out << ", …";
    out << "</td></tr>\n";
  }
  out << "</tbody></table></div>\n";
  if (policyList.empty()) out << "<p>No managed policies or boundaries attached.</p>\n";
  if (policyList.size() > kPoliciesPage)
    out << "<p class=\"more\">Showing the " << kPoliciesPage << " most attached of " << withCommas(policyList.size()) << ".</p>\n";
  out << "</section>\n";

  // Suppressed (and unchanged against a baseline).
  out << "<section id=\"suppressed\" aria-labelledby=\"h-suppressed\">\n<h2 id=\"h-suppressed\">Suppressed findings</h2>\n";
  if (hidden.empty()) {
    out << "<p>None.</p>\n";
  } else {
    out << "<details><summary>Show " << withCommas(hidden.size()) << " suppressed or baseline findings, with the reasons</summary>\n"
        << "<div class=\"scroll\"><table class=\"findings\">" << kFindingsHead << "<tbody>\n";
    for (size_t i = 0; i < hidden.size() && i < kFindingsPage; ++i)
      out << findingRow(*hidden[i], excerptOf(*hidden[i], sources), active.size() + i, roleIndex, true);
    out << "</tbody></table></div>\n</details>\n";
  }
  out << "</section>\n";

  // Rule documentation.
  out << "<section id=\"rules\" aria-labelledby=\"h-rules\">\n<h2 id=\"h-rules\">Rules cited</h2>\n";
  for (const auto& id : cited) {
    const engine::Rule* r = registry.find(id);
    out << "<article class=\"rule\" id=\"rule-" << esc(id) << "\">\n";
    const auto doc = r ? embedded::find(engine::docPath(id)) : std::nullopt;
    if (doc) {
      out << markdownDocToHtml(*doc);
    } else {
      out << "<h3>" << esc(id) << "</h3>\n<p>No documentation in this build.</p>\n";
    }
    if (r) {
      const auto& m = r->meta();
      out << "<p class=\"muted\">Category " << esc(engine::categoryName(m.category)) << " · default severity "
          << core::toString(m.severity) << "</p>\n";
    }
    out << "</article>\n";
  }
  out << "</section>\n</main>\n";
  out << "<footer><p class=\"muted\">Made by rolelint " << esc(tool.version)
      << ". Everything is in this file: it loads nothing from the network.</p></footer>\n";

  // Data, then the script.
  // Roles, with their effective permissions shared: a role with ReadOnlyAccess
  // has an entry for each of some 300 services, the same entries for every such
  // role. Each distinct service entry and each distinct list of entries is
  // stored once; a role's "s" is the index of its list.
  ordered_json rolesJson = ordered_json::object();
  {
    ordered_json entries = ordered_json::array(), sets = ordered_json::array(), list = ordered_json::array();
    std::map<std::string, size_t> entryIndex, setIndex;
    for (auto& r : roleData) {
      if (r.contains("s")) {
        ordered_json refs = ordered_json::array();
        for (auto& e : r["s"]) {
          const auto [it, added] = entryIndex.emplace(e.dump(), entries.size());
          if (added) entries.push_back(std::move(e));
          refs.push_back(it->second);
        }
        const auto [it, added] = setIndex.emplace(refs.dump(), sets.size());
        if (added) sets.push_back(std::move(refs));
        r["s"] = it->second;
      }
      list.push_back(std::move(r));
    }
    rolesJson["services"] = std::move(entries);
    rolesJson["sets"] = std::move(sets);
    rolesJson["roles"] = std::move(list);
  }
  writeDataBlock(out, "rl-findings", findingsJson);
  writeDataBlock(out, "rl-extra", extra);
  writeDataBlock(out, "rl-roles", rolesJson);
  writeDataBlock(out, "rl-policies", policiesJson);
  writeDataBlock(out, "rl-rules", rulesJson);
  out << "<script>\n" << (js ? *js : std::string_view()) << "</script>\n</body>\n</html>\n";
}

}  // namespace rolelint::output
