#include "engine/engine.h"

#include "core/task.h"
#include "core/unknown.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <iterator>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <cstdint>
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
    if (t && t->unknowns && !t->unknowns->empty() && (best == nullptr || t->unknowns->size() > best->size()))
      best = t->unknowns.get();
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
    for (core::Str* s : {&d.message, &d.role, &d.policy})
      if (core::hasUnknown(*s)) *s = core::displayUnknown(*s, *origins);
    for (core::RelatedLocation& r : d.related)
      if (core::hasUnknown(r.message)) r.message = core::displayUnknown(r.message, *origins);
    if (d.location.file != file) continue;
    const size_t at = d.location.range.begin.offset;
    const core::UnknownOrigin* construct = nullptr;  // the innermost
    std::vector<const std::string*> conds;
    for (const core::UnknownOrigin& o : *origins) {
      if (!o.expression.empty() || at < o.range.begin || at >= o.range.end) continue;
      if (o.what.rfind("construct ", 0) == 0) {
        if (construct == nullptr || o.range.begin >= construct->range.begin) construct = &o;
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

// The configuration's value of conventions.X as a JSON value (for typed options).
static nlohmann::json toJson(const json::Value& v) {
  switch (v.kind) {
    case json::Kind::Null: return nullptr;
    case json::Kind::Boolean: return v.boolean;
    case json::Kind::Number: {
      const nlohmann::json n = nlohmann::json::parse(v.text, nullptr, false);
      return n.is_discarded() ? nlohmann::json(v.text) : n;
    }
    case json::Kind::String: return v.text;
    case json::Kind::Array: {
      nlohmann::json a = nlohmann::json::array();
      for (const json::Value& e : v.elements) a.push_back(toJson(e));
      return a;
    }
    case json::Kind::Object: {
      nlohmann::json o = nlohmann::json::object();
      for (const json::Member& m : v.members) o[m.key] = toJson(m.value);
      return o;
    }
  }
  return nullptr;
}

Options Engine::optionsFor(const Rule& rule) const {
  std::vector<std::pair<std::string, Options::Value>> values;
  const RuleSetting* setting = nullptr;
  if (auto it = config_.rules.find(rule.meta().id); it != config_.rules.end()) setting = &it->second;
  for (const RuleOption& o : rule.meta().options) {
    Options::Value v{o.defaultValue, nullptr};
    const std::string_view key = o.configKey;
    if (key.rfind("quotas.", 0) == 0) {
      if (auto q = config_.quota(std::string(key.substr(7)))) v.value = *q;
    } else if (key == "forbid" && !config_.forbid.empty()) {
      // The entries as the configuration parser validated them; "index" is the
      // entry's place in the located "forbid" array (Options::node).
      nlohmann::json list = nlohmann::json::array();
      for (const Forbid& f : config_.forbid)
        list.push_back({{"actions", f.actions}, {"resources", f.resources}, {"roles", f.roles},
                        {"reason", f.reason}, {"index", f.index}});
      const json::Value* root = config_.tree ? config_.tree->root() : nullptr;
      v = {std::move(list), root != nullptr && root->isObject() ? root->find("forbid") : nullptr};
    } else if (key.rfind("conventions.", 0) == 0 && config_.conventions != nullptr &&
               config_.conventions->isObject()) {
      if (const json::Value* n = config_.conventions->find(key.substr(12))) v = {toJson(*n), n};
    }
    if (setting != nullptr) {
      if (auto it = setting->options.find(o.name); it != setting->options.end()) v = {*it, nullptr};
    }
    values.emplace_back(o.name, std::move(v));
  }
  // Options a configuration gives that the rule does not declare are kept too
  // (RL902 reports them); the rule reads only its own.
  if (setting != nullptr) {
    for (const auto& item : setting->options.items()) {
      const std::string& k = item.key();  // (not a structured binding: clang 14 cannot capture one)
      if (std::none_of(values.begin(), values.end(), [&](const auto& p) { return p.first == k; }))
        values.emplace_back(k, Options::Value{item.value(), nullptr});
    }
  }
  return Options(std::move(values), config_.tree);
}

Engine::Engine(Registry& registry, const Config& config, Selection selection, const catalog::Catalog* catalog)
    : registry_(registry), config_(config), selection_(std::move(selection)), catalog_(catalog) {
  if (const char* f = std::getenv("ROLELINT_TEST_THROW")) faultInjection_ = f;
  // Compiled here once, not once per finding and suppression.
  for (const Suppression& s : config_.suppressions) suppressionGlobs_.emplace_back(s.path);
  for (const auto& r : registry.rules()) {
    if (!enabled(*r)) continue;
    enabled_.push_back(r.get());
    const Options options = optionsFor(*r);
    Rule& rule = *r;
    guarded(rule, config_.file, configured_, [&](Reporter& rep) { rule.configure(options, rep); });
  }
  // The security analyses (RL601…RL607: effective permissions, escalation searches,
  // request evaluation) check each role in a pass of their own after the other rules'
  // walk of the span: run role by role between the other rules they took twice the time
  // they take together (their catalog actions and action sets evicted from the caches by
  // the other rules' data; docs/security-analysis.md, "Cost").
  for (uint32_t i = 0; i < enabled_.size(); ++i) {
    const uint32_t h = enabled_[i]->hooks();
    if (h & kHookUnit) hookRules_.unit.push_back(i);
    if (h & kHookRole)
      (enabled_[i]->meta().category == Category::Security ? hookRules_.security : hookRules_.role).push_back(i);
    if (h & kHookPolicy) hookRules_.policy.push_back(i);
    if (h & kHookStatement) hookRules_.statement.push_back(i);
    if (h & kHookAction) hookRules_.action.push_back(i);
    if (h & kHookResource) hookRules_.resource.push_back(i);
    if (h & kHookCondition) hookRules_.condition.push_back(i);
  }
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

core::Diagnostic Engine::internalError(const Rule& rule, const std::string& file, const std::string& what) const {
  core::Diagnostic d;
  d.rule = kInternalErrorRule;
  const Rule* ie = registry_.find(kInternalErrorRule);
  d.name = ie != nullptr ? ie->meta().name : "rule-internal-error";
  d.severity = core::Severity::Error;
  d.message = "internal error in rule " + rule.meta().id + " (" + rule.meta().name + "): " + what +
              "; the other rules still ran. Please report this with the input file";
  d.location.file = file;
  return d;
}

template <typename F>
void Engine::guarded(const Rule& rule, const std::string& file, std::vector<core::Diagnostic>& out, F&& call) const {
  const size_t before = out.size();
  try {
    Reporter reporter(rule.meta(), catalog_, out, config_.now);
    call(reporter);
  } catch (const std::exception& e) {
    out.resize(before);  // drop what the failing call half-reported
    out.push_back(internalError(rule, file, e.what()));
  }
}

Engine::FirstUse Engine::firstUses(const model::Unit& unit, std::vector<size_t>& roleStart) {
  // A managed policy shared by several roles of the unit (an account dump) is one
  // text: the per-policy rules check it once, at its first reference.
  FirstUse first;
  std::unordered_set<const model::PolicyDocument*> seen;
  roleStart.clear();
  for (const model::Role& role : unit.roles) {
    roleStart.push_back(first.size());
    for (const auto& m : role.managed)
      if (m.document) first.push_back(seen.insert(m.document.get()).second ? 1 : 0);
    if (role.boundary && role.boundary->document) first.push_back(seen.insert(role.boundary->document.get()).second ? 1 : 0);
  }
  roleStart.push_back(first.size());
  return first;
}

void Engine::lintUnit(const model::Unit& unit, std::vector<core::Diagnostic>& out, unsigned threads,
                      std::atomic<size_t>* rulesDone) const {
  std::vector<size_t> refAt;  // where each role's entries start in firstUse
  const FirstUse firstUse = firstUses(unit, refAt);
  const size_t first = out.size();
  const std::string& file = unit.file->source->path;
  // The roles using each managed policy document of the unit (Reporter::roles).
  Attaching attaching;
  for (const model::Role& role : unit.roles)
    for (const auto& m : role.managed)
      if (m.document) attaching[&*m.document].push_back(&role);
  // The spans of the walk: the roles in runs of consecutive roles. With threads > 1
  // (one large dump or template) the threads take the next span as they finish one,
  // so that the work balances and each role's derived values are worked out by one
  // thread, once.
  const size_t roles = unit.roles.size();
  const size_t perSpan = threads > 1 ? std::clamp<size_t>(roles / (threads * 16), 1, 128) : std::max<size_t>(roles, 1);
  // The unit's own hooks run with the first run of roles, its standalone policies with
  // the last (as they did in one walk: first and last).
  std::vector<Span> spans;
  for (size_t b = 0; b < roles; b += perSpan) spans.push_back({b, std::min(roles, b + perSpan), refAt[b], false, false});
  if (spans.empty()) spans.push_back({});
  spans.front().unitHooks = true;
  spans.back().unitPolicies = true;
  std::vector<std::vector<RuleOutput>> outputs(spans.size());
  std::atomic<size_t> next{0};
  std::mutex progressMu;
  size_t walked = 0, reported = 0;  // roles walked, rules counted in *rulesDone (under progressMu)
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < spans.size();) {
      walk(unit, attaching, firstUse, spans[i], outputs[i]);
      // Exact sizes: the spans' findings are held until all are joined below, next to
      // the joined list (a vector grown by doubling holds up to twice its findings).
      for (RuleOutput& o : outputs[i]) o.sink.shrink_to_fit();
      if (rulesDone == nullptr) continue;
      // Progress in rules: the share of the unit's roles walked so far.
      std::lock_guard<std::mutex> lock(progressMu);
      walked += spans[i].roleEnd - spans[i].roleBegin;
      const size_t target = roles == 0 ? enabled_.size() : enabled_.size() * walked / roles;
      if (target > reported) {
        rulesDone->fetch_add(target - reported, std::memory_order_relaxed);
        reported = target;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<size_t>(threads, spans.size()); ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // a thread the system refuses is not started: this thread takes its spans
    }
  }
  work();
  for (auto& t : pool) t.join();
  if (rulesDone != nullptr && reported < enabled_.size()) rulesDone->fetch_add(enabled_.size() - reported);
  // Rule by rule: one internal error for a rule that threw in some span (what it
  // reported in this unit is dropped), else its findings of every span.
  size_t total = out.size();
  for (const auto& span : outputs)
    for (const RuleOutput& o : span) total += o.sink.size();
  out.reserve(total);
  for (size_t r = 0; r < enabled_.size(); ++r) {
    const std::string* failure = nullptr;
    for (const auto& span : outputs)
      if (!span[r].failure.empty()) {
        failure = &span[r].failure;
        break;
      }
    if (failure != nullptr) {
      out.push_back(internalError(*enabled_[r], file, *failure));
      continue;
    }
    for (auto& span : outputs) core::appendMoved(out, span[r].sink);
  }
  describeUnknowns(unit, out, first);
}

namespace {

// One rule during one walk: its own sink (its output's), so that a rule that throws
// loses what it half-reported in this unit and nothing of the other rules'.
struct Slot {
  const Rule* rule;
  Reporter reporter;
  std::string& failure;  // what it threw; the rule is not called again in this walk
  Slot(const Rule* r, const catalog::Catalog* c, std::optional<double> now, std::vector<core::Diagnostic>& sink,
       std::string& failed)
      : rule(r), reporter(r->meta(), c, sink, now), failure(failed) {}
};

}  // namespace

void Engine::walk(const model::Unit& unit, const Attaching& attaching, const FirstUse& firstUse, const Span& span,
                  std::vector<RuleOutput>& outputs) const {
  // Each rule reports straight into its output for the span.
  outputs.resize(enabled_.size());
  std::vector<Slot> slots;
  slots.reserve(enabled_.size());
  for (size_t i = 0; i < enabled_.size(); ++i) {
    const Rule* r = enabled_[i];
    slots.emplace_back(r, catalog_, config_.now, outputs[i].sink, outputs[i].failure);
    if (!faultInjection_.empty() && faultInjection_ == r->meta().id)
      slots.back().failure = "fault injected by ROLELINT_TEST_THROW";
  }
  // The rules that declared each hook (hookRules_), as slots of this walk.
  const HookRules& hk = hookRules_;
  auto call = [&slots](uint32_t k, auto&& f) {
    Slot* s = &slots[k];
    if (!s->failure.empty()) return;
    try {
      f(*s->rule, s->reporter);
    } catch (const std::exception& e) {
      s->failure = e.what();
      if (s->failure.empty()) s->failure = "unknown exception";
    }
  };
  if (span.unitHooks)
    for (uint32_t s : hk.unit) call(s, [&](const Rule& r, Reporter& rep) { r.checkUnit(unit, rep); });
  std::vector<const model::Role*> current;
  auto policy = [&](const model::PolicyDocument& p) {
    if (p.awsManaged) return;  // AWS's text, not the user's: role-level rules still see it
    const std::vector<const model::Role*>* roles = &current;
    if (auto it = attaching.find(&p); it != attaching.end()) roles = &it->second;
    for (Slot& s : slots) s.reporter.setRoles(roles);
    for (uint32_t s : hk.policy) call(s, [&](const Rule& r, Reporter& rep) { r.checkPolicy(p, rep); });
    for (const model::Statement& st : p.statements) {
      for (uint32_t s : hk.statement) call(s, [&](const Rule& r, Reporter& rep) { r.checkStatement(st, p, rep); });
      for (uint32_t s : hk.action) {
        for (const model::StringItem& i : st.action.items)
          call(s, [&](const Rule& r, Reporter& rep) { r.checkAction(i, false, st, p, rep); });
        for (const model::StringItem& i : st.notAction.items)
          call(s, [&](const Rule& r, Reporter& rep) { r.checkAction(i, true, st, p, rep); });
      }
      for (uint32_t s : hk.resource) {
        for (const model::StringItem& i : st.resource.items)
          call(s, [&](const Rule& r, Reporter& rep) { r.checkResource(i, false, st, p, rep); });
        for (const model::StringItem& i : st.notResource.items)
          call(s, [&](const Rule& r, Reporter& rep) { r.checkResource(i, true, st, p, rep); });
      }
      for (uint32_t s : hk.condition) {
        for (const model::Condition& c : st.conditions)
          call(s, [&](const Rule& r, Reporter& rep) { r.checkCondition(c, st, p, rep); });
      }
    }
  };
  // What the rules worked out for a role alone (its access, its own documents' action
  // sets) is dropped after each pass over it: an audit of 10,000 roles kept it all to
  // the end.
  auto release = [](const model::Role& role) {
    role.derived.release();
    if (role.trust) role.trust->derived.release();
    for (const auto& p : role.inlinePolicies) p.derived.release();
  };
  size_t ref = span.refBegin;  // index into firstUse
  for (size_t ri = span.roleBegin; ri < span.roleEnd; ++ri) {
    const model::Role& role = unit.roles[ri];
    current.assign(1, &role);
    for (uint32_t s : hk.role) call(s, [&](const Rule& r, Reporter& rep) { r.checkRole(role, rep); });
    if (role.trust) policy(*role.trust);
    for (const auto& p : role.inlinePolicies) policy(p);
    for (const auto& m : role.managed)
      if (m.document && firstUse[ref++] != 0) policy(*m.document);
    if (role.boundary && role.boundary->document && firstUse[ref++] != 0) policy(*role.boundary->document);
    release(role);
  }
  // The security rules' pass over the same roles (why a pass of their own: Engine::Engine).
  for (size_t ri = span.roleBegin; ri < span.roleEnd && !hk.security.empty(); ++ri) {
    const model::Role& role = unit.roles[ri];
    current.assign(1, &role);
    for (uint32_t s : hk.security) call(s, [&](const Rule& r, Reporter& rep) { r.checkRole(role, rep); });
    release(role);
  }
  current.clear();
  if (span.unitPolicies)
    for (const auto& p : unit.policies) policy(p);
  for (Slot& s : slots) s.reporter.setRoles(nullptr);
}

namespace {

// The indices of `diags` in output order (core::diagnosticLess, then reported order).
// The sort compares packed keys: the ranks of the file and of the rule among the
// run's files and rules, the line and the column; it reads the findings
// themselves only where all of those are equal. With threads > 1 two halves are
// sorted side by side and merged.
std::vector<std::uint32_t> sortOrder(const std::vector<core::Diagnostic>& diags, unsigned threads) {
  // The rank of each distinct string among them, in string order; `of` picks the
  // string of a finding. Findings of one file (and often of one rule) come
  // together, so a run of equal strings is looked up once.
  auto ranks = [&diags](auto of) {
    std::unordered_map<std::string_view, std::uint32_t> rank;
    std::string_view last;
    for (size_t i = 0; i < diags.size(); ++i) {
      const std::string_view s = of(diags[i]);
      if (i != 0 && s == last) continue;
      rank.emplace(s, 0);
      last = s;
    }
    std::vector<std::string_view> sorted;
    sorted.reserve(rank.size());
    for (const auto& [s, r] : rank) sorted.push_back(s);
    std::sort(sorted.begin(), sorted.end());
    for (std::uint32_t i = 0; i < sorted.size(); ++i) rank[sorted[i]] = i;
    std::vector<std::uint32_t> out(diags.size());
    std::uint32_t lastRank = 0;
    for (size_t i = 0; i < diags.size(); ++i) {
      const std::string_view s = of(diags[i]);
      if (i == 0 || s != last) {
        lastRank = rank.at(s);
        last = s;
      }
      out[i] = lastRank;
    }
    return out;
  };
  struct Key {
    std::uint32_t file, line, column, rule, index;
  };
  std::vector<Key> keys(diags.size());
  {
    const std::vector<std::uint32_t> file = ranks([](const core::Diagnostic& d) -> std::string_view { return d.location.file; });
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
      const core::Pos& at = diags[i].location.range.begin;
      keys[i] = Key{file[i], at.line, at.column, 0, i};
    }
  }
  {
    const std::vector<std::uint32_t> rule = ranks([](const core::Diagnostic& d) -> std::string_view { return d.rule; });
    for (std::uint32_t i = 0; i < keys.size(); ++i) keys[i].rule = rule[i];
  }
  auto less = [&](const Key& a, const Key& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    if (a.rule != b.rule) return a.rule < b.rule;
    if (core::diagnosticLess(diags[a.index], diags[b.index])) return true;
    if (core::diagnosticLess(diags[b.index], diags[a.index])) return false;
    return a.index < b.index;
  };
  constexpr size_t kSplitAt = 1 << 16;
  bool sorted = false;
  if (threads > 1 && keys.size() >= kSplitAt) {
    const auto mid = keys.begin() + static_cast<std::ptrdiff_t>(keys.size() / 2);
    try {
      std::thread other([&] { std::sort(mid, keys.end(), less); });
      std::sort(keys.begin(), mid, less);
      other.join();
      std::inplace_merge(keys.begin(), mid, keys.end(), less);
      sorted = true;
    } catch (const std::system_error&) {
      // no thread: sorted whole below
    }
  }
  if (!sorted) std::sort(keys.begin(), keys.end(), less);
  std::vector<std::uint32_t> order(diags.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = keys[i].index;
  return order;
}

}  // namespace

std::vector<core::Diagnostic> Engine::finish(const std::vector<const model::Role*>& roles,
                                             std::vector<core::Diagnostic> diags, unsigned threads) const {
  // The cross-role rules (each a pass over every role of the run), side by side
  // when there are threads; their findings join in rule order.
  std::vector<const Rule*> runRules;
  for (const Rule* rule : enabled_)
    if ((rule->hooks() & kHookRun) != 0) runRules.push_back(rule);
  std::vector<std::vector<core::Diagnostic>> runFound(runRules.size());
  {
    auto one = [&](size_t i) {
      guarded(*runRules[i], "", runFound[i], [&](Reporter& r) { runRules[i]->checkRun(roles, r); });
    };
    std::vector<std::future<void>> running;  // rules 1.. beside this thread, which runs rule 0
    for (size_t i = 1; i < runRules.size(); ++i) {
      if (threads > 1 && roles.size() > 1) running.push_back(core::startTask([&one, i] { one(i); }));
      else one(i);
    }
    if (!runRules.empty()) one(0);
    for (auto& r : running) r.get();
  }
  for (auto& found : runFound) core::appendMoved(diags, found);
  // Severity overrides, then suppressions.
  SuppressionUse use;
  use.matches.assign(config_.suppressions.size(), 0);
  for (const Suppression& s : config_.suppressions) {
    const Rule* r = registry_.find(s.rule);
    use.ruleRan.push_back(r != nullptr && std::find(enabled_.begin(), enabled_.end(), r) != enabled_.end());
  }
  for (core::Diagnostic& d : diags) {
    if (auto it = config_.rules.find(d.rule); it != config_.rules.end() && it->second.severity && !d.demoted) {
      d.severity = *it->second.severity;
    }
    std::optional<std::string> file;  // worked out for the first suppression with a path that may apply
    for (size_t i = 0; i < config_.suppressions.size(); ++i) {
      const Suppression& s = config_.suppressions[i];
      if (s.rule != d.rule) continue;
      if (!s.path.empty()) {
        if (!file) file = normalisePath(d.location.file);
        if (!suppressionGlobs_[i].matches(*file)) continue;
      }
      if (!pointerCovers(s.pointer, d.location.pointer)) continue;
      ++use.matches[i];
      if (!d.suppressed) {
        d.suppressed = true;
        d.suppressionReason = s.reason;
      }
    }
  }
  // Configuration rules see which suppressions were used; what the rules
  // reported about their options joins them.
  std::vector<core::Diagnostic> cfg = configured_;
  const ConfigFindings findings{config_.file, &config_.problems, &config_.suppressions, config_.tree};
  for (const Rule* rule : enabled_) {
    if ((rule->hooks() & kHookConfig) == 0) continue;
    guarded(*rule, config_.file, cfg, [&](Reporter& r) { rule->checkConfig(findings, use, r); });
  }
  for (core::Diagnostic& d : cfg) {
    if (auto it = config_.rules.find(d.rule); it != config_.rules.end() && it->second.severity) {
      d.severity = *it->second.severity;
    }
    diags.push_back(std::move(d));
  }
  // Sorted by index, then moved into place once: an audit has tens of thousands of
  // findings, and a sort that moves the findings themselves moves each many times.
  // The sort compares packed keys and reads the findings themselves only where
  // those are equal: a comparison through the index reads two findings at random
  // places, and 500,000 findings sorted that way were a tenth of a 100,000-role
  // run. Findings equal in diagnosticLess keep the order they were reported in.
  std::vector<std::uint32_t> order = sortOrder(diags, threads);
  // In place, cycle by cycle (a second list of the findings would double the peak).
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    core::Diagnostic held = std::move(diags[i]);
    std::uint32_t j = i;
    for (;;) {
      const std::uint32_t from = order[j];
      order[j] = j;  // placed
      if (from == i) {
        diags[j] = std::move(held);
        break;
      }
      diags[j] = std::move(diags[from]);
      j = from;
    }
  }
  diags.erase(std::unique(diags.begin(), diags.end()), diags.end());
  return diags;
}

}  // namespace rolelint::engine
