#include "core/wildcard.h"

#include <algorithm>

#include "core/unknown.h"

namespace rolelint::core {
namespace {

char fold(char c, bool ignoreCase) {
  return ignoreCase && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Two pattern characters that some one character matches.
bool compatible(char x, char y, bool ignoreCase) {
  return x == '?' || y == '?' || fold(x, ignoreCase) == fold(y, ignoreCase);
}

// Greedy match of `pattern` against `text`, where `same(p, t)` says whether the
// pattern character p (not '*') may stand where the text has t. A single
// back-tracking point: on a mismatch, the last '*' eats one more character. Each
// star-separated segment takes the leftmost place where it fits; a later place
// never leaves more room for the segments after it.
template <typename Same>
bool greedyMatch(std::string_view p, std::string_view t, Same same) {
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && same(p[pi], t[ti])) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// Whether `pattern` (with stars) matches some string that the star-free `fixed`
// (literals and '?') also matches: a '?' on either side stands for any character.
bool matchFixed(std::string_view pattern, std::string_view fixed, bool ignoreCase) {
  return greedyMatch(pattern, fixed, [&](char pc, char fc) { return compatible(pc, fc, ignoreCase); });
}

}  // namespace

bool wildcardMatch(std::string_view p, std::string_view t, bool ignoreCase) {
  // The literal start of the pattern, before its first '*', '?' or unknown part, must
  // be the text's start: most patterns a request is compared with (the thousands of
  // "service:Prefix*" of a managed policy) fail on their first characters, and the
  // search for unknown parts below reads the whole pattern.
  size_t i = 0;
  for (; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '*' || c == '?' || c == kUnknownOpen[0]) break;
    if (i >= t.size() || fold(c, ignoreCase) != fold(t[i], ignoreCase)) return false;
  }
  if (i == p.size()) return t.size() == p.size();
  p.remove_prefix(i);
  t.remove_prefix(i);
  // An unknown part of the pattern (core/unknown.h) may be any value: match it as '*'.
  if (hasUnknown(p)) return wildcardMatch(replaceUnknown(p, "*"), t, ignoreCase);
  return greedyMatch(p, t, [&](char pc, char tc) { return pc == '?' || fold(pc, ignoreCase) == fold(tc, ignoreCase); });
}

// Linear when both patterns have a star; otherwise the greedy match above.
//
// Why the star case only compares the ends: write a = P1*...*S1 and b = P2*...*S2,
// with P and S free of stars and M (resp. N) the star-free segments in between.
// If P1 and P2 agree on their common length and S1 and S2 on theirs, then
//   w = P + M + N + S
// matches both, where P is the longer prefix with the shorter one's constraints
// applied, M and N the middle segments of a and b (with '?' as any letter), and S
// likewise the longer suffix: a reads P1, lets its first star take the rest of P,
// reads M, lets a star take N and the start of S, and ends with S1; b does the same
// with N. Conversely, any common match starts with a string that both prefixes
// match and ends with one that both suffixes match.
bool wildcardsIntersect(std::string_view a, std::string_view b, bool ignoreCase) {
  if (hasUnknown(a) || hasUnknown(b))  // unknown parts may be any value
    return wildcardsIntersect(replaceUnknown(a, "*"), replaceUnknown(b, "*"), ignoreCase);
  const size_t starA = a.find('*'), starB = b.find('*');
  if (starA == std::string_view::npos && starB == std::string_view::npos) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!compatible(a[i], b[i], ignoreCase)) return false;
    return true;
  }
  if (starA == std::string_view::npos) return matchFixed(b, a, ignoreCase);
  if (starB == std::string_view::npos) return matchFixed(a, b, ignoreCase);
  for (size_t i = 0; i < std::min(starA, starB); ++i)
    if (!compatible(a[i], b[i], ignoreCase)) return false;
  const size_t tailA = a.size() - 1 - a.rfind('*'), tailB = b.size() - 1 - b.rfind('*');
  for (size_t i = 1; i <= std::min(tailA, tailB); ++i)
    if (!compatible(a[a.size() - i], b[b.size() - i], ignoreCase)) return false;
  return true;
}

}  // namespace rolelint::core
