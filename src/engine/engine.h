// The engine: runs every enabled rule over each unit in one traversal (unit,
// roles, policies, statements), guards each rule call, then applies severity
// overrides and suppressions and sorts. Rules never see configuration of
// severity or suppressions (as in hadolint's fixSeverity).
#pragma once
#include <atomic>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "engine/config.h"
#include "engine/glob.h"
#include "engine/registry.h"
#include "model/model.h"

namespace rolelint::engine {

struct Selection {
  std::vector<std::string> select;  // ids, id prefixes ("RL1") or names; empty = all
  std::vector<std::string> ignore;
};

// Rule id of the internal-error finding an exception in a rule becomes.
inline constexpr const char* kInternalErrorRule = "RL904";

class Engine {
 public:
  // Configures every enabled rule once with its options (Rule::configure). The
  // registry, config and catalog must outlive the engine.
  Engine(Registry& registry, const Config& config, Selection selection, const catalog::Catalog* catalog);

  bool enabled(const Rule& rule) const;
  std::vector<const Rule*> enabledRules() const { return enabled_; }

  // Lints one unit in one traversal of its model, calling each enabled rule's
  // declared hooks. Thread-safe (const; writes only to `out`). With threads > 1
  // the threads walk runs of consecutive roles in parallel (one large dump or
  // template); the output does not depend on it, since finish() sorts.
  // With `rulesDone`, counts the rules finished (for a progress line).
  void lintUnit(const model::Unit& unit, std::vector<core::Diagnostic>& out, unsigned threads = 1,
                std::atomic<size_t>* rulesDone = nullptr) const;
  size_t enabledCount() const { return enabled_.size(); }
  // Cross-role and configuration rules, then severity overrides, suppressions and
  // ordering. With threads > 1 the cross-role rules run side by side and the sort
  // is split; the result does not depend on it.
  std::vector<core::Diagnostic> finish(const std::vector<const model::Role*>& roles,
                                       std::vector<core::Diagnostic> diagnostics, unsigned threads = 1) const;

 private:
  template <typename F>
  void guarded(const Rule& rule, const std::string& file, std::vector<core::Diagnostic>& out, F&& call) const;
  core::Diagnostic internalError(const Rule& rule, const std::string& file, const std::string& what) const;
  Options optionsFor(const Rule& rule) const;
  // For each role's managed policies then boundary (with a document), in order:
  // whether this is the unit's first reference to that document; `roleStart[i]`
  // (size roles + 1) is where role i's entries begin.
  using FirstUse = std::vector<char>;
  static FirstUse firstUses(const model::Unit& unit, std::vector<size_t>& roleStart);
  // The part of a unit one walk covers: roles [roleBegin, roleEnd) (their first
  // entry in firstUse at refBegin), and whether it runs the unit's own hooks and
  // checks its standalone policies.
  struct Span {
    size_t roleBegin = 0, roleEnd = 0, refBegin = 0;
    bool unitHooks = false, unitPolicies = false;
  };
  // One enabled rule's findings in one span, or what it threw there.
  struct RuleOutput {
    std::vector<core::Diagnostic> sink;
    std::string failure;
  };
  using Attaching = std::unordered_map<const model::PolicyDocument*, std::vector<const model::Role*>>;
  // Every enabled rule over one span; outputs[i] is enabled_[i]'s.
  void walk(const model::Unit& unit, const Attaching& attaching, const FirstUse& firstUse, const Span& span,
            std::vector<RuleOutput>& outputs) const;

  const Registry& registry_;
  const Config& config_;
  Selection selection_;
  const catalog::Catalog* catalog_;
  std::vector<const Rule*> enabled_;
  // Which enabled rules (indexes into enabled_) declared each hook, worked out once
  // for the run rather than for each walk (a check of 1,000 files walks 1,000 units).
  struct HookRules {
    std::vector<uint32_t> unit, role, security, policy, statement, action, resource, condition;
  };
  HookRules hookRules_;
  std::vector<core::Diagnostic> configured_;  // what the rules reported while being configured
  std::vector<PathGlob> suppressionGlobs_;    // config_.suppressions' paths, compiled once
  std::string faultInjection_;                // ROLELINT_TEST_THROW: rule id whose hooks throw (tests)
};

}  // namespace rolelint::engine
