#include "driver/coverage.h"

#include <unordered_set>

#include "core/unknown.h"

namespace rolelint::driver {
namespace {

// Whether any string (or key) below `v` holds an unknown part.
bool holdsUnknown(const json::Value& v) {
  std::vector<const json::Value*> stack{&v};
  while (!stack.empty()) {
    const json::Value* x = stack.back();
    stack.pop_back();
    if (x->isString() && core::hasUnknown(x->text)) return true;
    for (const json::Value& e : x->elements) stack.push_back(&e);
    for (const json::Member& m : x->members) {
      if (core::hasUnknown(m.key)) return true;
      stack.push_back(&m.value);
    }
  }
  return false;
}

}  // namespace

output::Report::Coverage statementCoverage(const std::vector<model::Unit>& units) {
  output::Report::Coverage c;
  // A managed policy (or boundary) shared by roles counts once; a role's trust and
  // inline policies are its own, and need no look-up.
  std::unordered_set<const model::PolicyDocument*> seen;
  auto count = [&](const model::PolicyDocument& p, bool shared = true) {
    if (p.awsManaged || (shared && !seen.insert(&p).second)) return;  // AWS's text, not the user's
    for (const model::Statement& s : p.statements) {
      if (s.node != nullptr && holdsUnknown(*s.node)) {
        ++c.unknownParts;
      } else {
        ++c.full;
      }
    }
  };
  for (const model::Unit& u : units) {
    for (const model::Role& r : u.roles) {
      if (r.trust) count(*r.trust, false);
      for (const auto& p : r.inlinePolicies) count(p, false);
      for (const auto& m : r.managed)
        if (m.document) count(*m.document);
      if (r.boundary && r.boundary->document) count(*r.boundary->document);
    }
    for (const auto& p : u.policies) count(p);
    for (const input::Problem& p : u.problems)
      if (p.code == input::ProblemCode::UnresolvedManagedPolicy) ++c.notAnalysed;  // RL007: a policy not seen
  }
  return c;
}

}  // namespace rolelint::driver
