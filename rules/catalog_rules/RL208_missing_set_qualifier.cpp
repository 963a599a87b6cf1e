// RL208 missing-set-qualifier: a multivalued condition key used without
// ForAnyValue:/ForAllValues:. Sources: IAM User Guide, "Single-valued vs.
// multivalued context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html)
// and the key types (ArrayOf…) of the global keys page and the Service
// Authorization Reference; Access Analyzer check MISSING_QUALIFIER.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class MissingSetQualifier final : public engine::Rule {
 public:
  MissingSetQualifier()
      : engine::Rule({.id = "RL208",
                      .name = "missing-set-qualifier",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "A multivalued condition key is used without ForAnyValue or ForAllValues.",
                      .equivalents = {"access-analyzer:MISSING_QUALIFIER"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.opMember == nullptr) continue;
      const Operator op = cond.parsedOp;
      if (op.family == OpFamily::Unknown || op.family == OpFamily::Null || op.forAll || op.forAny) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      if (info.key == nullptr || !info.key->isArray) continue;
      // At the key: each multivalued key under the operator is a finding of its own (the
      // fix, a qualifier on the operator, is in the help).
      r.reportKey(p, cond.keyMember != nullptr ? cond.keyMember->value : cond.opMember->value,
                  "`" + cond.key + "` is multivalued (" + std::string(info.key->typeName) + ") but `" + cond.op +
                      "` has no set qualifier: a single-valued operator on a set of values does not compare what "
                      "it seems to",
                  "Write `ForAnyValue:" + cond.op + "` (at least one value matches) or `ForAllValues:" + cond.op +
                      "` (every value matches; also true when the key is absent)");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL208() { return engine::makeRule<MissingSetQualifier>(); }

}  // namespace rolelint::rules
