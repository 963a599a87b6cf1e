// Text helpers of the IAM vocabulary, one definition each (docs/architecture.md,
// "The vocabulary"): ASCII case folding and case-insensitive comparison (IAM
// compares action names, service prefixes, condition keys and operators ignoring
// ASCII case), the IAM wildcard test (core/wildcard.h: `*` any run, `?` one
// character) and the edit distance behind every "did you mean" suggestion.
#pragma once
#include <cstddef>
#include <limits>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/wildcard.h"

namespace rolelint::core {

// ASCII lower case; other bytes (UTF-8 included) unchanged.
inline char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline char upperAscii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
std::string lower(std::string_view s);

// Three-way ASCII case-insensitive comparison: <0, 0, >0.
int icompare(std::string_view a, std::string_view b);
bool iequals(std::string_view a, std::string_view b);
bool istartsWith(std::string_view s, std::string_view prefix);
bool iendsWith(std::string_view s, std::string_view suffix);
inline bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
// Non-empty and ASCII digits only (account IDs, key IDs).
inline bool allDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}
// Case-sensitive prefix test (std::string_view::starts_with with a name that reads in rules).
inline bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Whether eight bytes (read from text with memcpy) hold a byte below 0x20, `"`, `\`
// or 0x80 and above: what a JSON string reader or writer must look at, so that it can
// pass over the other bytes a word at a time (the "has a zero byte" test of the word,
// and of the word XOR each character; exact, no false negatives).
inline bool wordNeedsAttention(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto hasZero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const std::uint64_t below = (w - kOnes * 0x20) & ~w & kHigh;  // some byte < 0x20
  return ((w & kHigh) | below | hasZero(w ^ (kOnes * '"')) | hasZero(w ^ (kOnes * '\\'))) != 0;
}

// Ordering for maps and sorted vectors keyed case-insensitively.
struct ILess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return icompare(a, b) < 0; }
};

// Edit distance: Levenshtein (insert, delete, substitute), plus adjacent
// transpositions when `transpositions` (optimal string alignment). Once the
// distance must exceed `limit`, returns limit + 1 without finishing.
struct EditOptions {
  bool ignoreCase = true;
  bool transpositions = false;
  std::size_t limit = std::numeric_limits<std::size_t>::max() - 1;
};
std::size_t editDistance(std::string_view a, std::string_view b, EditOptions options = {});

// Length of the well-formed UTF-8 sequence at s[i] (1 for ASCII, 2-4), or 0 when
// the byte does not start one (Unicode Table 3-7): what the JSON reader decodes
// and core::LineIndex counts.
inline size_t utf8SequenceAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c = b(0);
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return (b(1) >= 0xA0 && b(1) <= 0xBF && cont(2)) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return (cont(1) && cont(2)) ? 3 : 0;
  if (c == 0xED) return (b(1) >= 0x80 && b(1) <= 0x9F && cont(2)) ? 3 : 0;
  if (c == 0xF0) return (b(1) >= 0x90 && b(1) <= 0xBF && cont(2) && cont(3)) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return (cont(1) && cont(2) && cont(3)) ? 4 : 0;
  if (c == 0xF4) return (b(1) >= 0x80 && b(1) <= 0x8F && cont(2) && cont(3)) ? 4 : 0;
  return 0;
}

// Appends code point `cp` (at most 0x10FFFF; the caller has replaced surrogates) as UTF-8.
void appendUtf8(std::string& out, uint32_t cp);

}  // namespace rolelint::core
