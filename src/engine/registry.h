// The rule registry: every rule, by id, in id order. Filled by the generated
// rules::registerAll (one line per rules/**/RLnnn_*.cpp file).
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "engine/rule.h"

namespace rolelint::engine {

class Registry {
 public:
  void add(std::unique_ptr<Rule> rule);
  const Rule* find(std::string_view id) const;
  // Rules sorted by id.
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
};

}  // namespace rolelint::engine
