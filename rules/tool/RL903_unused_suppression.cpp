// RL903 unused-suppression: a suppression in .rolelint.json that matched no finding.
#include "engine/config.h"
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class UnusedSuppression final : public engine::Rule {
 public:
  UnusedSuppression()
      : engine::Rule({.id = "RL903",
                      .name = "unused-suppression",
                      .category = engine::Category::Tool,
                      .severity = core::Severity::Warning,
                      .summary = "A suppression in the configuration matched no finding of its rule in this run."}) {}

  void checkConfig(const engine::ConfigFindings& c, const engine::SuppressionUse& use, engine::Reporter& r) const override {
    for (size_t i = 0; i < c.suppressions->size() && i < use.matches.size(); ++i) {
      // A suppression of a rule that did not run (--select, --ignore, "off") cannot have matched.
      if (use.matches[i] > 0 || (i < use.ruleRan.size() && !use.ruleRan[i])) continue;
      const auto& s = (*c.suppressions)[i];
      std::string what = s.rule;
      if (!s.path.empty()) what += " in \"" + s.path + "\"";
      if (!s.pointer.empty()) what += " at \"" + s.pointer + "\"";
      r.report(s.location, "this suppression (" + what + ") matched no finding", {}, {}, {},
               "Remove the suppression, or fix its rule, path or pointer so that it still applies");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL903() { return engine::makeRule<UnusedSuppression>(); }

}  // namespace rolelint::rules
