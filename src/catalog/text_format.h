// Internal to the catalog layer (not for other layers): the text-format
// helpers shared by the catalog's files — case-insensitive comparison of
// reversed names, glob and template matching on catalog names, edit-distance
// limits, line and field scanning of the formats of docs/catalog-format.md.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/wildcard.h"
#include "core/text.h"

namespace rolelint::catalog::internal {


constexpr std::string_view kCatalogMagic = "rolelint-iam-catalog";
constexpr std::string_view kPoliciesMagic = "rolelint-managed-policies";
constexpr std::string_view kFormatVersion = "1";
// Access level letters, most specific first (see tools/refresh-catalog).
constexpr std::string_view kAccessLetters = "PTWRL";

// ---- ASCII case-insensitive helpers -----------------------------------------
// IAM matches action names and condition key names case-insensitively
// (IAM User Guide, "IAM JSON policy elements: Action": "The prefix and the
// action name are case insensitive"; "…: Condition": condition key names are
// not case-sensitive). The catalog data is ASCII (checked by the generator).

using core::lowerAscii;

// Compares the reversed lower-cased strings.
inline int ciCompareReversed(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 1; i <= n; ++i) {
    const auto x = static_cast<unsigned char>(lowerAscii(a[a.size() - i]));
    const auto y = static_cast<unsigned char>(lowerAscii(b[b.size() - i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// ---- glob and template matching ----------------------------------------------

using core::hasWildcard;

inline bool allStars(std::string_view s) {
  return !s.empty() && s.find_first_not_of('*') == std::string_view::npos;
}

// IAM action glob: `*` matches any run of characters (also empty), `?` one
// character; case-insensitive. Iterative with single-star backtracking:
// O(|pattern| * |text|) worst case, no recursion.
inline bool globMatch(std::string_view pattern, std::string_view text) { return core::wildcardMatch(pattern, text, true); }

// globMatch for a lower-cased pattern without '?' against lower-cased text:
// the pattern's '*'-separated segments must appear in order, the first at the
// start and the last at the end (taking each middle segment's leftmost
// occurrence is always right when '*' is the only wildcard). Uses
// string_view::find, much faster than globMatch for infix patterns.
inline bool starMatchLower(std::string_view pattern, std::string_view text) {
  const std::size_t firstStar = pattern.find('*');
  if (firstStar == std::string_view::npos) return pattern == text;
  const std::size_t lastStar = pattern.rfind('*');
  const std::string_view head = pattern.substr(0, firstStar);
  const std::string_view tail = pattern.substr(lastStar + 1);
  if (head.size() + tail.size() > text.size() || text.substr(0, head.size()) != head ||
      text.substr(text.size() - tail.size()) != tail) {
    return false;
  }
  std::string_view rest = text.substr(head.size(), text.size() - head.size() - tail.size());
  std::string_view middle = pattern.substr(firstStar + 1, lastStar - firstStar);  // ends with '*' or is empty
  while (!middle.empty()) {
    const std::size_t star = middle.find('*');
    const std::string_view segment = middle.substr(0, star);
    middle = star == std::string_view::npos ? std::string_view() : middle.substr(star + 1);
    if (segment.empty()) continue;
    const std::size_t at = rest.find(segment);
    if (at == std::string_view::npos) return false;
    rest.remove_prefix(at + segment.size());
  }
  return true;
}

// Length of the placeholder starting at s[0] ("${Name}" or "<name>"), else 0.
inline std::size_t placeholderLength(std::string_view s) {
  if (s.size() >= 3 && s[0] == '$' && s[1] == '{') {
    const std::size_t close = s.find('}', 2);
    return close == std::string_view::npos || close == 2 ? 0 : close + 1;
  }
  if (s.size() >= 3 && s[0] == '<') {
    const std::size_t close = s.find('>', 1);
    return close == std::string_view::npos || close == 1 ? 0 : close + 1;
  }
  return 0;
}

inline bool isTemplated(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (placeholderLength(s.substr(i)) != 0) return true;
  }
  return false;
}

// Number of literal (non-placeholder) characters; more is a tighter template.
inline std::size_t literalLength(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t ph = placeholderLength(s.substr(i));
    if (ph != 0) {
      i += ph;
    } else {
      ++n;
      ++i;
    }
  }
  return n;
}

// A templated name against a concrete one: each placeholder stands for one or
// more characters, literal parts compare case-insensitively. Templates have
// one or two placeholders, so plain backtracking is cheap.
inline bool templateMatch(std::string_view tmpl, std::string_view text, int depth = 0) {
  if (depth > 8) return false;
  while (!tmpl.empty()) {
    const std::size_t ph = placeholderLength(tmpl);
    if (ph != 0) {
      tmpl.remove_prefix(ph);
      for (std::size_t k = 1; k <= text.size(); ++k) {
        if (templateMatch(tmpl, text.substr(k), depth + 1)) return true;
      }
      return false;
    }
    if (text.empty() || lowerAscii(tmpl.front()) != lowerAscii(text.front())) return false;
    tmpl.remove_prefix(1);
    text.remove_prefix(1);
  }
  return text.empty();
}

// ---- edit distance ------------------------------------------------------------

// Case-insensitive optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions); limit + 1 once it must exceed `limit`.
inline std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit) {
  return core::editDistance(a, b, {.ignoreCase = true, .transpositions = true, .limit = limit});
}

// Largest distance still worth suggesting for a name of `length` characters.
inline std::size_t suggestionLimit(std::size_t length) {
  return length <= 3 ? 1 : (length <= 8 ? 2 : 3);
}

// ---- line and field scanning ----------------------------------------------------

// Reads '\n'-terminated lines; a final line without '\n' is an error
// (a truncated file), reported by next() returning false with truncated().
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    const std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) {
      truncated_ = true;
      return false;
    }
    line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    ++lineNumber_;
    return true;
  }
  std::size_t position() const { return pos_; }
  bool atEnd() const { return pos_ >= text_.size(); }
  bool truncated() const { return truncated_; }
  std::size_t lineNumber() const { return lineNumber_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t lineNumber_ = 0;
  bool truncated_ = false;
};

