// RL317 invalid-boundary-arn: a PermissionsBoundary that is not the ARN of a managed policy.
// Source: IAM User Guide, Permissions boundaries for IAM entities (a boundary is a managed policy)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), IAM API Reference, CreateRole,
// PermissionsBoundary (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and IAM identifiers
// (policy ARNs) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

const RE2& policyArn() {
  static const RE2 re(R"(arn:aws(-[a-z]+)*:iam::(\d{12}|aws):policy/([\x21-\x7E]+/)*[\w+=,.@-]+)");
  return re;
}

class InvalidBoundaryArn final : public engine::Rule {
 public:
  InvalidBoundaryArn()
      : engine::Rule({.id = "RL317",
                      .name = "invalid-boundary-arn",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "The permissions boundary is not the ARN of a managed policy.",
                      .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (!role.boundary || role.boundary->node == nullptr || role.boundary->definedInRun) return;
    const std::string& arn = role.boundary->arn;
    if (RE2::FullMatch(arn, policyArn())) return;
    // An unknown part (a parameter, ${AWS::AccountId}, {{resolve:…}}) may be any value: check the rest.
    if (core::hasUnknown(arn)) {
      if (core::isWhollyUnknown(arn) || RE2::FullMatch(core::replaceUnknown(arn, "111122223333"), policyArn()) ||
          RE2::FullMatch(core::replaceUnknown(arn, "x"), policyArn()))
        return;
    }
    std::string why;
    if (arn.find(":role/") != std::string::npos || arn.find(":user/") != std::string::npos ||
        arn.find(":group/") != std::string::npos)
      why = "it names an IAM identity, not a policy";
    else if (arn.rfind("arn:", 0) != 0)
      why = "it is not an ARN (a policy name alone is not accepted)";
    else if (arn.find(":iam:") == std::string::npos)
      why = "it is not an IAM ARN";
    else
      why =
          "it does not have the form arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME (ACCOUNT is 12 digits, or "
          "\"aws\" for AWS managed policies)";
    r.report(role, *role.boundary->node,
             "permissions boundary \"" + arn + "\" is not a managed policy ARN: " + why +
                 "; IAM accepts only an AWS or customer managed policy as a boundary, set by its ARN",
             "Write the ARN of a managed policy, e.g. arn:aws:iam::111122223333:policy/MediaServicesBoundary");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL317() { return engine::makeRule<InvalidBoundaryArn>(); }

}  // namespace rolelint::rules
