// What .gitignore files ignore, for directory walks inside a git work tree
// (issue 20: a walk lints what the repository tracks, not build output or
// vendored trees). rolelint reads the files itself and never runs git: a
// repository under lint must not make it execute anything (docs/security.md).
//
// Read: the .gitignore of every directory from the work tree's top down to the
// walked ones, and .git/info/exclude. Not read: the user's core.excludesFile
// (global git configuration is not the repository's), and whether a file is
// tracked (a tracked file that matches a pattern is still skipped, as in
// `git status --ignored`).
//
// Patterns follow gitignore(5): blank lines and "#" comments, "!" negation,
// a trailing "/" for directories only, a "/" at the start or in the middle
// anchors the pattern to its file's directory, "*", "?", "[...]", and "**" in
// "**/x", "x/**" and "x/**/y". The last matching pattern wins, deeper files
// after shallower ones. Matching is linear in pattern x path length.
// https://git-scm.com/docs/gitignore
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolelint::input {

class GitIgnore {
 public:
  // The top of the git work tree `dir` is in (the nearest directory, `dir`
  // included, holding a .git directory or file), or nothing outside one.
  static std::optional<std::filesystem::path> workTreeTop(const std::filesystem::path& dir);

  // Rules for walking `dir` inside the work tree whose top is `top`: .git/info/exclude
  // and the .gitignore files of `top` and of each directory down to `dir`.
  GitIgnore(std::filesystem::path top, const std::filesystem::path& dir);

  // Reads `directory`'s .gitignore, if any, for the entries below it (call when the walk enters it).
  void enter(const std::filesystem::path& directory);

  // Whether `path` (below the top) is ignored; `isDirectory` for directory-only patterns.
  bool ignored(const std::filesystem::path& path, bool isDirectory) const;

  // Adds the patterns of one file's text, as if read from `base` (relative to the top; "" = top).
  void addPatterns(std::string_view text, const std::string& base);

 private:
  struct Pattern {
    std::string base;   // directory of the file it came from, relative to the top ("" = top)
    std::string glob;   // without "!", leading "/" and trailing "/"
    bool negated = false;
    bool directoryOnly = false;
    bool anchored = false;  // matched against the path relative to base, not the file name
  };
  void readFile(const std::filesystem::path& file, const std::string& base);

  std::filesystem::path top_;
  std::vector<Pattern> patterns_;
};

// gitignore(5) glob match of `path` (components separated by '/') against `glob`.
bool gitGlobMatch(std::string_view glob, std::string_view path);

}  // namespace rolelint::input
