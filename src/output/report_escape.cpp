#include "output/report_escape.h"

namespace rolelint::output {

std::string sanitizeUtf8(std::string_view s) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
        out += c == '\r' ? "" : kReplacement;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // Lengths and second-byte ranges of RFC 3629 (no overlongs, no surrogates).
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (!ok) {
      out += kReplacement;
      ++i;
      continue;
    }
    // C1 controls (U+0080..U+009F) are not allowed in HTML text either.
    if (len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      out += kReplacement;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string htmlEscape(std::string_view s) {
  const std::string clean = sanitizeUtf8(s);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdownEscape(std::string_view s) {
  const std::string clean = sanitizeUtf8(s);
  std::string out;
  out.reserve(clean.size() + clean.size() / 4);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '|': out += "\\|"; break;
      case '\n':
      case '\t': out += ' '; break;
      // Markdown punctuation that could start emphasis, code, links, images,
      // headings, lists or autolinks; '@' would otherwise mention a user.
      case '\\': case '`': case '*': case '_': case '[': case ']': case '(': case ')': case '#': case '!':
      case '~': case '+': case '-': case '{': case '}': case '.': case ':':
        out += '\\';
        out += c;
        break;
      case '@': out += "&#64;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string scriptSafeJson(std::string json) {
  std::string out;
  out.reserve(json.size() + 64);
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace rolelint::output
