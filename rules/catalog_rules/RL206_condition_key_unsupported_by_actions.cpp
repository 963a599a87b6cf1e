// RL206 condition-key-unsupported-by-actions: a service condition key that
// none of the statement's actions supports. Sources: the Service Authorization
// Reference (per-action "Condition keys" column,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
// and IAM User Guide, "IAM JSON policy elements: Condition operators" (a key
// absent from the request context makes positive operators false and negated
// ones true). Access Analyzer: MISSING_ACTION_FOR_CONDITION_KEY ("The
// {{actionName}} action must be in the action block to allow setting values
// for the condition key {{keyName}}. Add {{actionName}} to the action block.",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// Its sibling UNSUPPORTED_ACTION_FOR_CONDITION_KEY ("move these actions to a
// different statement") is the case where some actions support the key: RL218.
#include <algorithm>

#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class ConditionKeyUnsupportedByActions final : public engine::Rule {
 public:
  ConditionKeyUnsupportedByActions()
      : engine::Rule({.id = "RL206",
                      .name = "condition-key-unsupported-by-actions",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "A service condition key applies to none of the statement's actions.",
                      .equivalents = {"access-analyzer:MISSING_ACTION_FOR_CONDITION_KEY",
                                      "parliament:UNKNOWN_CONDITION_FOR_ACTION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p) || s.conditions.empty() || !s.action.present() || s.action.items.empty()) {
      return;
    }
    // Only statements whose every action entry is a known action or a pattern
    // with a literal service prefix: otherwise the action list is open-ended.
    for (const auto& item : s.action.items) {
      const SplitAction a = splitAction(item.value);
      if (!a.ok || hasWildcard(a.prefix) || hasVariable(item.value)) return;
      if (!hasWildcard(a.name) && c->findAction(item.value) == nullptr) return;
    }
    const std::vector<const catalog::Action*> actions = statementActions(*c, s);
    if (actions.empty()) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      // `...IfExists` and `Null` are written for requests without the key
      // (AWS's own DynamoDB examples use StringEqualsIfExists so).
      const AbsentKey absent = whenKeyAbsent(cond.parsedOp);
      if (absent == AbsentKey::Skip) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      // Service keys only (global keys are in every request context they apply to).
      if (!isOwnServiceKey(info) || anySupportsKey(actions, cond.key)) continue;
      // sts:TagSession & co. in a trust policy carry the assume request's keys.
      if (p.kind == model::PolicyKind::Trust &&
          std::any_of(actions.begin(), actions.end(),
                      [&](const catalog::Action* a) { return sessionCompanionSupportsKey(*c, *a, cond.key); })) {
        continue;
      }
      // A key that no action of its service lists has no known scope in the
      // data (a service-wide key, or a gap): do not guess.
      std::vector<std::string> supporting;
      std::size_t supportCount = 0;
      for (const catalog::Action& a : info.service->actions()) {
        if (!actionSupportsKey(a, cond.key)) continue;
        if (++supportCount <= 3) supporting.push_back(std::string(info.service->prefix()) + ":" + std::string(a.name));
      }
      if (supporting.empty()) continue;
      const std::string setFor =
          supportCount <= 3 ? quoteList(supporting, "and")
                            : std::to_string(supportCount) + " actions, such as " + quoteList(supporting, "and");
      std::vector<std::string> names;
      for (const auto& item : s.action.items) names.push_back(item.value);
      const std::size_t count = names.size();
      const std::string named = quoteSome(names);
      const std::string them = count == 1 ? "it" : "them";
      r.reportKey(p, cond.keyMember->value,
                  "`" + cond.key + "` applies to none of this statement's actions, " + named + " " + dataNote(*c) +
                      ": the key is absent from the request context of " +
                      (count == 1 ? "that action" : "these actions") + ", so " +
                      absentKeyOutcome(absent, cond.op, s.effect, them) + "; the key is set only for " + setFor,
                  "Add the action the condition is meant for to this statement, or use a key listed for these "
                  "actions in the Service Authorization Reference");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL206() {
  return engine::makeRule<ConditionKeyUnsupportedByActions>();
}

}  // namespace rolelint::rules
