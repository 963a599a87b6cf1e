#include "engine/engine.h"

#include "core/unknown.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>
#include <unordered_set>
#include <cstdlib>
#include <stdexcept>

namespace rolelint::engine {
namespace {

bool matches(const RuleMeta& m, const std::string& sel) {
  if (sel == "ALL" || sel == m.name) return true;
  return m.id.compare(0, sel.size(), sel) == 0;
}

bool pointerCovers(const std::string& prefix, const std::string& pointer) {
  if (prefix.empty() || prefix == pointer) return true;
  return pointer.size() > prefix.size() && pointer.compare(0, prefix.size(), prefix) == 0 &&
         pointer[prefix.size()] == '/';
}

std::string normalisePath(std::string p) {
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  return p;
}

// The origins of the unknown parts of a unit's values (core/unknown.h). A
// builder numbers them once per input file and gives each tree it makes the
// table as it stood then, so the longest table covers every tree of the unit.
const std::vector<core::UnknownOrigin>* unknownsOf(const model::Unit& unit) {
  const std::vector<core::UnknownOrigin>* best = nullptr;
  auto consider = [&](const std::shared_ptr<const input::Tree>& t) {
    if (t && !t->unknowns.empty() && (best == nullptr || t->unknowns.size() > best->size())) best = &t->unknowns;
  };
  for (const model::Role& r : unit.roles) {
    consider(r.tree);
    if (r.trust) consider(r.trust->tree);
    for (const auto& p : r.inlinePolicies) consider(p.tree);
    for (const auto& m : r.managed)
      if (m.document) consider(m.document->tree);
    if (r.boundary && r.boundary->document) consider(r.boundary->document->tree);
  }
  for (const auto& p : unit.policies) consider(p.tree);
  return best;
}

// Findings on values with unknown parts write each part as ${what}. Origins
// with an empty expression annotate a range of the template (the CloudFormation
// builder: an Fn::If branch or a resource under a Condition, a CDK construct
// path); a finding inside one names it.
void describeUnknowns(const model::Unit& unit, std::vector<core::Diagnostic>& out, size_t first) {
  if (first >= out.size()) return;
  const std::vector<core::UnknownOrigin>* origins = unknownsOf(unit);
  if (origins == nullptr) return;
  const std::string& file = unit.file->source->path;
  for (size_t i = first; i < out.size(); ++i) {
    core::Diagnostic& d = out[i];
    for (std::string* s : {&d.message, &d.role, &d.policy})
      if (core::hasUnknown(*s)) *s = core::displayUnknown(*s, *origins);
    for (core::RelatedLocation& r : d.related)
      if (core::hasUnknown(r.message)) r.message = core::displayUnknown(r.message, *origins);
    if (d.location.file != file) continue;
    const size_t at = d.location.range.begin.offset;
    const core::UnknownOrigin* construct = nullptr;  // the innermost
    std::vector<const std::string*> conds;
    for (const core::UnknownOrigin& o : *origins) {
      if (!o.expression.empty() || at < o.range.begin.offset || at >= o.range.end.offset) continue;
      if (o.what.rfind("construct ", 0) == 0) {
        if (construct == nullptr || o.range.begin.offset >= construct->range.begin.offset) construct = &o;
      } else if (std::find_if(conds.begin(), conds.end(), [&](const std::string* x) { return *x == o.what; }) ==
                 conds.end()) {
        conds.push_back(&o.what);
      }
    }
    if (construct != nullptr) d.message += " (" + construct->what + ")";
    if (conds.empty()) continue;
    std::string when = " (only when ";
    for (size_t k = 0; k < conds.size(); ++k) when += (k > 0 ? " and " : "") + *conds[k];
    d.message += when + ")";
  }
}

}  // namespace

Engine::Engine(const Registry& registry, const Config& config, Selection selection, const catalog::Catalog* catalog)
    : registry_(registry), config_(config), selection_(std::move(selection)), catalog_(catalog) {
  for (const auto& r : registry_.rules()) {
    nlohmann::json opts = nlohmann::json::object();
    for (const RuleOption& o : r->meta().options) opts[o.name] = o.defaultValue;
    if (auto it = config_.rules.find(r->meta().id); it != config_.rules.end()) {
      for (const auto& [k, v] : it->second.options.items()) opts[k] = v;
    }
    options_.push_back(std::move(opts));
    if (enabled(*r)) enabled_.push_back(r.get());
  }
  if (const char* f = std::getenv("ROLELINT_TEST_THROW")) faultInjection_ = f;
}

bool Engine::enabled(const Rule& rule) const {
  const RuleMeta& m = rule.meta();
  if (auto it = config_.rules.find(m.id); it != config_.rules.end() && it->second.off) {
    // An explicit --select of the exact id still runs it.
    if (std::find(selection_.select.begin(), selection_.select.end(), m.id) == selection_.select.end()) return false;
  }
  if (!selection_.select.empty() &&
      std::none_of(selection_.select.begin(), selection_.select.end(), [&](auto& s) { return matches(m, s); }))
    return false;
  return std::none_of(selection_.ignore.begin(), selection_.ignore.end(), [&](auto& s) { return matches(m, s); });
}

const nlohmann::json& Engine::optionsOf(const Rule& rule) const {
  const auto& rules = registry_.rules();
  for (size_t i = 0; i < rules.size(); ++i)
    if (rules[i].get() == &rule) return options_[i];
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return kEmpty;
}

template <typename F>
void Engine::guarded(const Rule& rule, const std::string& file, std::vector<core::Diagnostic>& out, F&& call,
                     bool perUnit) const {
  const size_t before = out.size();
  try {
    if (perUnit && !faultInjection_.empty() && faultInjection_ == rule.meta().id)
      throw std::runtime_error("fault injected by ROLELINT_TEST_THROW");
    Reporter reporter(rule.meta(), optionsOf(rule), config_, catalog_, out);
    call(reporter);
  } catch (const std::exception& e) {
    out.resize(before);  // drop what the failing call half-reported
    core::Diagnostic d;
    d.rule = kInternalErrorRule;
    const Rule* ie = registry_.find(kInternalErrorRule);
    d.name = ie != nullptr ? ie->meta().name : "rule-internal-error";
    d.severity = core::Severity::Error;
    d.message = "internal error in rule " + rule.meta().id + " (" + rule.meta().name + "): " + e.what() +
                "; the other rules still ran. Please report this with the input file";
    d.location.file = file;
    out.push_back(std::move(d));
  }
}

Engine::FirstUse Engine::firstUses(const model::Unit& unit) {
  // A managed policy shared by several roles of the unit (an account dump) is one
  // text: the per-policy rules check it once, at its first reference.
  FirstUse first;
  std::unordered_set<const model::PolicyDocument*> seen;
  for (const model::Role& role : unit.roles) {
    for (const auto& m : role.managed)
      if (m.document) first.push_back(seen.insert(m.document.get()).second ? 1 : 0);
    if (role.boundary && role.boundary->document) first.push_back(seen.insert(role.boundary->document.get()).second ? 1 : 0);
  }
  return first;
}

void Engine::lintUnit(const model::Unit& unit, std::vector<core::Diagnostic>& out, unsigned threads,
                      std::atomic<size_t>* rulesDone) const {
  const FirstUse firstUse = firstUses(unit);
  if (threads > 1 && enabled_.size() > 1) {
    std::vector<std::vector<core::Diagnostic>> perRule(enabled_.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < enabled_.size(); i = next++) {
        lintUnitWith(unit, *enabled_[i], firstUse, perRule[i]);
        if (rulesDone != nullptr) rulesDone->fetch_add(1, std::memory_order_relaxed);
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    for (auto& d : perRule) out.insert(out.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
    return;
  }
  for (const Rule* rule : enabled_) {
    lintUnitWith(unit, *rule, firstUse, out);
    if (rulesDone != nullptr) rulesDone->fetch_add(1, std::memory_order_relaxed);
  }
}

void Engine::lintUnitWith(const model::Unit& unit, const Rule& ruleRef, const FirstUse& firstUse,
                          std::vector<core::Diagnostic>& out) const {
  const std::string& file = unit.file->source->path;
  const Rule* rule = &ruleRef;
  const size_t first = out.size();
  {
    // One guard per rule and unit: a rule that throws on one statement is
    // reported once, and the other rules and units go on.
    guarded(*rule, file, out, [&](Reporter& r) {
      rule->checkUnit(unit, r);
      auto policy = [&](const model::PolicyDocument& p) {
        if (p.awsManaged) return;  // AWS's text, not the user's: role-level rules still see it
        rule->checkPolicy(p, r);
        for (const model::Statement& s : p.statements) rule->checkStatement(s, p, r);
      };
      size_t ref = 0;  // index into firstUse
      for (const model::Role& role : unit.roles) {
        rule->checkRole(role, r);
        if (role.trust) policy(*role.trust);
        for (const auto& p : role.inlinePolicies) policy(p);
        for (const auto& m : role.managed)
          if (m.document && firstUse[ref++] != 0) policy(*m.document);
        if (role.boundary && role.boundary->document && firstUse[ref++] != 0) policy(*role.boundary->document);
      }
      for (const auto& p : unit.policies) policy(p);
    }, /*perUnit=*/true);
  }
  describeUnknowns(unit, out, first);
}

std::vector<core::Diagnostic> Engine::finish(const std::vector<const model::Role*>& roles,
                                             std::vector<core::Diagnostic> diags) const {
  for (const Rule* rule : enabled_) {
    guarded(*rule, "", diags, [&](Reporter& r) { rule->checkRun(roles, r); }, false);
  }
  // Severity overrides, then suppressions.
  SuppressionUse use;
  use.matches.assign(config_.suppressions.size(), 0);
  for (const Suppression& s : config_.suppressions) {
    const Rule* r = registry_.find(s.rule);
    use.ruleRan.push_back(r != nullptr && std::find(enabled_.begin(), enabled_.end(), r) != enabled_.end());
  }
  for (core::Diagnostic& d : diags) {
    if (auto it = config_.rules.find(d.rule); it != config_.rules.end() && it->second.severity) {
      d.severity = *it->second.severity;
    }
    const std::string file = normalisePath(d.location.file);
    for (size_t i = 0; i < config_.suppressions.size(); ++i) {
      const Suppression& s = config_.suppressions[i];
      if (s.rule != d.rule) continue;
      if (!s.path.empty() && !globMatch(s.path, file)) continue;
      if (!pointerCovers(s.pointer, d.location.pointer)) continue;
      ++use.matches[i];
      if (!d.suppressed) {
        d.suppressed = true;
        d.suppressionReason = s.reason;
      }
    }
  }
  // Configuration rules see which suppressions were used.
  std::vector<core::Diagnostic> cfg;
  for (const Rule* rule : enabled_) {
    guarded(*rule, config_.file, cfg, [&](Reporter& r) { rule->checkConfig(config_, use, r); }, false);
  }
  for (core::Diagnostic& d : cfg) {
    if (auto it = config_.rules.find(d.rule); it != config_.rules.end() && it->second.severity) {
      d.severity = *it->second.severity;
    }
    diags.push_back(std::move(d));
  }
  std::sort(diags.begin(), diags.end(), core::diagnosticLess);
  diags.erase(std::unique(diags.begin(), diags.end()), diags.end());
  return diags;
}

}  // namespace rolelint::engine
