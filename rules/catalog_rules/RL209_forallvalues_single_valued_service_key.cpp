// RL209 forallvalues-single-valued-service-key: ForAllValues: on a
// single-valued service condition key. Sources: IAM User Guide, "Single-valued
// vs. multivalued context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
// ForAllValues is true when the key is absent or empty, and set operators are
// meant for multivalued keys) and the Service Authorization Reference (key
// types); Access Analyzer check FORALLVALUES_WITH_SINGLE_VALUED_KEY. Global
// (aws:) keys are another rule's.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class ForAllValuesSingleValuedServiceKey final : public engine::Rule {
 public:
  ForAllValuesSingleValuedServiceKey()
      : engine::Rule({.id = "RL209",
                      .name = "forallvalues-single-valued-service-key",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "ForAllValues is used with a single-valued service condition key.",
                      .equivalents = {"access-analyzer:FORALLVALUES_WITH_SINGLE_VALUED_KEY"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.opMember == nullptr) continue;
      const Operator op = cond.parsedOp;
      if (!op.forAll || op.family == OpFamily::Unknown) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      // Service keys proper: identity-provider keys (cognito-identity.amazonaws.com:amr)
      // are typed loosely in the data, and their claims may be lists.
      if (info.kind != KeyKind::Service || info.key == nullptr || info.key->isArray || info.service == nullptr ||
          !iequals(info.prefix, info.service->prefix()) ||
          info.key->type == catalog::ConditionType::Unknown) {
        continue;
      }
      const std::string plain(cond.op.substr(std::string_view("ForAllValues:").size()));
      r.reportKey(p, cond.opMember->value,
                  "`" + cond.key + "` is single-valued (" + std::string(info.key->typeName) + ") but `" + cond.op +
                      "` treats it as a set: ForAllValues is also true when the key is absent from the request, so "
                      "the condition lets through requests that carry no value at all",
                  "Use `" + plain + "`");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL209() { return engine::makeRule<ForAllValuesSingleValuedServiceKey>(); }

}  // namespace rolelint::rules
