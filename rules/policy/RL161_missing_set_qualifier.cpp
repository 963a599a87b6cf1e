// RL161 missing-set-qualifier: multivalued global condition keys (aws:TagKeys,
// aws:CalledVia, aws:PrincipalOrgPaths, …) must be used with ForAllValues: or
// ForAnyValue:; a plain operator compares a set with single values.
// Source: IAM User Guide, Single-valued vs. multivalued context keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html);
// key types from the global condition keys list (iam-facts §2.7).
#include "rules/registry.h"
#include "rules/support/policy_util.h"

namespace rolelint::rules {
namespace {

class MissingSetQualifier final : public engine::Rule {
 public:
  MissingSetQualifier()
      : engine::Rule({.id = "RL161",
                      .name = "missing-set-qualifier",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A multivalued global condition key is used without ForAllValues: or ForAnyValue:.",
                      .equivalents = {"access-analyzer:MISSING_QUALIFIER"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::Condition& c : s.conditions) {
      const policy::Operator o = policy::parseOperator(c.op);
      if (!o.qualifier.empty() || o.base == "Null") continue;
      if (policy::familyOf(o.base) == policy::OperatorFamily::Unknown) continue;  // RL137
      if (policy::globalKeyType(c.key) != policy::KeyType::ArrayOfString) continue;
      r.reportKey(p, c.keyMember->value,
                  "\"" + c.key + "\" is a multivalued key (a request can carry several values), but \"" + c.op +
                      "\" has no set qualifier, so the comparison is not defined as intended. Write \"ForAnyValue:" +
                      c.op + "\" (at least one value matches) or \"ForAllValues:" + c.op +
                      "\" (every value matches; also true when the key is absent)");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL161() { return std::make_unique<MissingSetQualifier>(); }

}  // namespace rolelint::rules
