#include "analysis/role_names.h"

#include <algorithm>
#include <map>

#include "analysis/role.h"
#include "core/unknown.h"

namespace rolelint::analysis::role {
namespace {

std::string lowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The CloudFormation resource Condition a role exists under, or "".
std::string conditionOf(const model::Role& role) {
  const json::Value* c = role.root != nullptr ? role.root->find("Condition") : nullptr;
  return c != nullptr && c->isString() ? c->text : "";
}

// Roles of one template under conditions that never hold together (X / !Not X, or
// Fn::Equals of one parameter with different values) are never both created; the
// CloudFormation builder lists them in the role definition's "ExclusiveConditions".
bool exclusive(const model::Role& role, const model::Role& other) {
  if (other.file() != role.file()) return false;
  const std::string theirs = conditionOf(other);
  const json::Value* with = role.root != nullptr ? role.root->find("ExclusiveConditions") : nullptr;
  if (theirs.empty() || with == nullptr || !with->isArray()) return false;
  return std::any_of(with->elements.begin(), with->elements.end(),
                     [&](const json::Value& c) { return c.text == theirs; });
}

}  // namespace

std::vector<NameClash> roleNameClashes(const std::vector<const model::Role*>& roles) {
  // The earlier role (by file, then position) is "first", whatever order the run collected them in.
  std::vector<const model::Role*> ordered;
  for (const model::Role* r : roles) {
    // A name with an unknown part (a CloudFormation parameter) is no literal to compare.
    if (r != nullptr && r->roleName != nullptr && !r->roleName->text.empty() && !core::hasUnknown(r->roleName->text))
      ordered.push_back(r);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const model::Role* a, const model::Role* b) {
    if (a->file() != b->file()) return a->file() < b->file();
    return a->root->begin < b->root->begin;
  });
  std::vector<NameClash> out;
  std::map<std::string, std::vector<const model::Role*>> seen;
  for (const model::Role* role : ordered) {
    std::vector<const model::Role*>& earlier = seen[lowerAscii(role->roleName->text)];
    const model::Role* first = nullptr;
    for (const model::Role* e : earlier) {
      if (exclusive(*role, *e)) continue;
      if (first == nullptr || (e->file() == role->file() && first->file() != role->file())) first = e;
    }
    if (first != nullptr) out.push_back(NameClash{role, first, first->file() == role->file()});
    earlier.push_back(role);
  }
  return out;
}

std::string clashText(const NameClash& c) {
  const std::string& a = c.first->roleName->text;
  const std::string& b = c.role->roleName->text;
  std::string conditions;
  for (const model::Role* x : {c.first, c.role})
    if (!conditionOf(*x).empty())
      conditions += " (" + x->displayName + " exists only when condition " + conditionOf(*x) + " is true)";
  if (a == b)
    return "role name \"" + b + "\" is also used by " +
           (c.sameFile ? "another role in this file" : "a role in another file") + conditions;
  return "role name \"" + b + "\" differs from \"" + a + "\"" + (c.sameFile ? "" : " of another file") + " only in case" +
         conditions;
}

}  // namespace rolelint::analysis::role
