// RL314 inline-policies-too-large: the inline policies of a role together over 10240 characters.
// Source: IAM and AWS STS quotas ("Role policy size cannot exceed 10,240 characters" for all inline policies of a
// role together, whitespace not counted) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)
// and IAM Access Analyzer policy check reference, "Policy size exceeds identity policy quota"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class InlinePoliciesTooLarge final : public engine::Rule {
 public:
  InlinePoliciesTooLarge()
      : engine::Rule({.id = "RL314",
                      .name = "inline-policies-too-large",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "The role's inline policies together exceed 10240 characters without whitespace.",
                      .options = {role::countWhitespaceOption(), role::quotaOption("inlinePoliciesSize", 10240)},
                      .equivalents = {"access-analyzer:POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override {
    limit_ = o.integer(role::kLimitOption, 10240);
    countWhitespace_ = o.boolean(role::kCountWhitespaceOption);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.inlinePolicies.empty()) return;
    const int64_t limit = limit_;
    int64_t total = 0;
    std::string parts;
    for (const model::PolicyDocument& p : role.inlinePolicies) {
      const auto n = static_cast<int64_t>(role::policySize(p, countWhitespace_));
      total += n;
      parts += (parts.empty() ? "" : ", ") + p.label.substr(p.label.rfind("inline:", 0) == 0 ? 7 : 0) + " " +
               std::to_string(n);
    }
    if (total <= limit) return;
    const json::Value* policies = role.root->find("Policies");
    if (policies == nullptr) return;
    r.report(role.locateKey(*policies),
             "the role's " + std::to_string(role.inlinePolicies.size()) + " inline policies total " +
                 std::to_string(total) + " " + role::sizeUnit(countWhitespace_) + " (" + parts + "); IAM allows at most " +
                 std::to_string(limit) +
                 " for all inline policies of a role together, so the last PutRolePolicy fails. Move statements to a "
                 "customer managed policy (up to 6144 characters each)",
             role.displayName);
  }

 private:
  int64_t limit_ = 10240;
  bool countWhitespace_ = false;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL314() { return engine::makeRule<InlinePoliciesTooLarge>(); }

}  // namespace rolelint::rules
