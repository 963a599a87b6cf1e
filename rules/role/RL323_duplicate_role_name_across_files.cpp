// RL323 duplicate-role-name-across-files: two roles of different input files whose names differ
// only in case. The files may deploy to different accounts, where equal names are fine, so this
// is a note; with conventions.singleAccount set to true, RL302 reports the clash as an error.
// Source: IAM API Reference, CreateRole ("Role names are not distinguished by case"; names are
// unique within an account) (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
#include "rules/registry.h"
#include "analysis/role_names.h"

namespace rolelint::rules {
namespace {

class DuplicateRoleNameAcrossFiles final : public engine::Rule {
 public:
  DuplicateRoleNameAcrossFiles()
      : engine::Rule({.id = "RL323",
                      .name = "duplicate-role-name-across-files",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Note,
                      .summary = "Two roles of different files have names that are equal when case is ignored; if "
                                 "the files deploy to one account, the second role cannot be created.",
                      .options = {role::conventionOption("singleAccount", "boolean", "every input file of the run deploys to one account")},
                      .equivalents = {"cfn-lint:E3019"}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override { options_ = o; }

  void checkRun(const std::vector<const model::Role*>& roles, engine::Reporter& r) const override {
    if (role::singleAccount(options_)) return;  // RL302 reports every clash
    for (const role::NameClash& c : role::roleNameClashes(roles)) {
      if (c.sameFile) continue;  // RL302
      const model::Role& first = *c.first;
      r.report(c.role->locate(*c.role->roleName),
               role::clashText(c) +
                   ": if both files deploy to one account, creating the second role fails with EntityAlreadyExists "
                   "(IAM role names are unique in an account ignoring case)",
               c.role->displayName, {},
               {core::RelatedLocation{first.locate(*first.roleName), "the role named \"" + first.roleName->text + "\""}},
               "Rename one of the roles, or set conventions.singleAccount to true if the files deploy to one account");
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL323() { return engine::makeRule<DuplicateRoleNameAcrossFiles>(); }

}  // namespace rolelint::rules
