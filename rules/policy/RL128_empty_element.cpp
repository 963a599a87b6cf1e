// RL128 empty-element: an empty Action or Resource array, or an empty Principal
// object or principal array, matches nothing, so the statement has no effect.
// Source: IAM Access Analyzer policy check reference, "Empty array action", "Empty array resource",
// "Empty array principal", "Empty object principal"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class EmptyElement final : public engine::Rule {
 public:
  EmptyElement()
      : engine::Rule({.id = "RL128",
                      .name = "empty-element",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "Action, Resource or a trust policy Principal is empty, so the statement matches nothing.",
                      .equivalents = {"access-analyzer:EMPTY_ARRAY_ACTION", "access-analyzer:EMPTY_ARRAY_RESOURCE",
                                      "access-analyzer:EMPTY_ARRAY_PRINCIPAL",
                                      "access-analyzer:EMPTY_OBJECT_PRINCIPAL"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    auto emptyArray = [](const model::StringList& l) { return l.present() && l.node->isArray() && l.node->elements.empty(); };
    if (emptyArray(s.action)) {
      r.report(p, *s.action.node,
               "\"Action\" is an empty array, so " + policy::label(s) +
                   " applies to no action and has no effect",
               "List the actions or remove the statement");
    }
    if (emptyArray(s.resource)) {
      r.report(p, *s.resource.node,
               "\"Resource\" is an empty array, so " + policy::label(s) +
                   " applies to no resource and has no effect",
               "List the resource ARNs or remove the statement");
    }
    if (!policy::isTrust(p) || !s.principal) return;  // identity policies: Principal itself is RL114's finding
    const json::Value& pv = *s.principal->node;
    if (pv.isObject() && pv.members.empty()) {
      r.report(p, pv,
               "\"Principal\" is an empty object, so " + policy::label(s) +
                   " applies to no one",
               "Name who may assume the role, e.g. {\"Service\": \"mediaconvert.amazonaws.com\"}");
    }
    for (const model::Principal::Entry& e : s.principal->entries) {
      if (e.member->value.isArray() && e.member->value.elements.empty()) {
        r.report(p, e.member->value,
                 "the \"" + e.type + "\" principal is an empty array and names no one",
                 "List the principals or remove the key");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL128() { return engine::makeRule<EmptyElement>(); }

}  // namespace rolelint::rules
