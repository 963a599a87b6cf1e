// RL904 rule-internal-error: an exception escaped a rule. The engine's guard
// (src/engine/engine.cpp, Engine::guarded) turns it into this finding for that
// rule and file and goes on with the other rules and files; this file declares
// the rule so it can be listed, documented, re-levelled and tested.
#include "rules/registry.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL904() {
  class RuleInternalError final : public engine::Rule {
   public:
    RuleInternalError()
        : engine::Rule({.id = "RL904",
                        .name = "rule-internal-error",
                        .category = engine::Category::Tool,
                        .severity = core::Severity::Error,
                        .summary = "A rule failed with an internal error on this file; its findings there are missing."}) {}
  };
  return engine::makeRule<RuleInternalError>();
}

}  // namespace rolelint::rules
