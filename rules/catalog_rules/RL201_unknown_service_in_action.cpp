// RL201 unknown-service-in-action: the service prefix of an action is not a
// service of the IAM catalog. Sources: IAM User Guide, "IAM JSON policy
// elements: Action" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
// and the Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
// Access Analyzer check INVALID_SERVICE_IN_ACTION.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/catalog_names.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class UnknownServiceInAction final : public engine::Rule {
 public:
  UnknownServiceInAction()
      : engine::Rule({.id = "RL201",
                      .name = "unknown-service-in-action",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "An action names a service prefix that the IAM catalog does not know.",
                      .equivalents = {"access-analyzer:INVALID_SERVICE_IN_ACTION", "parliament:UNKNOWN_PREFIX",
                                      "cfn-lint:W3037"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::StringList* list : {&s.action, &s.notAction}) {
      for (const auto& item : list->items) {
        const SplitAction a = splitAction(item.value);
        if (!a.ok || hasWildcard(a.prefix) || hasVariable(item.value) || item.node == nullptr) continue;
        if (c->findService(a.prefix) != nullptr) continue;
        // A service an AWS managed policy uses exists (retired or newer than the catalog).
        if (managedPolicyNames().hasService(a.prefix)) continue;
        std::string msg = "unknown service prefix `" + std::string(a.prefix) + "` in action `" + item.value + "` " +
                          dataNote(*c) + ": IAM matches no action for it, so the statement has no effect on it";
        std::vector<std::string> hint = c->suggestActions(item.value, 3);
        if (hint.empty()) {
          for (std::string& svc : c->suggestServices(a.prefix, 3)) hint.push_back(svc + ":" + std::string(a.name));
        }
        std::string help = hint.empty() ? std::string("Check the prefix in the Service Authorization Reference")
                                        : "Did you mean " + quoteList(hint) + "?";
        r.report(p, *item.node, std::move(msg), std::move(help));
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL201() { return engine::makeRule<UnknownServiceInAction>(); }

}  // namespace rolelint::rules
