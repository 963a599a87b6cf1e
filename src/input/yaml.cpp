#include "input/yaml.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "input/read.h"

namespace rolelint::input {

bool isYamlPath(std::string_view path) {
  const std::string_view ext = extensionOf(path);
  return ext == ".yaml" || ext == ".yml";
}

bool isYamlText(std::string_view path, std::string_view text) {
  if (isYamlPath(path)) return true;
  if (extensionOf(path) != ".template") return false;
  // A .template file is JSON when it starts with an object, else YAML.
  size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
  return i < text.size() && text[i] != '{';
}

namespace {

constexpr uint32_t kMaxDepth = 256;
// Aliases are expanded; a "billion laughs" file would expand without bound.
constexpr size_t kMaxValues = 500000;  // CloudFormation templates are at most 1 MB
// Aliases of long scalars expand in bytes, not values: the converted tree may
// hold at most this many bytes of scalars and keys (64 times a 1 MB template).
constexpr size_t kMaxBytes = size_t{64} << 20;

struct Converter {
  std::string_view text;
  const core::LineIndex& lines;
  json::Document& doc;
  // Tags taken out of the text before yaml-cpp read it (see retag): value offset -> (tag offset, tag).
  const std::unordered_map<size_t, std::pair<size_t, std::string>>* retagged = nullptr;
  size_t values = 0;
  size_t bytes = 0;
  bool overBudget = false;
  size_t furthest = 0;  // the furthest source offset converted so far

  core::Pos pos(size_t offset) const { return lines.position(text, std::min(offset, text.size())); }
  // A value's offset (json::Value keeps offsets; lines are worked out when located).
  uint32_t off(size_t offset) const { return static_cast<uint32_t>(std::min(offset, text.size())); }
  core::Range range(json::Span s) const { return {pos(s.begin), pos(s.end)}; }

  // Byte offset of a yaml-cpp mark (its pos counts bytes of the UTF-8 input after a byte order mark).
  size_t offsetOf(const YAML::Mark& m) const {
    if (m.pos < 0) return 0;
    const size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    return std::min(static_cast<size_t>(m.pos) + bom, text.size());
  }

  // Where a scalar written at `at` ends: the closing quote, the end of a plain
  // scalar (before a comment, or a flow indicator inside a flow collection), or
  // the end of a block scalar's last line.
  size_t scalarEnd(size_t at, bool inFlow) const {
    if (at >= text.size()) return at;
    const char c = text[at];
    if (c == '"') {
      for (size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
          ++i;
        } else if (text[i] == '"') {
          return i + 1;
        }
      }
      return text.size();
    }
    if (c == '\'') {
      for (size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\'') {
          if (i + 1 < text.size() && text[i + 1] == '\'') {
            ++i;
          } else {
            return i + 1;
          }
        }
      }
      return text.size();
    }
    if (c == '|' || c == '>') {
      // The block ends before the first later non-empty line indented no more than the header's line.
      size_t lineStart = text.rfind('\n', at);
      lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
      size_t indent = 0;
      while (lineStart + indent < text.size() && text[lineStart + indent] == ' ') ++indent;
      size_t end = text.find('\n', at);
      if (end == std::string_view::npos) return text.size();
      size_t i = end + 1;
      while (i < text.size()) {
        size_t e = text.find('\n', i);
        if (e == std::string_view::npos) e = text.size();
        size_t k = i;
        while (k < e && text[k] == ' ') ++k;
        if (k < e && text[k] != '\r' && k - i <= indent) break;
        if (k < e && text[k] != '\r') end = e;
        i = e + 1;
      }
      return end;
    }
    size_t i = at;
    size_t end = at;
    while (i < text.size() && text[i] != '\n' && text[i] != '\r') {
      if (text[i] == '#' && i > at && (text[i - 1] == ' ' || text[i - 1] == '\t')) break;
      if (inFlow && (text[i] == ',' || text[i] == ']' || text[i] == '}')) break;
      if (text[i] == ':' && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) break;
      ++i;
      if (text[i - 1] != ' ' && text[i - 1] != '\t') end = i;
    }
    return end;
  }

