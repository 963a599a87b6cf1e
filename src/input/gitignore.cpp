#include "input/gitignore.h"

#include <cstdint>
#include <fstream>
#include <system_error>

namespace rolelint::input {
namespace fs = std::filesystem;

namespace {

// Limits, so that a hostile repository cannot make the walk quadratic in its size:
// bytes read of one ignore file, and patterns kept in all (docs/security.md).
constexpr size_t kMaxIgnoreFileBytes = size_t{256} << 10;
constexpr size_t kMaxPatterns = 10000;

enum class Tok : uint8_t { Lit, Any, Star, DStar, DStarSlash, Class };
struct Token {
  Tok t = Tok::Lit;
  char c = 0;
  std::string cls;  // Class: the set, ranges expanded lazily
  bool negatedClass = false;
};

bool classMatches(const Token& k, char ch) {
  bool in = false;
  const std::string& s = k.cls;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s[i + 1] == '-') {
      if (ch >= s[i] && ch <= s[i + 2]) in = true;
      i += 2;
    } else if (s[i] == ch) {
      in = true;
    }
  }
  return in != k.negatedClass;
}

std::vector<Token> tokenize(std::string_view g) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < g.size()) {
    const bool atSegmentStart = i == 0 || g[i - 1] == '/';
    if (atSegmentStart && g.compare(i, 3, "**/") == 0) {
      out.push_back({Tok::DStarSlash});
      i += 3;
      continue;
    }
    if (atSegmentStart && i + 2 == g.size() && g.compare(i, 2, "**") == 0) {
      out.push_back({Tok::DStar});
      i += 2;
      continue;
    }
    const char c = g[i];
    if (c == '*') {
      if (out.empty() || out.back().t != Tok::Star) out.push_back({Tok::Star});
      ++i;
    } else if (c == '?') {
      out.push_back({Tok::Any});
      ++i;
    } else if (c == '[') {
      size_t j = i + 1;
      bool neg = false;
      if (j < g.size() && (g[j] == '!' || g[j] == '^')) {
        neg = true;
        ++j;
      }
      const size_t first = j;
      if (j < g.size() && g[j] == ']') ++j;  // "[]...]": the first ']' is a member
      while (j < g.size() && g[j] != ']') ++j;
      if (j >= g.size()) {  // no closing bracket: a literal '['
        out.push_back({Tok::Lit, '['});
        ++i;
        continue;
      }
      Token k{Tok::Class};
      k.cls = std::string(g.substr(first, j - first));
      k.negatedClass = neg;
      out.push_back(std::move(k));
      i = j + 1;
    } else if (c == '\\' && i + 1 < g.size()) {
      out.push_back({Tok::Lit, g[i + 1]});
      i += 2;
    } else {
      out.push_back({Tok::Lit, c});
      ++i;
    }
  }
  return out;
}

std::string generic(const fs::path& p) { return p.lexically_normal().generic_string(); }

}  // namespace

bool gitGlobMatch(std::string_view glob, std::string_view path) {
  const std::vector<Token> toks = tokenize(glob);
  const size_t n = path.size();
  // cur[j]: the tokens so far match path[0, j). One row per token: O(tokens x n).
  std::vector<char> cur(n + 1, 0), next(n + 1, 0);
  cur[0] = 1;
  for (const Token& k : toks) {
    std::fill(next.begin(), next.end(), 0);
    switch (k.t) {
      case Tok::Lit:
        for (size_t j = 0; j < n; ++j) next[j + 1] = cur[j] && path[j] == k.c;
        break;
      case Tok::Any:
        for (size_t j = 0; j < n; ++j) next[j + 1] = cur[j] && path[j] != '/';
        break;
      case Tok::Class:
        for (size_t j = 0; j < n; ++j) next[j + 1] = cur[j] && path[j] != '/' && classMatches(k, path[j]);
        break;
      case Tok::Star:  // anything but '/'
        for (size_t j = 0; j <= n; ++j) next[j] = cur[j] || (j > 0 && next[j - 1] && path[j - 1] != '/');
        break;
      case Tok::DStar:  // anything
        for (size_t j = 0; j <= n; ++j) next[j] = cur[j] || (j > 0 && next[j - 1]);
        break;
      case Tok::DStarSlash: {  // "" or any run of whole directories ("a/", "a/b/")
        bool seen = false;
        for (size_t j = 0; j <= n; ++j) {
          next[j] = cur[j] || (j > 0 && path[j - 1] == '/' && seen);
          if (cur[j]) seen = true;
        }
        break;
      }
    }
    std::swap(cur, next);
  }
  return cur[n] != 0;
}

