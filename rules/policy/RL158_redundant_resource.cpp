// RL158 redundant-resource: a Resource/NotResource entry that another (wildcard)
// entry of the same list already matches adds nothing.
// Source: IAM User Guide, IAM JSON policy elements: Resource, wildcards
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html) and IAM Access
// Analyzer policy check reference, "Redundant resource"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxItems = 1000;

class RedundantResource final : public engine::Rule {
 public:
  RedundantResource()
      : engine::Rule({.id = "RL158",
                      .name = "redundant-resource",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A Resource entry is already covered by another entry of the same list.",
                      .equivalents = {"access-analyzer:REDUNDANT_RESOURCE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::StringList* l : {&s.resource, &s.notResource}) {
      const auto& items = l->items;
      if (items.size() > kMaxItems) continue;  // pairwise comparison; real policies are far smaller
      for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = 0; j < items.size(); ++j) {
          if (i == j || (policy::hasVariable(items[j].value) || core::hasUnknown(items[j].value))) continue;
          const bool same = items[i].value == items[j].value;
          if (same && j > i) continue;  // report the later duplicate only
          if (!same && !policy::wildcardMatch(items[j].value, items[i].value, false)) continue;
          r.report(p, *items[i].node,
                   same ? "\"" + items[i].value + "\" is listed twice"
                        : "\"" + items[i].value + "\" is already covered by \"" + items[j].value +
                              "\" in the same list, so it adds nothing",
                   same ? "Remove the duplicate"
                        : "Remove it, or narrow the wildcard entry if it is broader than intended");
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL158() { return engine::makeRule<RedundantResource>(); }

}  // namespace rolelint::rules
