#include "analysis/role.h"

#include <cstdio>

#include "input/input.h"

namespace rolelint::analysis::role {
namespace {

// Decodes one UTF-8 character at s[i], advancing i; invalid bytes decode as U+FFFD.
char32_t next(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = 1;
  char32_t c = b;
  if (b >= 0xF0 && b < 0xF8) {
    len = 4;
    c = b & 0x07;
  } else if (b >= 0xE0) {
    len = 3;
    c = b & 0x0F;
  } else if (b >= 0xC0) {
    len = 2;
    c = b & 0x1F;
  } else if (b >= 0x80) {
    ++i;
    return 0xFFFD;
  }
  if (len > 1) {
    if (i + len > s.size()) {
      ++i;
      return 0xFFFD;
    }
    for (size_t k = 1; k < len; ++k) {
      const auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) {
        ++i;
        return 0xFFFD;
      }
      c = (c << 6) | (cb & 0x3F);
    }
  }
  i += len;
  return c;
}

std::string describe(std::string_view s, size_t begin, size_t end, char32_t c) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return std::string(code);
  if (c == ' ') return std::string("a space (") + code + ")";
  if (c == 0xA0) return std::string("a no-break space (") + code + ")";
  return "'" + std::string(s.substr(begin, end - begin)) + "' (" + code + ")";
}

bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters of JSON text without whitespace between tokens; whitespace inside
// string literals is left out too unless `countInStrings`.
size_t countNonWhitespace(std::string_view s, bool countInStrings) {
  size_t n = 0;
  bool inString = false, escaped = false;
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    if ((b & 0xC0) == 0x80) continue;  // continuation byte: part of a character already counted
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        inString = false;
      }
      if (!isWhitespace(ch) || countInStrings) ++n;
      continue;
    }
    if (ch == '"') inString = true;
    if (!isWhitespace(ch)) ++n;
  }
  return n;
}

void serialize(const json::Value& v, std::string& out) {
  switch (v.kind) {
    case json::Kind::Null:
      out += "null";
      break;
    case json::Kind::Boolean:
      out += v.boolean ? "true" : "false";
      break;
    case json::Kind::Number:
      out += v.text;
      break;
    case json::Kind::String: {
      out += '"';
      for (char ch : v.text) {
        const auto b = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
          out += '\\';
          out += ch;
        } else if (ch == '\b' || ch == '\f' || ch == '\n' || ch == '\r' || ch == '\t') {
          out += "\\n";  // two characters, as every short escape
        } else if (b < 0x20) {
          out += "\\u0000";  // six characters, as every \u escape
        } else {
          out += ch;
        }
      }
      out += '"';
      break;
    }
    case json::Kind::Array: {
      out += '[';
      for (size_t i = 0; i < v.elements.size(); ++i) {
        if (i) out += ',';
        serialize(v.elements[i], out);
      }
      out += ']';
      break;
    }
    case json::Kind::Object: {
      out += '{';
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ',';
        json::Value key;
        key.kind = json::Kind::String;
        key.text = v.members[i].key;
        serialize(key, out);
        out += ':';
        serialize(v.members[i].value, out);
      }
      out += '}';
      break;
    }
  }
}

// True when every string of the tree sits in the source as a quoted literal,
// i.e. the document was written in place and not decoded from a JSON string
// (there each decoded '"' maps back to a raw '\"' or '%22').
bool verbatim(const input::Source& src, const json::Value& root) {
  const std::string& t = src.text;
  if (root.end > t.size() || root.begin >= root.end) return false;
  if (t[root.begin] != '{' || t[root.end - 1] != '}') return false;
  std::vector<const json::Value*> stack{&root};
  while (!stack.empty()) {
    const json::Value* v = stack.back();
    stack.pop_back();
    if (v->isString() && (v->end > t.size() || t[v->begin] != '"')) return false;
    for (const json::Value& e : v->elements) stack.push_back(&e);
    for (const json::Member& m : v->members) {
      if (m.keyBegin >= t.size() || t[m.keyBegin] != '"') return false;
      stack.push_back(&m.value);
    }
  }
  return true;
}

}  // namespace

bool equalIgnoringCase(std::string_view a, std::string_view b) {
  bool ascii = true;
  for (std::string_view s : {a, b})
    for (char c : s)
      if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  if (ascii) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  const RE2 re(RE2::QuoteMeta(a), o);
  return re.ok() && RE2::FullMatch(b, re);
}

size_t characterCount(std::string_view utf8) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size();) {
    next(utf8, i);
    ++n;
  }
  return n;
}

std::optional<std::string> firstDisallowed(std::string_view utf8, bool (*allowed)(char32_t)) {
  for (size_t i = 0; i < utf8.size();) {
    const size_t begin = i;
    const char32_t c = next(utf8, i);
    if (!allowed(c)) return describe(utf8, begin, i, c);
  }
  return std::nullopt;
}

std::optional<std::string> firstDisallowed(std::string_view utf8, const RE2& cls) {
  for (size_t i = 0; i < utf8.size();) {
    const size_t begin = i;
    const char32_t c = next(utf8, i);
    if (!RE2::FullMatch(utf8.substr(begin, i - begin), cls)) return describe(utf8, begin, i, c);
  }
  return std::nullopt;
}

size_t policySize(const model::PolicyDocument& doc, bool countWhitespaceInStrings) {
  if (doc.root == nullptr) return 0;
  if (doc.tree && doc.tree->source && verbatim(*doc.tree->source, *doc.root)) {
    const std::string_view t = doc.tree->source->text;
    return countNonWhitespace(t.substr(doc.root->begin, doc.root->end - doc.root->begin),
                              countWhitespaceInStrings);
  }
  std::string out;
  serialize(*doc.root, out);
  return countNonWhitespace(out, countWhitespaceInStrings);
}

core::Location roleAnchor(const model::Role& role) {
  if (role.roleName != nullptr) return role.locate(*role.roleName);
  return firstCharacter(role.locate(*role.root));
}

std::string rolePath(const model::Role& role) {
  return role.path != nullptr && role.path->isString() ? role.path->text.str() : std::string("/");
}

bool isServiceLinked(const model::Role& role) { return rolePath(role).rfind(kServiceRolePath, 0) == 0; }

bool onlyServicesTrusted(const model::Role& role) {
  if (!role.trust) return false;
  bool anyAllow = false;
  for (const model::Statement& s : role.trust->statements) {
    if (s.effect != model::Effect::Allow) continue;
    anyAllow = true;
    if (s.notPrincipal || !s.principal || s.principal->wildcard || s.principal->entries.empty()) return false;
    for (const auto& e : s.principal->entries) {
      if (e.type != "Service" || e.values.items.empty()) return false;
    }
  }
  return anyAllow;
}

core::Location firstCharacter(core::Location loc) {
  loc.range.end = loc.range.begin;
  ++loc.range.end.offset;
  ++loc.range.end.column;
  return loc;
}

}  // namespace rolelint::analysis::role
