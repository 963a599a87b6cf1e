#include "input/yaml.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

namespace rolelint::input {

bool isYamlPath(std::string_view path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml";
}

namespace {

constexpr uint32_t kMaxDepth = 256;
// Aliases are expanded; a "billion laughs" file would expand without bound.
constexpr size_t kMaxValues = 500000;  // CloudFormation templates are at most 1 MB

struct Converter {
  std::string_view text;
  const core::LineIndex& lines;
  json::Document& doc;
  size_t values = 0;

  core::Pos pos(size_t offset) const { return lines.position(text, std::min(offset, text.size())); }

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

  static bool isNumber(const std::string& s) {
    static const std::regex kNumber(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
    return std::regex_match(s, kNumber);
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
    out.begin = pos(at);
    out.end = out.begin;
    if (++values > kMaxValues) {
      if (values == kMaxValues + 1)
        problem(json::ProblemCode::TooDeep,
                "the YAML expands (through aliases) to more than " + std::to_string(kMaxValues) +
                    " values; no template is this large, so the file is not read further",
                {pos(at), pos(at)});
      return;
    }
    if (depth > kMaxDepth) {
      problem(json::ProblemCode::TooDeep, "nesting is deeper than " + std::to_string(kMaxDepth) + " levels",
              {pos(at), pos(at)});
      return;
    }
    const std::string fn = intrinsic(n.Tag());
    if (!fn.empty()) {
      // !Sub "x" -> {"Fn::Sub": "x"}: the object and its value share the tagged node's span.
      out.kind = json::Kind::Object;
      json::Member m;
      m.key = fn;
      m.keyBegin = out.begin;
      m.keyEnd = pos(at + n.Tag().size());
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
    out.begin = pos(at);
    out.end = out.begin;
    const bool flow = n.Style() == YAML::EmitterStyle::Flow;
    switch (n.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = json::Kind::Null;
        break;
      case YAML::NodeType::Scalar: {
        const std::string& s = n.Scalar();
        out.end = pos(scalarEnd(at, inFlow));
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
          end = std::max(end, v.end.offset);
          out.elements.push_back(std::move(v));
        }
        if (flow) end = closing(end, ']');
        out.end = pos(end);
        break;
      }
      case YAML::NodeType::Map: {
        out.kind = json::Kind::Object;
        size_t end = at + 1;
        for (const auto& kv : n) {
          json::Member m;
          const size_t keyAt = offsetOf(kv.first.Mark());
          m.key = kv.first.IsScalar() ? kv.first.Scalar() : "";
          m.keyBegin = pos(keyAt);
          m.keyEnd = pos(kv.first.IsScalar() ? scalarEnd(keyAt, flow) : keyAt);
          for (const json::Member& prev : out.members) {
            if (prev.key == m.key) {
              problem(json::ProblemCode::DuplicateKey,
                      "duplicate key \"" + m.key +
                          "\" in the same mapping; CloudFormation rejects the template, and most YAML parsers "
                          "silently keep only one of the values",
                      m.keyRange(), prev.keyRange());
              break;
            }
          }
          convert(kv.second, m.value, depth + 1, flow);
          end = std::max({end, m.keyEnd.offset, m.value.end.offset});
          out.members.push_back(std::move(m));
        }
        if (flow) end = closing(end, '}');
        out.end = pos(end);
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
    const YAML::Node node = YAML::Load(std::string(text));
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
