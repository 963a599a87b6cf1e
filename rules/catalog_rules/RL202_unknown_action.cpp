// RL202 unknown-action: an action name that the catalog does not list for a
// known service. Sources: IAM User Guide, "IAM JSON policy elements: Action"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html:
// names are case-insensitive) and the Service Authorization Reference;
// Access Analyzer check INVALID_ACTION.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/catalog_names.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class UnknownAction final : public engine::Rule {
 public:
  UnknownAction()
      : engine::Rule({.id = "RL202",
                      .name = "unknown-action",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "An action is not an action of its service in the IAM catalog.",
                      .equivalents = {"access-analyzer:INVALID_ACTION", "parliament:UNKNOWN_ACTION",
                                      "cfn-lint:W3037"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::StringList* list : {&s.action, &s.notAction}) {
      for (const auto& item : list->items) {
        const SplitAction a = splitAction(item.value);
        if (!a.ok || hasWildcard(item.value) || hasVariable(item.value) || item.node == nullptr) continue;
        if (c->findAction(item.value) != nullptr) continue;  // (memoised per thread: audits repeat names)
        const catalog::Service* svc = c->findService(a.prefix);
        if (svc == nullptr) continue;
        // An action an AWS managed policy uses exists, though the catalog lags behind AWS.
        if (managedPolicyNames().hasAction(item.value)) continue;
        std::string msg = "`" + item.value + "` is not an action of " + std::string(svc->name()) + " " +
                          datedNote(*c) + ": IAM matches nothing for it, so the statement has no effect on it";
        const std::vector<std::string> hint = c->suggestActions(item.value, 3);
        std::string help;
        if (!hint.empty()) {
          help = "Did you mean " + quoteList(hint) + "?";
        } else {
          help = "If the action is new, refresh the catalog (--catalog), else check its name in the Service "
                 "Authorization Reference";
        }
        r.report(p, *item.node, std::move(msg), std::move(help));
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL202() { return engine::makeRule<UnknownAction>(); }

}  // namespace rolelint::rules
