// RL315 managed-policy-too-large: a managed policy (or the boundary) over 6144 characters, attached
// to a role or on its own (--kind managed or boundary; a dump's or template's unused policy).
// Source: IAM and AWS STS quotas ("Managed policy size cannot exceed 6,144 characters", whitespace not counted)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html) and IAM Access Analyzer policy check
// reference, "Policy size exceeds identity policy quota"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class ManagedPolicyTooLarge final : public engine::Rule {
 public:
  ManagedPolicyTooLarge()
      : engine::Rule(
            {.id = "RL315",
             .name = "managed-policy-too-large",
             .category = engine::Category::Role,
             .severity = core::Severity::Error,
             .summary =
                 "A managed policy (attached, standalone or a boundary) exceeds 6144 characters without whitespace.",
             .options = {role::countWhitespaceOption(), role::quotaOption("managedPolicySize", 6144)},
             .equivalents = {"access-analyzer:POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override {
    limit_ = o.integer(role::kLimitOption, 6144);
    countWhitespace_ = o.boolean(role::kCountWhitespaceOption);
  }

  // A standalone managed policy or boundary (--kind managed / --kind boundary, or one of a
  // dump, template or plan that no role of it uses): the quota applies to each on its own
  // (issue 17, item 7). Policies of roles are checked with their role (checkRole).
  void checkUnit(const model::Unit& unit, engine::Reporter& r) const override {
    const int64_t limit = limit_;
    for (const model::PolicyDocument& p : unit.policies) {
      if (p.root == nullptr || p.awsManaged) continue;
      if (p.kind != model::PolicyKind::Managed && p.kind != model::PolicyKind::Boundary) continue;
      const auto size = static_cast<int64_t>(role::policySize(p, countWhitespace_));
      if (size <= limit) continue;
      r.report(role::firstCharacter(p.locate(*p.root)),
               "the managed policy is " + std::to_string(size) + " " + role::sizeUnit(countWhitespace_) + "; IAM allows at most " +
                   std::to_string(limit) + " per managed policy, so CreatePolicy fails",
               p.roleName, p.label, {}, "Split it into several policies");
    }
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const int64_t limit = limit_;
    for (const model::PolicyRef& ref : role.managed) check(role, ref, "managed policy", limit, r);
    if (role.boundary) check(role, *role.boundary, "permissions boundary policy", limit, r);
  }

 private:
  int64_t limit_ = 6144;
  bool countWhitespace_ = false;
  void check(const model::Role& role, const model::PolicyRef& ref, const std::string& what, int64_t limit,
                    engine::Reporter& r) const {
    if (!ref.document || ref.node == nullptr) return;
    // The quota limits the policies an account creates; AWS managed policies (ReadOnlyAccess is
    // over 90,000 characters) are AWS's and attach regardless of their size.
    if (ref.document->awsManaged) return;
    const auto size = static_cast<int64_t>(role::policySize(*ref.document, countWhitespace_));
    if (size <= limit) return;
    r.report(role.locate(*ref.node),
             "the " + what + " \"" + ref.arn + "\" is " + std::to_string(size) + " " + role::sizeUnit(countWhitespace_) +
                 "; IAM allows at most " + std::to_string(limit) +
                 " per managed policy, so CreatePolicy / CreatePolicyVersion fails",
             role.displayName, ref.document->label, {}, "Split it into several policies");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL315() { return engine::makeRule<ManagedPolicyTooLarge>(); }

}  // namespace rolelint::rules
