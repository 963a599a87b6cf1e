// RL314 inline-policies-too-large: the inline policies of a role together over 10240 characters,
// or one standalone identity policy over it (issue 17, item 7).
// Source: IAM and AWS STS quotas ("Role policy size cannot exceed 10,240 characters" for all inline policies of a
// role together, whitespace not counted) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)
// and IAM Access Analyzer policy check reference, "Policy size exceeds identity policy quota"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr const char* kStandaloneOption = "standaloneAsInline";

class InlinePoliciesTooLarge final : public engine::Rule {
 public:
  InlinePoliciesTooLarge()
      : engine::Rule({.id = "RL314",
                      .name = "inline-policies-too-large",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "The role's inline policies together, or a standalone identity policy, exceed 10240 characters "
                                 "without whitespace.",
                      .options = {role::countWhitespaceOption(), role::quotaOption("inlinePoliciesSize", 10240),
                                  {kStandaloneOption, "boolean", false,
                                   "measure a policy file checked on its own (not part of a role) against the "
                                   "inline quota, as one of a role's inline policies"}},
                      .equivalents = {"access-analyzer:POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override {
    limit_ = o.integer(role::kLimitOption, 10240);
    countWhitespace_ = o.boolean(role::kCountWhitespaceOption);
    standalone_ = o.boolean(kStandaloneOption);
  }

  // A standalone inline policy (a template's AWS::IAM::Policy no role of it uses, get-role-policy
  // output) may not exceed the quota on its own (issue 17, item 7). A policy file checked on its
  // own is measured so only with the standaloneAsInline option: it may as well become a managed
  // policy (--kind managed: RL315), and AWS managed policies (ReadOnlyAccess) exceed it by design.
  void checkUnit(const model::Unit& unit, engine::Reporter& r) const override {
    const int64_t limit = limit_;
    const bool files = standalone_;
    for (const model::PolicyDocument& p : unit.policies) {
      if (p.root == nullptr || p.awsManaged || p.kind != model::PolicyKind::Identity) continue;
      if (p.label.rfind("inline:", 0) != 0 && !files) continue;
      const auto size = static_cast<int64_t>(role::policySize(p, countWhitespace_));
      if (size <= limit) continue;
      r.report(role::firstCharacter(p.locate(*p.root)),
               "the policy is " + std::to_string(size) + " " + role::sizeUnit(countWhitespace_) + "; inline policies of a role may "
                   "total at most " + std::to_string(limit) + ", so PutRolePolicy fails",
               p.roleName, p.label, {}, "Split it into managed policies");
    }
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
                 " for all inline policies of a role together, so the last PutRolePolicy fails",
             role.displayName, {}, {},
             "Move statements to a customer managed policy (up to 6144 characters each)");
  }

 private:
  int64_t limit_ = 10240;
  bool countWhitespace_ = false;
  bool standalone_ = false;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL314() { return engine::makeRule<InlinePoliciesTooLarge>(); }

}  // namespace rolelint::rules
