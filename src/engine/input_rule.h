// Shared by the RL0xx rules: the input layer records what it could not read as
// typed problems; each input rule reports the problems of its own code.
#pragma once
#include "engine/rule.h"
#include <memory>

#include "input/input.h"

namespace rolelint::engine {

// Reports every problem of `code` in `unit` through `reporter`.
void reportInputProblems(const model::Unit& unit, input::ProblemCode code, engine::Reporter& reporter);

}  // namespace rolelint::engine

namespace rolelint::engine {
// A rule whose findings are the input problems of one code.
std::unique_ptr<engine::Rule> makeInputRule(engine::RuleMeta meta, input::ProblemCode code);
}  // namespace rolelint::engine
