// How much of the input the rules could analyse (issue 15: coverage is reported,
// never silent): statements of the user's policies read fully or with unknown
// parts, and policies not analysed (RL007 notes: unresolved managed policies, documents known only at deployment).
#pragma once
#include <vector>

#include "model/model.h"
#include "output/output.h"

namespace rolelint::driver {

output::Report::Coverage statementCoverage(const std::vector<model::Unit>& units);

}  // namespace rolelint::driver
