// RL302 duplicate-role-name: two roles whose names differ only in case, in one input file (a
// template, a plan, an account dump: one account), or in two files of a run whose files all
// deploy to one account (conventions.singleAccount). Clashes across files otherwise are RL323's.
// Source: IAM API Reference, CreateRole ("Role names are not distinguished by case")
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and IAM identifiers
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
#include "rules/registry.h"
#include "analysis/role_names.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class DuplicateRoleName final : public engine::Rule {
 public:
  DuplicateRoleName()
      : engine::Rule({.id = "RL302",
                      .name = "duplicate-role-name",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "Two roles of one file, or of files that deploy to one account, have names that are "
                                 "equal when case is ignored.",
                      .options = {role::conventionOption("singleAccount", "boolean", "every input file of the run deploys to one account")},
                      .equivalents = {"cfn-lint:E3019"}}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    const json::Value* v = role::convention(c, "singleAccount");
    if (v != nullptr && !v->isBool()) {
      r.report(role::locateConfig(c, *v), "conventions.singleAccount must be true or false, not " +
                                              std::string(json::kindName(v->kind)) +
                                              "; roles of different files are taken to deploy to different accounts",
               {}, {}, {}, "Set conventions.singleAccount to true or false");
    }
  }

  void checkRun(const std::vector<const model::Role*>& roles, engine::Reporter& r) const override {
    const bool oneAccount = role::singleAccount(options_);
    for (const role::NameClash& c : role::roleNameClashes(roles)) {
      if (!c.sameFile && !oneAccount) continue;  // RL323
      const model::Role& first = *c.first;
      r.report(c.role->locate(*c.role->roleName),
               role::clashText(c) +
                   "; IAM role names are unique in an account ignoring case, so creating the second role fails "
                   "with EntityAlreadyExists",
               c.role->displayName, {},
               {core::RelatedLocation{first.locate(*first.roleName), "the role named \"" + first.roleName->text + "\""}},
               "Rename one of the roles");
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL302() { return engine::makeRule<DuplicateRoleName>(); }

}  // namespace rolelint::rules
