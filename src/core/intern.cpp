#include "core/intern.h"

#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>

namespace rolelint::core {
namespace {

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace

Str intern(std::string_view s) {
  if (s.size() <= Str::kInlineMax) return Str(s);
  // The string this thread interned last (a view of the kept copy): a rule reports
  // its findings one after another, and a file's findings name the same file.
  thread_local std::string_view last;
  if (s == last) return Str::view(last);
  static std::mutex mu;
  // Reachable from a static until exit (leak checkers do not count it); the
  // elements of an unordered_set stay where they are when it rehashes.
  static auto* kept = new std::unordered_set<std::string, Hash, std::equal_to<>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = kept->find(s);
  if (it == kept->end()) it = kept->emplace(s).first;
  last = *it;
  return Str::view(last);
}

}  // namespace rolelint::core