  static bool isNull(const std::string& s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? — by hand: std::regex
  // recurses per character and overflows the stack on a long scalar.
  static bool isNumber(const std::string& s) {
    size_t i = 0;
    const size_t n = s.size();
    auto digits = [&] {
      const size_t from = i;
      while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
      return i - from;
    };
    if (i < n && s[i] == '-') ++i;
    if (i >= n) return false;
    if (s[i] == '0') {
      ++i;
    } else if (digits() == 0) {
      return false;
    }
    if (i < n && s[i] == '.') {
      ++i;
      if (digits() == 0) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
      if (digits() == 0) return false;
    }
    return i == n;
  }

  // The long form of a CloudFormation short-form tag ("!Sub" -> "Fn::Sub"), or "".
  static std::string intrinsic(const std::string& tag) {
    if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') return "";
    const std::string name = tag.substr(1);
    if (name == "Ref") return "Ref";
    if (name == "Condition") return "Condition";
    return "Fn::" + name;
  }

  void problem(json::ProblemCode code, std::string message, core::Range range,
               std::optional<core::Range> related = {}) {
    json::Problem p;
    p.code = code;
    p.message = std::move(message);
    p.range = range;
    p.related = related;
    doc.problems.push_back(std::move(p));
  }

  void convert(const YAML::Node& n, json::Value& out, uint32_t depth, bool inFlow) {
    const size_t at = offsetOf(n.Mark());
    // An alias's node carries its anchor's mark (earlier in the file); the budget
    // problems point at the furthest place read, where the expansion happens.
    furthest = std::max(furthest, at);
    out.begin = off(at);
    out.end = out.begin;
    if (++values > kMaxValues || overBudget) {
      if (values == kMaxValues + 1 && !overBudget)
        problem(json::ProblemCode::TooDeep,
                "the YAML expands (through aliases) to more than " + std::to_string(kMaxValues) +
                    " values; no template is this large, so the file is not read further",
                {pos(furthest), pos(furthest)});
      overBudget = true;
      return;
    }
    if (n.IsScalar()) bytes += n.Scalar().size();
    if (bytes > kMaxBytes) {
      overBudget = true;
      problem(json::ProblemCode::TooDeep,
              "the YAML expands (through aliases) to more than " + std::to_string(kMaxBytes >> 20) +
                  " MiB of text; no template is this large, so the file is not read further",
              {pos(furthest), pos(furthest)});
      return;
    }
    if (depth > kMaxDepth) {
      problem(json::ProblemCode::TooDeep, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels",
              {pos(at), pos(at)});
      return;
    }
    std::string tag = n.Tag();
    size_t tagAt = at;
    if (retagged != nullptr && (tag.empty() || tag == "?" || tag == "!")) {
      if (auto it = retagged->find(at); it != retagged->end()) {
        tagAt = it->second.first;
        tag = it->second.second;
        out.begin = off(tagAt);
      }
    }
    const std::string fn = intrinsic(tag);
    if (!fn.empty()) {
      // !Sub "x" -> {"Fn::Sub": "x"}: the object and its value share the tagged node's span.
      out.kind = json::Kind::Object;
      json::Member m;
      m.key = fn;
      m.keyBegin = out.begin;
      m.keyEnd = off(tagAt + tag.size());
      convertUntagged(n, m.value, depth + 1, inFlow);
      out.end = m.value.end;
      out.members.push_back(std::move(m));
      return;
    }
    convertUntagged(n, out, depth, inFlow);
  }

  void convertUntagged(const YAML::Node& n, json::Value& out, uint32_t depth, bool inFlow) {
    size_t at = offsetOf(n.Mark());
    // A tagged node's mark is at its tag; the value starts after it.
    if (!n.Tag().empty() && n.Tag() != "?" && n.Tag() != "!" && at < text.size() && text[at] == '!') {
      while (at < text.size() && text[at] != ' ' && text[at] != '\n') ++at;
      while (at < text.size() && text[at] == ' ') ++at;
    }
    out.begin = off(at);
    out.end = out.begin;
    const bool flow = n.Style() == YAML::EmitterStyle::Flow;
    switch (n.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = json::Kind::Null;
        break;
      case YAML::NodeType::Scalar: {
        const std::string& s = n.Scalar();
        out.end = off(scalarEnd(at, inFlow));
        const bool plain = n.Tag() == "?";
        if (plain && isNull(s)) {
          out.kind = json::Kind::Null;
        } else if (plain &&
                   (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")) {
          out.kind = json::Kind::Boolean;
          out.boolean = s[0] == 't' || s[0] == 'T';
        } else if (plain && isNumber(s)) {
          out.kind = json::Kind::Number;
          out.text = s;
        } else {
          out.kind = json::Kind::String;
          out.text = s;
        }
        break;
      }
      case YAML::NodeType::Sequence: {
        out.kind = json::Kind::Array;
        size_t end = at + 1;
        for (const YAML::Node& e : n) {
          json::Value v;
          convert(e, v, depth + 1, flow);
          end = std::max<size_t>(end, v.end);
          out.elements.push_back(std::move(v));
        }
        if (flow) end = closing(end, ']');
        out.end = off(end);
        break;
      }
      case YAML::NodeType::Map: {
        out.kind = json::Kind::Object;
        size_t end = at + 1;
        std::unordered_map<std::string, size_t> seen;
        for (const auto& kv : n) {
          json::Member m;
          const size_t keyAt = offsetOf(kv.first.Mark());
          m.key = kv.first.IsScalar() ? kv.first.Scalar() : "";
          m.keyBegin = off(keyAt);
          m.keyEnd = off(kv.first.IsScalar() ? scalarEnd(keyAt, flow) : keyAt);
          bytes += m.key.size();
          // Linear: an index of the keys seen so far in this mapping.
          if (auto [it, fresh] = seen.emplace(m.key, out.members.size()); !fresh) {
            problem(json::ProblemCode::DuplicateKey,
                    "duplicate key \"" + m.key +
                        "\" in the same mapping; CloudFormation rejects the template, and most YAML parsers "
                        "silently keep only one of the values",
                    range(m.keyRange()), range(out.members[it->second].keyRange()));
          }
          convert(kv.second, m.value, depth + 1, flow);
          end = std::max<size_t>({end, m.keyEnd, m.value.end});
          out.members.push_back(std::move(m));
        }
        if (flow) end = closing(end, '}');
        out.end = off(end);
        break;
      }
    }
  }

  // One past the closing bracket of a flow collection whose content ends at `from`.
  size_t closing(size_t from, char bracket) const {
    const size_t i = text.find(bracket, from);
    return i == std::string_view::npos ? from : i + 1;
  }
};

// yaml-cpp 0.7 rejects a tagged block or multi-line plain scalar in a block
// sequence entry whose lines are indented no deeper than the entry's content
// (`- !Sub >` followed by the text two spaces in), which is valid YAML and
// common in CloudFormation. Such tags are blanked out (same length, so every
// offset stays) and given back to the node by its value's offset.
std::string retag(std::string_view text, std::unordered_map<size_t, std::pair<size_t, std::string>>& tags) {
  std::string out(text);
  size_t ls = 0;
  auto lineEnd = [&](size_t from) {
    const size_t e = text.find('\n', from);
    return e == std::string_view::npos ? text.size() : e;
  };
  while (ls < text.size()) {
    const size_t le = lineEnd(ls);
    size_t i = ls;
    while (i < le && text[i] == ' ') ++i;
    const size_t dashCol = i - ls;
    if (i + 1 < le && text[i] == '-' && text[i + 1] == ' ') {
      size_t j = i + 1;
      while (j < le && text[j] == ' ') ++j;
      if (j + 1 < le && text[j] == '!' && text[j + 1] != '!') {
        size_t k = j;
        while (k < le && text[k] != ' ' && text[k] != '\r') ++k;
        size_t v = k;
        while (v < le && text[v] == ' ') ++v;
        bool touch = false;
        if (v < le && (text[v] == '|' || text[v] == '>')) {
          touch = true;
        } else if (v < le && std::string_view("[{\"'&*!#\r").find(text[v]) == std::string_view::npos) {
          // A plain scalar continued on the next non-empty line, indented deeper than the dash.
          size_t n = le + 1;
          while (n < text.size()) {
            const size_t ne = lineEnd(n);
            size_t f = n;
            while (f < ne && text[f] == ' ') ++f;
            if (f < ne && text[f] != '\r') {
              touch = f - n > dashCol && text[f] != '#' && text.substr(f, 2) != "- " &&
                      text.substr(n, ne - n).find(": ") == std::string_view::npos;
              break;
            }
            n = ne + 1;
          }
          // A mapping entry (`- !Ref X: y`) is not a scalar.
          if (text.substr(v, le - v).find(": ") != std::string_view::npos) touch = false;
        }
        if (touch) {
          tags[v] = {j, std::string(text.substr(j, k - j))};
          for (size_t x = j; x < k; ++x) out[x] = ' ';
        }
      }
    }
    ls = le + 1;
  }
  return out;
}

}  // namespace

json::Document readYaml(std::string_view text, const core::LineIndex& lines) {
  json::Document doc;
  Converter c{text, lines, doc};
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    json::Problem p;
    p.code = json::ProblemCode::Empty;
    p.message = "the file is empty";
    doc.problems.push_back(std::move(p));
    return doc;
  }
  if (text.find('\0') != std::string_view::npos) {
    json::Problem p;
    p.code = json::ProblemCode::Encoding;
    p.message = "the file contains NUL bytes; YAML is read as UTF-8 text";
    doc.problems.push_back(std::move(p));
    return doc;
  }
  try {
    std::unordered_map<size_t, std::pair<size_t, std::string>> tags;
    const std::string prepared = retag(text, tags);
    c.retagged = &tags;
    const YAML::Node node = YAML::Load(prepared);
    auto root = std::make_unique<json::Value>();
    c.convert(node, *root, 0, false);
    json::relink(*root);
    doc.root = std::move(root);
  } catch (const YAML::DeepRecursion& e) {
    const size_t at = c.offsetOf(e.mark);
    json::Problem p;
    p.code = json::ProblemCode::TooDeep;
    p.message = "nesting is deeper than yaml-cpp reads (" + std::to_string(e.depth()) +
                " levels); no template nests this deep, so the file is not read";
    p.range = {c.pos(at), c.pos(at)};
    doc.problems.push_back(std::move(p));
  } catch (const YAML::Exception& e) {
    const size_t at = c.offsetOf(e.mark);
    json::Problem p;
    p.code = json::ProblemCode::Syntax;
    p.message = "not valid YAML: " + e.msg;
    p.range = {c.pos(at), c.pos(at)};
    doc.problems.push_back(std::move(p));
  }
  return doc;
}

}  // namespace rolelint::input
