// RL901 config-unknown-key: a key in .rolelint.json that rolelint does not know
// (often a typo that silently disables what the user meant to configure).
#include "engine/config.h"
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class ConfigUnknownKey final : public engine::Rule {
 public:
  ConfigUnknownKey()
      : engine::Rule({.id = "RL901",
                      .name = "config-unknown-key",
                      .category = engine::Category::Tool,
                      .severity = core::Severity::Warning,
                      .summary = "The configuration file has a key rolelint does not know."}) {}

  void checkConfig(const engine::ConfigFindings& c, const engine::SuppressionUse&, engine::Reporter& r) const override {
    for (const auto& p : *c.problems)
      if (p.kind == engine::ConfigProblem::Kind::UnknownKey) r.report(p.location, p.message);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL901() { return engine::makeRule<ConfigUnknownKey>(); }

}  // namespace rolelint::rules
