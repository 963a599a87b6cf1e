// IAM-style wildcard patterns: `*` matches any run of characters (also none),
// `?` exactly one; everything else literally (ASCII case folded on request).
// One implementation for actions, ARN segments, condition values and catalog
// look-ups. Iterative, no recursion: O(|pattern| * |text|) at worst.
#pragma once
#include <string_view>

namespace rolelint::core {

// Whether `s` holds an IAM wildcard (`*` or `?`).
// Where the first `*` or `?` is (npos: none). A loop, not find_first_of("*?"),
// which calls memchr once per character: this runs on every action and ARN.
inline std::size_t findWildcard(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '*' || s[i] == '?') return i;
  return std::string_view::npos;
}
inline bool hasWildcard(std::string_view s) { return findWildcard(s) != std::string_view::npos; }

bool wildcardMatch(std::string_view pattern, std::string_view text, bool ignoreCase);

// Whether some string matches both patterns: O(|a| + |b|) when both have a star,
// otherwise O(|a| * |b|) at worst (the greedy match of the one with stars).
bool wildcardsIntersect(std::string_view a, std::string_view b, bool ignoreCase);

}  // namespace rolelint::core
