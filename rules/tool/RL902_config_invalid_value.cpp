// RL902 config-invalid-value: a value in .rolelint.json of the wrong type or form.
#include "engine/config.h"
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class ConfigInvalidValue final : public engine::Rule {
 public:
  ConfigInvalidValue()
      : engine::Rule({.id = "RL902",
                      .name = "config-invalid-value",
                      .category = engine::Category::Tool,
                      .severity = core::Severity::Error,
                      .summary = "The configuration file has a value of the wrong type or form, or is not valid JSON."}) {}

  void checkConfig(const engine::ConfigFindings& c, const engine::SuppressionUse&, engine::Reporter& r) const override {
    for (const auto& p : *c.problems)
      if (p.kind == engine::ConfigProblem::Kind::InvalidValue) r.report(p.location, p.message);
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL902() { return engine::makeRule<ConfigInvalidValue>(); }

}  // namespace rolelint::rules