// Splits `line` on `sep` into at most `max` fields; returns the number found,
// or max + 1 if there were more.
inline std::size_t splitFields(std::string_view line, char sep, std::string_view* out, std::size_t max) {
  std::size_t count = 0;
  while (true) {
    const std::size_t at = line.find(sep);
    if (count == max) return max + 1;
    out[count++] = line.substr(0, at);
    if (at == std::string_view::npos) return count;
    line.remove_prefix(at + 1);
  }
}

// Decimal, digits only, no sign, at most 19 digits, must fit T.
template <typename T>
bool parseUnsigned(std::string_view s, T& value) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > std::numeric_limits<T>::max()) return false;
  value = static_cast<T>(v);
  return true;
}

inline bool setTypeFromName(ConditionKey& key) {
  std::string_view base = key.typeName;
  constexpr std::string_view kArrayOf = "ArrayOf";
  if (base.substr(0, kArrayOf.size()) == kArrayOf) {
    key.isArray = true;
    base.remove_prefix(kArrayOf.size());
  }
  struct Name {
    std::string_view name;
    ConditionType type;
  };
  static constexpr Name kTypes[] = {
      {"String", ConditionType::String},       {"ARN", ConditionType::Arn},
      {"Bool", ConditionType::Bool},           {"Numeric", ConditionType::Numeric},
      {"Date", ConditionType::Date},           {"IPAddress", ConditionType::IpAddress},
      {"Binary", ConditionType::Binary},
  };
  for (const Name& n : kTypes) {
    if (n.name == base) {
      key.type = n.type;
      return true;
    }
  }
  key.type = ConditionType::Unknown;
  return false;
}

inline ConditionKey makeConditionKey(std::string_view name, std::string_view typeName, std::string_view category) {
  ConditionKey key;
  key.name = name;
  key.typeName = typeName;
  key.category = category;
  key.templated = isTemplated(name);
  setTypeFromName(key);  // an unknown type name stays Unknown (forward compatible)
  return key;
}

// Characters of an action name: [A-Za-z0-9_-] (checked by the generator).
constexpr auto kActionNameChars = [] {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  table['-'] = true;
  table['_'] = true;
  return table;
}();

inline bool isActionName(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!kActionNameChars[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

// Service prefixes: [a-z0-9-]+ (checked by the generator).
inline bool isServicePrefix(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Calls f(index) for each decimal index in `list` ("3,17,20" with sep ',');
// false if an item is empty, not decimal, or >= bound. Empty list: no calls.
// Hand-rolled (no memchr/from_chars per item): this is the parser's hot loop.
template <typename F>
bool forEachIndex(std::string_view list, char sep, std::size_t bound, F&& f) {
  if (list.empty()) return true;
  std::uint32_t value = 0;
  std::size_t digits = 0;
  for (const char c : list) {
    if (c >= '0' && c <= '9') {
      if (++digits > 9) return false;
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
    } else if (c == sep) {
      if (digits == 0 || value >= bound) return false;
      f(value);
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || value >= bound) return false;
  f(value);
  return true;
}

struct Range {
  std::uint32_t begin = 0;
  std::uint32_t count = 0;
};

template <typename T>
std::span<const T> spanOf(const std::vector<T>& pool, Range r) {
  return std::span<const T>(pool.data() + r.begin, r.count);
}


}  // namespace rolelint::catalog::internal
