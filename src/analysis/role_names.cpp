#include "analysis/role_names.h"

#include <algorithm>
#include <map>

#include "analysis/role.h"

namespace rolelint::analysis::role {
namespace {

std::string lowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::vector<NameClash> roleNameClashes(const std::vector<const model::Role*>& roles) {
  // The earlier role (by file, then position) is "first", whatever order the run collected them in.
  std::vector<const model::Role*> ordered;
  for (const model::Role* r : roles) {
    if (r != nullptr && r->roleName != nullptr && !r->roleName->text.empty()) ordered.push_back(r);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const model::Role* a, const model::Role* b) {
    if (a->file() != b->file()) return a->file() < b->file();
    return a->root->begin.offset < b->root->begin.offset;
  });
  std::vector<NameClash> out;
  std::map<std::string, std::vector<const model::Role*>> seen;
  for (const model::Role* role : ordered) {
    std::vector<const model::Role*>& earlier = seen[lowerAscii(role->roleName->text)];
    if (!earlier.empty()) {
      NameClash c{role, earlier.front(), false};
      for (const model::Role* e : earlier) {
        if (e->file() == role->file()) {
          c.first = e;
          break;
        }
      }
      c.sameFile = c.first->file() == role->file();
      out.push_back(c);
    }
    earlier.push_back(role);
  }
  return out;
}

std::string clashText(const NameClash& c) {
  const std::string& a = c.first->roleName->text;
  const std::string& b = c.role->roleName->text;
  if (a == b) return "role name \"" + b + "\" is also used by " + (c.sameFile ? "another role in this file" : "a role in another file");
  return "role name \"" + b + "\" differs from \"" + a + "\"" + (c.sameFile ? "" : " of another file") + " only in case";
}

}  // namespace rolelint::analysis::role
