// IAM-style wildcard patterns: `*` matches any run of characters (also none),
// `?` exactly one; everything else literally (ASCII case folded on request).
// One implementation for actions, ARN segments, condition values and catalog
// look-ups. Iterative, no recursion: O(|pattern| * |text|) at worst.
#pragma once
#include <string_view>

namespace rolelint::core {

// Whether `s` holds an IAM wildcard (`*` or `?`).
inline bool hasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

bool wildcardMatch(std::string_view pattern, std::string_view text, bool ignoreCase);

// Whether some string matches both patterns: O(|a| + |b|) when both have a star,
// otherwise O(|a| * |b|) at worst (the greedy match of the one with stars).
bool wildcardsIntersect(std::string_view a, std::string_view b, bool ignoreCase);

}  // namespace rolelint::core
