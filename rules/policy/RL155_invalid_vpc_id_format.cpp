// RL155 invalid-vpc-id-format: VPC IDs are "vpc-" and VPC endpoint IDs "vpce-"
// followed by 8 or 17 alphanumeric characters.
// Source: Amazon VPC User Guide and EC2 resource IDs
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html); IAM Access Analyzer policy check
// reference, "Invalid vpc format" / "Invalid vpce format"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "core/unknown.h"
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

bool validId(std::string_view v, std::string_view prefix) {
  if (v.substr(0, prefix.size()) != prefix) return false;
  const std::string_view rest = v.substr(prefix.size());
  if (rest.size() != 8 && rest.size() != 17) return false;
  for (char c : rest) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

class InvalidVpcIdFormat final : public engine::Rule {
 public:
  InvalidVpcIdFormat()
      : engine::Rule({.id = "RL155",
                      .name = "invalid-vpc-id-format",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A VPC or VPC endpoint condition value is not \"vpc-\"/\"vpce-\" followed by 8 or 17 "
                                 "alphanumerics.",
                      .equivalents = {"access-analyzer:INVALID_VPC_FORMAT", "access-analyzer:INVALID_VPCE_FORMAT"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::Condition& c : s.conditions) {
      std::string_view prefix;
      if (policy::iequals(c.key, "aws:SourceVpc") || policy::iequals(c.key, "aws:Ec2InstanceSourceVpc")) {
        prefix = "vpc-";
      } else if (policy::iequals(c.key, "aws:SourceVpce")) {
        prefix = "vpce-";
      } else {
        continue;
      }
      // Only String operators compare the value with an ID: a `Null` value is "true" or "false"
      // (key absent or present), and other families are RL207's type mismatch.
      if (policy::familyOf(policy::parseOperator(c.op).base) != policy::OperatorFamily::String) continue;
      for (const json::Value* v : c.values) {
        if (!v->isString() || core::findWildcard(v->text) != std::string::npos || (policy::hasVariable(v->text) || core::hasUnknown(v->text))) {
          continue;
        }
        if (validId(v->text, prefix)) continue;
        const std::string what = prefix == "vpc-" ? "VPC ID" : "VPC endpoint ID";
        std::string hint;
        if (prefix == "vpc-" && v->text.rfind("vpce-", 0) == 0) {
          hint = "; this is a VPC endpoint ID, which aws:SourceVpce tests";
        } else if (prefix == "vpce-" && v->text.rfind("vpc-", 0) == 0) {
          hint = "; this is a VPC ID, which aws:SourceVpc tests";
        } else if (v->text.rfind("arn:", 0) == 0) {
          hint = "; this is an ARN (aws:SourceVpcArn takes VPC ARNs)";
        }
        r.report(p, *v,
                 "\"" + v->text + "\" is not a " + what + " (\"" + std::string(prefix) +
                     "\" followed by 8 or 17 letters and digits), so \"" + c.key + "\" never matches it" + hint,
                 "Write a " + what + " such as \"" + std::string(prefix) + "1a2b3c4d\"");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL155() { return engine::makeRule<InvalidVpcIdFormat>(); }

}  // namespace rolelint::rules
