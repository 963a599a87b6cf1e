// RL215 non-canonical-action-case: an action written in another case than the
// Service Authorization Reference spells it. Not an error: IAM matches action
// names case-insensitively (IAM User Guide, "IAM JSON policy elements: Action",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class NonCanonicalActionCase final : public engine::Rule {
 public:
  NonCanonicalActionCase()
      : engine::Rule({.id = "RL215",
                      .name = "non-canonical-action-case",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Note,
                      .summary = "An action is spelled in another case than its canonical name.",
                      .equivalents = {}}) {}

  void checkAction(const model::StringItem& item, bool /*negated*/, const model::Statement& /*s*/,
                   const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    if (item.node == nullptr || hasWildcard(item.value) || hasVariable(item.value)) return;
    const catalog::Action* a = c->findAction(item.value);
    if (a == nullptr) return;
    const std::string canonical = std::string(a->service->prefix()) + ":" + std::string(a->name);
    if (canonical == item.value) return;
    r.report(p, *item.node,
             "`" + item.value + "` is `" + canonical +
                 "`: IAM matches action names case-insensitively, so this works, but the canonical spelling "
                 "is easier to read, search and compare",
             "Write `" + canonical + "`");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL215() { return engine::makeRule<NonCanonicalActionCase>(); }

}  // namespace rolelint::rules
