// RL218 condition-key-unsupported-by-some-actions: a service condition key
// that some of the statement's actions support and others do not. Sources:
// the Service Authorization Reference (per-action "Condition keys" column,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
// IAM User Guide, "IAM JSON policy elements: Condition operators" (a key absent
// from the request context makes positive operators false and negated ones
// true; `...IfExists` is true when the key is absent,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
// and Access Analyzer's UNSUPPORTED_ACTION_FOR_CONDITION_KEY ("The following
// actions: {{actions}} are not supported by the condition key {{key}}. The
// condition will not be evaluated for these actions. We recommend that you
// move these actions to a different statement without this condition key.",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// When no action supports the key, RL206 reports it instead. In a trust policy,
// sts:TagSession, sts:SetSourceIdentity and sts:SetContext count as supporting the
// keys of the AssumeRole* request they are authorized in (sessionCompanionSupportsKey).
#include <algorithm>

#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class ConditionKeyUnsupportedBySomeActions final : public engine::Rule {
 public:
  ConditionKeyUnsupportedBySomeActions()
      : engine::Rule({.id = "RL218",
                      .name = "condition-key-unsupported-by-some-actions",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "A service condition key applies to some of the statement's actions but not to "
                                 "others.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
                                      "parliament:UNKNOWN_CONDITION_FOR_ACTION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p) || s.conditions.empty() || !s.action.present() || s.action.items.empty()) {
      return;
    }
    // The statement's literal known actions, in the order written. Patterns
    // (`s3:Get*`) only count as support: listing every action a wildcard
    // spans that lacks the key would flag nearly every wildcard statement.
    struct Literal {
      const catalog::Action* action;
      std::string name;
    };
    std::vector<Literal> literals;
    for (const auto& item : s.action.items) {
      const SplitAction a = splitAction(item.value);
      if (!a.ok || hasWildcard(item.value) || hasVariable(item.value)) continue;
      if (const catalog::Action* act = c->findAction(item.value)) literals.push_back({act, c->actionName(act->ref)});
    }
    if (literals.empty()) return;
    const std::vector<const catalog::Action*> all = statementActions(*c, s);
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      // `...IfExists` and `Null` are written for requests without the key.
      const AbsentKey absent = whenKeyAbsent(cond.parsedOp);
      if (absent == AbsentKey::Skip) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      if (!isOwnServiceKey(info) || !anySupportsKey(all, cond.key)) continue;  // none: RL206
      std::vector<std::string> unsupported;
      for (const Literal& l : literals) {
        if (actionSupportsKey(*l.action, cond.key)) continue;
        // sts:TagSession & co. in a trust policy carry the assume request's keys.
        if (p.kind == model::PolicyKind::Trust && sessionCompanionSupportsKey(*c, *l.action, cond.key)) continue;
        if (std::find(unsupported.begin(), unsupported.end(), l.name) == unsupported.end()) {
          unsupported.push_back(l.name);
        }
      }
      if (unsupported.empty()) continue;
      const std::size_t count = unsupported.size();
      const std::string named = quoteSome(unsupported);
      const std::string them = count == 1 ? "it" : "them";
      const bool cannotRestrict = absent == AbsentKey::True && s.effect == model::Effect::Allow;
      const std::string advice = cannotRestrict
                                     ? "Grant " + them + " in a statement of " + (count == 1 ? "its" : "their") +
                                           " own, restricted by a key that applies to " + them
                                     : "Move " + them + " to a statement without this condition";
      r.reportKey(p, cond.keyMember->value,
                  "`" + cond.key + "` does not apply to " + named + " " + dataNote(*c) +
                      ", though other actions of this statement support it: the key is absent from the request "
                      "context of " +
                      (count == 1 ? "that action" : "these actions") + ", so " +
                      absentKeyOutcome(absent, cond.op, s.effect, them) +
                      (cannotRestrict ? "; this key cannot restrict " + them : std::string()),
                  advice);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL218() {
  return engine::makeRule<ConditionKeyUnsupportedBySomeActions>();
}

}  // namespace rolelint::rules
