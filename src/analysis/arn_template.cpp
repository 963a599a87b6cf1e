#include "analysis/arn_template.h"

#include <optional>
#include <string>
#include <vector>

#include "core/unknown.h"

namespace rolelint::analysis {
namespace {

// Pattern tokens of either side.
struct Tok {
  enum Kind { Lit, One, Star, Hole } kind;
  char ch = 0;
  bool anyChar = false;  // Hole: may match '/' and ':'
  bool slash = false;    // Hole: may match '/'
};

void resourceTokens(std::string_view s, std::vector<Tok>& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    // An unknown part (core/unknown.h) may be any value: a star.
    if (s.compare(i, core::kUnknownOpen.size(), core::kUnknownOpen) == 0) {
      const std::size_t end = s.find(core::kUnknownClose, i);
      if (end != std::string_view::npos) {
        out.push_back({Tok::Star});
        i = end + core::kUnknownClose.size() - 1;
        continue;
      }
    }
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t end = s.find('}', i);
      if (end != std::string_view::npos) {
        const std::string_view inner = s.substr(i + 2, end - i - 2);
        if (inner == "*" || inner == "?" || inner == "$") {
          out.push_back({Tok::Lit, inner[0]});  // escapes for literal characters
        } else {
          out.push_back({Tok::Star});
        }
        i = end;
        continue;
      }
    }
    if (s[i] == '*') {
      out.push_back({Tok::Star});
    } else if (s[i] == '?') {
      out.push_back({Tok::One});
    } else {
      out.push_back({Tok::Lit, s[i]});
    }
  }
}

void templateTokens(std::string_view s, std::vector<Tok>& out) {
  out.clear();
  std::size_t colons = 0;
  bool separatorInResource = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t end = s.find('}', i);
      if (end != std::string_view::npos) {
        const bool last = end + 1 == s.size();
        const bool inResource = colons >= 5;
        // The last hole after a separator takes the rest (paths, qualifiers); a
        // hole inside the resource part may hold '/' (log group names); a bare
        // last name (${BucketName}, ${QueueName}) and the other fields hold neither.
        out.push_back({Tok::Hole, 0, last && inResource && separatorInResource, inResource && !last});
        i = end;
        continue;
      }
    }
    if (colons >= 5 && (s[i] == '/' || s[i] == ':')) separatorInResource = true;
    if (s[i] == ':') ++colons;
    out.push_back({Tok::Lit, s[i]});
  }
}

// Reuses its buffers (one per thread): the rules ask this for every resource of
// every statement against every resource type of its service.
class Matcher {
 public:
  Matcher(const std::vector<Tok>& r, const std::vector<Tok>& t, std::vector<char>& seen) : r_(r), t_(t), seen_(seen) {
    seen_.assign((r_.size() + 1) * (t_.size() + 1) * 2, 0);
  }

  bool run() { return visit(0, 0, 0); }

 private:
  // State: resource position i, template position j, k = the hole at j has
  // consumed at least one character.
  bool visit(std::size_t i, std::size_t j, int k) {
    const std::size_t idx = (i * (t_.size() + 1) + j) * 2 + static_cast<std::size_t>(k);
    if (seen_[idx] != 0) return false;
    seen_[idx] = 1;
    const bool rEnd = i == r_.size(), tEnd = j == t_.size();
    if (rEnd && tEnd) return true;
    // A hole that has consumed something may end.
    if (!tEnd && t_[j].kind == Tok::Hole && k == 1 && visit(i, j + 1, 0)) return true;
    if (rEnd) return false;
    const Tok& a = r_[i];
    if (a.kind == Tok::Star) {
      if (visit(i + 1, j, k)) return true;  // the star matches nothing more
      if (tEnd) return false;
      const Tok& b = t_[j];
      if (b.kind == Tok::Lit) return visit(i, j + 1, 0);  // the star eats b's character
      return visit(i, j, 1);                              // the star eats a character of the hole
    }
    if (tEnd) return false;
    const Tok& b = t_[j];
    if (b.kind == Tok::Lit) {
      if (a.kind == Tok::One || a.ch == b.ch) return visit(i + 1, j + 1, 0);
      return false;
    }
    // b is a hole.
    if (a.kind == Tok::One) return visit(i + 1, j, 1);
    if (!b.anyChar && (a.ch == ':' || (a.ch == '/' && !b.slash))) return false;
    return visit(i + 1, j, 1);
  }

  const std::vector<Tok>& r_;
  const std::vector<Tok>& t_;
  std::vector<char>& seen_;
};

// The third colon-separated field (the service), or nullopt when there are fewer fields.
std::optional<std::string_view> serviceField(std::string_view arn) {
  const std::size_t a = arn.find(':');
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = arn.find(':', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  const std::size_t c = arn.find(':', b + 1);
  if (c == std::string_view::npos) return std::nullopt;
  return arn.substr(b + 1, c - b - 1);
}

}  // namespace

bool arnMatchesTemplate(std::string_view resourceArn, std::string_view arnTemplate) {
  if (resourceArn == "*") return true;
  // Bounded work: ARNs are short; refuse pathological lengths rather than loop long.
  if (resourceArn.size() > 2048 || arnTemplate.size() > 2048) return true;
  // Quick answer for the common case: both name their service literally, and differently.
  // (No wildcard or variable up to the end of the resource's service field: a `*`
  // earlier could span colons.)
  const auto rs = serviceField(resourceArn), ts = serviceField(arnTemplate);
  if (rs && ts && ts->find('$') == std::string_view::npos && *rs != *ts &&
      resourceArn.substr(0, static_cast<std::size_t>(rs->data() + rs->size() - resourceArn.data()))
              .find_first_of("*?$") == std::string_view::npos)
    return false;
  thread_local std::vector<Tok> r, t;
  thread_local std::vector<char> seen;
  resourceTokens(resourceArn, r);
  templateTokens(arnTemplate, t);
  Matcher m(r, t, seen);
  return m.run();
}

}  // namespace rolelint::analysis
