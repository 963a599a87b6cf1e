// RL139 null-with-qualifier: ForAllValues:/ForAnyValue: make no sense with
// Null, which tests whether the key is present at all.
// Source: IAM User Guide, Single-valued vs. multivalued context keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
// and IAM Access Analyzer policy check reference, "Null with qualifier"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class NullWithQualifier final : public engine::Rule {
 public:
  NullWithQualifier()
      : engine::Rule({.id = "RL139",
                      .name = "null-with-qualifier",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "The Null condition operator is used with ForAllValues: or ForAnyValue:.",
                      .equivalents = {"access-analyzer:NULL_WITH_QUALIFIER"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.condition == nullptr || !s.condition->isObject()) return;
    for (const json::Member& m : s.condition->members) {
      const policy::Operator o = policy::parseOperator(m.key);
      if (o.base != "Null" || o.qualifier.empty()) continue;
      r.reportKey(p, m.value,
                  "\"" + m.key + "\": a set qualifier does not apply to Null, which only tests whether the key is "
                      "present, so the condition does not mean what it says (" +
                      (o.qualifier == "ForAllValues" ? std::string("ForAllValues: is true whenever the key is absent")
                                                     : std::string("ForAnyValue: is false whenever the key is absent")) +
                      ")",
                  "Write \"Null\"");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL139() { return engine::makeRule<NullWithQualifier>(); }

}  // namespace rolelint::rules
