// RL313 trust-policy-too-large: a role trust policy over the trust-policy length quota (2048 by default).
// Source: IAM and AWS STS quotas ("Role trust policy length", default 2048 characters, whitespace not counted)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html) and IAM Access Analyzer policy check
// reference, "Policy size exceeds role trust policy quota"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class TrustPolicyTooLarge final : public engine::Rule {
 public:
  TrustPolicyTooLarge()
      : engine::Rule({.id = "RL313",
                      .name = "trust-policy-too-large",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "The trust policy is longer than the role trust policy quota (2048 characters without "
                                 "whitespace by default).",
                      .options = {role::countWhitespaceOption(), role::quotaOption("trustPolicySize", 2048)},
                      .equivalents = {"access-analyzer:POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override {
    limit_ = o.integer(role::kLimitOption, 2048);
    countWhitespace_ = o.boolean(role::kCountWhitespaceOption);
  }

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.kind != model::PolicyKind::Trust || p.root == nullptr) return;
    const int64_t limit = limit_;
    const auto size = static_cast<int64_t>(role::policySize(p, countWhitespace_));
    if (size <= limit) return;
    r.report(role::firstCharacter(p.locate(*p.root)),
             "the trust policy is " + std::to_string(size) + " " + role::sizeUnit(countWhitespace_) +
                 "; the role trust policy quota is " + std::to_string(limit) +
                 ", so IAM rejects it",
             p.roleName, p.label, {},
             "Merge statements that differ only in Principal, or request a quota increase and set "
             "quotas.trustPolicySize in .rolelint.json");
  }

 private:
  int64_t limit_ = 2048;
  bool countWhitespace_ = false;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL313() { return engine::makeRule<TrustPolicyTooLarge>(); }

}  // namespace rolelint::rules
