// RL407 source-account-mismatch: aws:SourceAccount and the account in
// aws:SourceArn of the same statement disagree, so no request satisfies both.
// Source: IAM User Guide, Cross-service confused deputy prevention ("the aws:SourceAccount value
// and the account in the aws:SourceArn value must use the same account ID when used in the same
// policy statement") (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention).
#include <algorithm>

#include "rules/registry.h"
#include "analysis/trust_common.h"

namespace rolelint::rules {
namespace {

class SourceAccountMismatch final : public engine::Rule {
 public:
  SourceAccountMismatch()
      : engine::Rule({.id = "RL407",
                      .name = "source-account-mismatch",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "The account in aws:SourceArn differs from aws:SourceAccount in the same statement, so the condition never matches."}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !trust::isAllow(s)) return;
    std::vector<std::string> accounts;
    for (const model::Condition* c : trust::conditionsOn(s, "aws:SourceAccount")) {
      if (!trust::isPositiveConcrete(*c)) continue;
      for (const json::Value* v : c->values) {
        if (!trust::isAccountId(v->text)) return;  // a pattern: cannot tell
        accounts.push_back(v->text);
      }
    }
    if (accounts.empty()) return;
    std::string list;
    for (const auto& a : accounts) list += (list.empty() ? "" : ", ") + a;
    for (const model::Condition* c : trust::conditionsOn(s, "aws:SourceArn")) {
      if (!trust::isPositiveConcrete(*c)) continue;
      for (const json::Value* v : c->values) {
        const auto acct = trust::arnAccount(v->text);
        if (!acct || !trust::isAccountId(*acct)) continue;
        if (std::find(accounts.begin(), accounts.end(), *acct) != accounts.end()) continue;
        r.report(p, *v,
                 "`aws:SourceArn` names account " + *acct + " but `aws:SourceAccount` requires " + list +
                     ": a request carries one source, so both conditions can never hold and the service cannot "
                     "assume the role",
                 "Use the same account ID in both");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL407() { return engine::makeRule<SourceAccountMismatch>(); }

}  // namespace rolelint::rules
