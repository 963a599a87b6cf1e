// RL160 redundant-action: an Action/NotAction entry that another (wildcard)
// entry of the same list already matches adds nothing (action names are case-insensitive).
// Source: IAM User Guide, IAM JSON policy elements: Action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html) and IAM Access
// Analyzer policy check reference, "Redundant action"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "rules/support/policy_util.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxItems = 1000;

class RedundantAction final : public engine::Rule {
 public:
  RedundantAction()
      : engine::Rule({.id = "RL160",
                      .name = "redundant-action",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "An action is already covered by another action or wildcard of the same list.",
                      .equivalents = {"access-analyzer:REDUNDANT_ACTION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::StringList* l : {&s.action, &s.notAction}) {
      const auto& items = l->items;
      if (items.size() > kMaxItems) continue;  // pairwise comparison; real policies are far smaller
      for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = 0; j < items.size(); ++j) {
          if (i == j) continue;
          const bool same = policy::iequals(items[i].value, items[j].value);
          if (same && j > i) continue;  // report the later duplicate only
          if (!same && !policy::wildcardMatch(items[j].value, items[i].value, true)) continue;
          r.report(p, *items[i].node,
                   same ? "\"" + items[i].value + "\" repeats \"" + items[j].value +
                              "\" (action names are case-insensitive); remove the duplicate"
                        : "\"" + items[i].value + "\" is already covered by \"" + items[j].value +
                              "\" in the same list, so it adds nothing; remove it, or narrow the wildcard if it "
                              "grants more than intended");
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL160() { return std::make_unique<RedundantAction>(); }

}  // namespace rolelint::rules
