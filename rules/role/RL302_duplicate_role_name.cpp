// RL302 duplicate-role-name: two roles of one run whose names differ only in case.
// Source: IAM API Reference, CreateRole ("Role names are not distinguished by case")
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and IAM identifiers
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
#include <algorithm>
#include <map>

#include "rules/registry.h"

#include "core/unknown.h"
#include "rules/support/role_support.h"

namespace rolelint::rules {
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

class DuplicateRoleName final : public engine::Rule {
 public:
  DuplicateRoleName()
      : engine::Rule({.id = "RL302",
                      .name = "duplicate-role-name",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "Two roles linted together have names that are equal when case is ignored.",
                      .equivalents = {}}) {}

  void checkRun(const std::vector<const model::Role*>& roles, engine::Reporter& r) const override {
    // The earlier role (by file, then position) is "first", whatever order the run collected them in.
    std::vector<const model::Role*> ordered(roles.begin(), roles.end());
    std::stable_sort(ordered.begin(), ordered.end(), [](const model::Role* a, const model::Role* b) {
      if (a == nullptr || b == nullptr) return b != nullptr;
      if (a->file() != b->file()) return a->file() < b->file();
      return a->root->begin.offset < b->root->begin.offset;
    });
    std::map<std::string, std::vector<const model::Role*>> seen;
    for (const model::Role* role : ordered) {
      // A name with an unknown part (a CloudFormation parameter) is no literal to compare.
      if (role == nullptr || role->roleName == nullptr || role->roleName->text.empty() ||
          core::hasUnknown(role->roleName->text))
        continue;
      auto& same = seen[lowerAscii(role->roleName->text)];
      // Roles of one template under conditions that never hold together (X / !Not X,
      // or Fn::Equals of one parameter with different values) are never both created.
      // The CloudFormation builder writes them into the role definition ("Condition", "ExclusiveConditions").
      const model::Role* clash = nullptr;
      for (const model::Role* other : same) {
        const json::Value* exclusiveWith = role->root->find("ExclusiveConditions");
        const std::string theirs = conditionOf(*other);
        bool exclusive = false;
        if (other->file() == role->file() && !theirs.empty() && exclusiveWith != nullptr && exclusiveWith->isArray())
          for (const json::Value& c : exclusiveWith->elements) exclusive = exclusive || c.text == theirs;
        if (!exclusive) {
          clash = other;
          break;
        }
      }
      same.push_back(role);
      if (clash == nullptr) continue;
      const model::Role& first = *clash;
      const std::string& a = first.roleName->text;
      const std::string& b = role->roleName->text;
      std::string msg = a == b ? "role name \"" + b + "\" is also used by another role in this run"
                               : "role name \"" + b + "\" differs from \"" + a + "\" only in case";
      msg +=
          "; IAM role names are unique in an account ignoring case, so creating the second role fails with "
          "EntityAlreadyExists. Rename one of the roles";
      for (const model::Role* x : {clash, role})
        if (!conditionOf(*x).empty())
          msg += " (" + x->displayName + " exists only when condition " + conditionOf(*x) + " is true)";
      r.report(role->locate(*role->roleName), std::move(msg), role->displayName, {},
               {core::RelatedLocation{first.locate(*first.roleName), "the role named \"" + a + "\""}});
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL302() { return std::make_unique<DuplicateRoleName>(); }

}  // namespace rolelint::rules
