#include "analysis/role_names.h"

#include <algorithm>

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
  // The roles grouped by their name ignoring case, each group in `ordered` order
  // (so by file, then position): a sort of (name, position) pairs, where a map of
  // every name to its earlier roles took two lists of 100,000 roles in an audit.
  struct Named {
    std::string name;
    size_t at;  // in `ordered`
  };
  std::vector<Named> names;
  names.reserve(ordered.size());
  for (size_t i = 0; i < ordered.size(); ++i) names.push_back({lowerAscii(ordered[i]->roleName->text), i});
  std::sort(names.begin(), names.end(),
            [](const Named& a, const Named& b) { return a.name != b.name ? a.name < b.name : a.at < b.at; });
  std::vector<const model::Role*> firstOf(ordered.size(), nullptr);  // by position in `ordered`
  for (size_t g = 0; g < names.size();) {
    size_t end = g + 1;
    while (end < names.size() && names[end].name == names[g].name) ++end;
    // Each role of the group is paired with the first earlier role of its own file
    // that is not exclusive with it, else with the group's first role when that
    // is of an earlier file (roles of different files are never exclusive).
    size_t fileStart = g;
    for (size_t k = g; k < end; ++k) {
      const model::Role* role = ordered[names[k].at];
      if (k > g && role->file() != ordered[names[k - 1].at]->file()) fileStart = k;
      const model::Role* first = nullptr;
      for (size_t e = fileStart; e < k && first == nullptr; ++e)
        if (!exclusive(*role, *ordered[names[e].at])) first = ordered[names[e].at];
      if (first == nullptr && fileStart > g) first = ordered[names[g].at];
      firstOf[names[k].at] = first;
    }
    g = end;
  }
  std::vector<NameClash> out;
  for (size_t i = 0; i < ordered.size(); ++i)
    if (const model::Role* first = firstOf[i]) out.push_back({ordered[i], first, first->file() == ordered[i]->file()});
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
