#include "core/wildcard.h"

#include <utility>
#include <vector>

namespace rolelint::core {
namespace {

char fold(char c, bool ignoreCase) {
  return ignoreCase && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool wildcardMatch(std::string_view p, std::string_view t, bool ignoreCase) {
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

// Memory linear in the shorter pattern; time |a| * |b| at worst.
bool wildcardsIntersect(std::string_view a, std::string_view b, bool ignoreCase) {
  // Reachability over pairs of positions (i in a, j in b) of the two patterns'
  // automata. Every step advances i or j, so the pairs are visited row by row
  // (one row per i) keeping only two rows: memory O(min(|a|, |b|)), time
  // O(|a| * |b|) at worst, and a row with nothing reachable ends the search.
  if (a.size() < b.size()) std::swap(a, b);
  const size_t n = a.size(), m = b.size();
  auto sa = [&](size_t i) { return i < n && a[i] == '*'; };
  auto sb = [&](size_t j) { return j < m && b[j] == '*'; };
  std::vector<char> prev(m + 1, 0), cur(m + 1, 0);
  // Within row i: (i, j) -> (i, j+1) when b's star matches nothing more, or a's star eats b[j].
  auto spread = [&](size_t i, std::vector<char>& row) {
    bool any = false;
    for (size_t j = 0; j <= m; ++j) {
      if (!row[j]) continue;
      any = true;
      if (j < m && (sb(j) || sa(i))) row[j + 1] = 1;
    }
    return any;
  };
  cur[0] = 1;
  if (!spread(0, cur)) return false;
  for (size_t i = 1; i <= n; ++i) {
    std::swap(prev, cur);
    const char x = a[i - 1];
    const bool starA = x == '*';
    for (size_t j = 0; j <= m; ++j) {
      // (i-1, j) -> (i, j): a's star matches nothing more, or b's star eats a[i-1].
      char r = prev[j] && (starA || sb(j));
      // (i-1, j-1) -> (i, j): two single characters that can be equal.
      if (!r && j > 0 && prev[j - 1] && !starA && b[j - 1] != '*') {
        const char y = b[j - 1];
        r = x == '?' || y == '?' || fold(x, ignoreCase) == fold(y, ignoreCase);
      }
      cur[j] = r;
    }
    if (!spread(i, cur)) return false;
  }
  return cur[m] != 0;
}

}  // namespace rolelint::core