std::optional<fs::path> GitIgnore::workTreeTop(const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec).lexically_normal();
  if (ec) return std::nullopt;
  while (true) {
    if (fs::exists(fs::symlink_status(p / ".git", ec))) return p;
    if (!p.has_relative_path()) return std::nullopt;
    fs::path parent = p.parent_path();
    if (parent == p) return std::nullopt;
    p = std::move(parent);
  }
}

GitIgnore::GitIgnore(fs::path top, const fs::path& dir) : top_(std::move(top)) {
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(top_ / ".git", ec))) readFile(top_ / ".git" / "info" / "exclude", "");
  const fs::path abs = fs::absolute(dir, ec).lexically_normal();
  const fs::path rel = abs.lexically_relative(top_);
  if (rel.empty() || *rel.begin() == "..") return;
  // The directories above `dir`, from the top down; the walk enters `dir` itself.
  fs::path d = top_;
  for (const fs::path& part : rel) {
    if (part == "." || part.empty()) continue;
    enter(d);
    d /= part;
  }
}

void GitIgnore::enter(const fs::path& directory) {
  std::error_code ec;
  const fs::path rel = fs::absolute(directory, ec).lexically_normal().lexically_relative(top_);
  if (ec || rel.empty() || *rel.begin() == "..") return;
  std::string base = generic(rel);
  if (base == ".") base.clear();
  while (!base.empty() && base.back() == '/') base.pop_back();
  readFile(directory / ".gitignore", base);
}

void GitIgnore::readFile(const fs::path& file, const std::string& base) {
  std::error_code ec;
  // Only a regular file, never through a link (it could point anywhere).
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return;
  std::ifstream in(file, std::ios::binary);
  if (!in) return;
  std::string text(kMaxIgnoreFileBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  addPatterns(text, base);
}

void GitIgnore::addPatterns(std::string_view text, const std::string& base) {
  size_t pos = 0;
  while (pos < text.size() && patterns_.size() < kMaxPatterns) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    p.base = base;
    if (line[0] == '!') {
      p.negated = true;
      line.erase(0, 1);
    } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      p.directoryOnly = true;
      while (!line.empty() && line.back() == '/') line.pop_back();
    }
    if (line.empty()) continue;
    p.anchored = line.find('/') != std::string::npos;
    while (!line.empty() && line[0] == '/') line.erase(0, 1);
    if (line.empty()) continue;
    p.glob = std::move(line);
    patterns_.push_back(std::move(p));
  }
}

bool GitIgnore::ignored(const fs::path& path, bool isDirectory) const {
  if (patterns_.empty()) return false;
  std::error_code ec;
  const fs::path relPath = fs::absolute(path, ec).lexically_normal().lexically_relative(top_);
  if (ec || relPath.empty() || *relPath.begin() == "..") return false;
  const std::string rel = generic(relPath);
  bool result = false;
  for (const Pattern& p : patterns_) {
    if (p.directoryOnly && !isDirectory) continue;
    std::string_view sub = rel;
    if (!p.base.empty()) {
      if (rel.size() <= p.base.size() || rel.compare(0, p.base.size(), p.base) != 0 || rel[p.base.size()] != '/')
        continue;
      sub.remove_prefix(p.base.size() + 1);
    }
    std::string_view subject = sub;
    if (!p.anchored) {
      const auto slash = sub.rfind('/');
      if (slash != std::string_view::npos) subject = sub.substr(slash + 1);
    }
    if (gitGlobMatch(p.glob, subject)) result = !p.negated;
  }
  return result;
}

}  // namespace rolelint::input
