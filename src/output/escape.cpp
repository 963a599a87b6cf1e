// Escaping of input-derived strings for terminals and CI logs (docs/security.md,
// "Output"). Used by the text and GitHub emitters and for notifications.
#include <cstdio>

#include "output/escape.h"

namespace rolelint::output {
namespace {

void hex(std::string& out, unsigned c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", c);
  out += buf;
}

void codePoint(std::string& out, unsigned cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\u{%04x}", cp);
  out += buf;
}

// Code points a terminal or a viewer acts on rather than shows: C1 controls
// (U+009B is a one-byte CSI), bidirectional overrides and isolates ("Trojan
// Source", CVE-2021-42574), line and paragraph separators.
bool invisibleControl(unsigned cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

}  // namespace

std::string displayText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            hex(out, c);  // ESC (ANSI sequences), NUL, BEL, backspace…
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    unsigned cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        len = 0;
        break;
      }
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // not UTF-8: U+FFFD
      ++i;
    } else if (invisibleControl(cp)) {
      codePoint(out, cp);
      i += len;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string displayPath(std::string_view path) {
  std::string out = displayText(path);
  // A line of output must not begin with "::" (a GitHub workflow command) even
  // when a file name does; "./NAME" names the same file.
  if (!out.empty() && (out[0] == ':' || out[0] == ' ' || out[0] == '#')) out.insert(0, "./");
  return out;
}

}  // namespace rolelint::output
