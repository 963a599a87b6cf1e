// RL203 action-pattern-matches-nothing: a wildcard action pattern matches no
// action of the IAM catalog. Source: IAM User Guide, "IAM JSON policy
// elements: Action" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html:
// `*` matches any run of characters, `?` one character, case-insensitively).
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/catalog_names.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class ActionPatternMatchesNothing final : public engine::Rule {
 public:
  ActionPatternMatchesNothing()
      : engine::Rule({.id = "RL203",
                      .name = "action-pattern-matches-nothing",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "A wildcard action pattern matches no action in the IAM catalog.",
                      .equivalents = {"parliament:UNKNOWN_ACTION", "cfn-lint:W3037"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::StringList* list : {&s.action, &s.notAction}) {
      for (const auto& item : list->items) {
        if (item.value == "*" || !hasWildcard(item.value) || hasVariable(item.value) || item.node == nullptr) continue;
        const SplitAction a = splitAction(item.value);
        if (!a.ok) continue;
        // An unknown literal prefix is RL201's finding.
        if (!hasWildcard(a.prefix) && c->findService(a.prefix) == nullptr) continue;
        // Actions AWS managed policies use that the catalog lacks.
        if (managedPolicyNames().matchesAction(item.value)) continue;
        if (!c->expandActionPattern(item.value).empty()) continue;
        r.report(p, *item.node,
                 "action pattern `" + item.value + "` matches no action " + dataNote(*c) +
                     ", so the statement has no effect on it",
                 "Check the spelling of the fixed part, or refresh the catalog (--catalog) if the actions are new");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL203() { return engine::makeRule<ActionPatternMatchesNothing>(); }

}  // namespace rolelint::rules
