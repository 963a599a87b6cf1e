#include "engine/input_rule.h"

namespace rolelint::engine {

void reportInputProblems(const model::Unit& unit, input::ProblemCode code, engine::Reporter& reporter) {
  for (const input::Problem& p : unit.problems) {
    if (p.code != code) continue;
    std::vector<core::RelatedLocation> related;
    if (p.related) related.push_back({*p.related, p.relatedMessage});
    std::string role;
    if (!unit.roles.empty()) role = unit.roles.front().displayName;
    reporter.report(p.location, p.message, role, "", std::move(related));
  }
}

}  // namespace rolelint::engine

namespace rolelint::engine {
namespace {
class InputProblemRule final : public engine::Rule {
 public:
  InputProblemRule(engine::RuleMeta meta, input::ProblemCode code) : engine::Rule(std::move(meta)), code_(code) {}
  void checkUnit(const model::Unit& unit, engine::Reporter& r) const override { reportInputProblems(unit, code_, r); }

 private:
  input::ProblemCode code_;
};
}  // namespace

std::unique_ptr<engine::Rule> makeInputRule(engine::RuleMeta meta, input::ProblemCode code) {
  meta.category = engine::Category::Input;
  return std::make_unique<InputProblemRule>(std::move(meta), code);
}
}  // namespace rolelint::engine
