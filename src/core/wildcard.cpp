#include "core/wildcard.h"

#include "core/unknown.h"

#include <utility>
#include <vector>

namespace rolelint::core {
namespace {

char fold(char c, bool ignoreCase) {
  return ignoreCase && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool wildcardMatch(std::string_view p, std::string_view t, bool ignoreCase) {
  // An unknown part of the pattern (core/unknown.h) may be any value: match it as '*'.
  if (hasUnknown(p)) return wildcardMatch(replaceUnknown(p, "*"), t, ignoreCase);
  // Single back-tracking point: on a mismatch, let the last '*' eat one more character.
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && (p[pi] == '?' || fold(p[pi], ignoreCase) == fold(t[ti], ignoreCase))) {
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

bool wildcardsIntersect(std::string_view a, std::string_view b, bool ignoreCase) {
  if (hasUnknown(a) || hasUnknown(b))  // unknown parts may be any value
    return wildcardsIntersect(replaceUnknown(a, "*"), replaceUnknown(b, "*"), ignoreCase);
  // Reachability over pairs of positions in the two patterns' automata.
  const size_t n = a.size(), m = b.size();
  std::vector<char> seen((n + 1) * (m + 1), 0);
  std::vector<std::pair<size_t, size_t>> stack{{0, 0}};
  seen[0] = 1;
  auto push = [&](size_t i, size_t j) {
    if (!seen[i * (m + 1) + j]) {
      seen[i * (m + 1) + j] = 1;
      stack.emplace_back(i, j);
    }
  };
  while (!stack.empty()) {
    auto [i, j] = stack.back();
    stack.pop_back();
    if (i == n && j == m) return true;
    if (i < n && a[i] == '*') push(i + 1, j);  // a's star matches nothing more
    if (j < m && b[j] == '*') push(i, j + 1);
    if (i < n && j < m) {
      const bool sa = a[i] == '*', sb = b[j] == '*';
      if (sa && !sb) {
        push(i, j + 1);  // a's star eats b's character
      } else if (!sa && sb) {
        push(i + 1, j);  // b's star eats a's character
      } else if (!sa && !sb &&
                 (a[i] == '?' || b[j] == '?' || fold(a[i], ignoreCase) == fold(b[j], ignoreCase))) {
        push(i + 1, j + 1);
      } else if (sa && sb) {
        push(i + 1, j);
        push(i, j + 1);
      }
    }
  }
  return false;
}

}  // namespace rolelint::core
