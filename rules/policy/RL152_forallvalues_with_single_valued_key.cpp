// RL152 forallvalues-with-single-valued-key: ForAllValues: is for multivalued
// keys; on a single-valued key it is also true when the key is absent, which
// makes an Allow broader than it reads.
// Source: IAM User Guide, Single-valued vs. multivalued context keys
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html);
// key types from the global condition keys list (iam-facts §2.7).
// A condition that is true for every request because of a "*" value
// (ForAllValues:StringLike {key: "*"}) is left to RL164: its fix is to remove
// the key or list values, while "Write StringLike" would silently turn it into
// a presence test (RL163). RL164 then also says the key is single-valued.
#include "rules/registry.h"
#include "analysis/policy_star_condition.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class ForAllValuesWithSingleValuedKey final : public engine::Rule {
 public:
  ForAllValuesWithSingleValuedKey()
      : engine::Rule({.id = "RL152",
                      .name = "forallvalues-with-single-valued-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "ForAllValues: is used with a single-valued global condition key.",
                      .equivalents = {"access-analyzer:FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                                      "parliament:SINGLE_VALUE_CONDITION_TOO_PERMISSIVE"},
                      .securitySeverity = 5.0}) {}

  void checkCondition(const model::Condition& c, const model::Statement& s, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::Operator o = c.parsedOp;
    if (o.qualifier != "ForAllValues") return;
    if (!policy::isSingleValuedGlobalKey(r.catalog(), c.key)) return;
    // Always true because of "*": RL164 reports it with advice that keeps the meaning.
    if (policy::classifyStarCondition(c).outcome == policy::StarOutcome::AlwaysTrue) return;
    const std::string plain = o.base + (o.ifExists ? "IfExists" : "");
    r.reportKey(p, c.opMember->value,
                "\"" + c.op + "\" is used with \"" + c.key + "\", a single-valued key: ForAllValues is also true "
                    "when the key is absent from the request, so the " +
                    (s.effect == model::Effect::Deny ? std::string("condition does not mean what it says")
                                                     : std::string("statement can apply without the check")),
                "Write \"" + plain + "\"");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL152() { return engine::makeRule<ForAllValuesWithSingleValuedKey>(); }

}  // namespace rolelint::rules
