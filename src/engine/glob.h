// A suppression path glob compiled once to RE2: "**/" any directories (or
// none), "**" anything, "*" anything within a path segment, "?" one character.
// Copyable: copies share the immutable compiled pattern.
#pragma once
#include <memory>
#include <string_view>

namespace re2 {
class RE2;
}

namespace rolelint::engine {

class PathGlob {
 public:
  PathGlob() = default;
  explicit PathGlob(std::string_view pattern);
  bool compiled() const { return re_ != nullptr; }
  bool matches(std::string_view path) const;

 private:
  std::shared_ptr<const re2::RE2> re_;
};

}  // namespace rolelint::engine
