// What a rule is: metadata (the contract of design.md §3) plus hooks the engine
// calls during its single traversal of the model. A rule looks at what it is
// given and reports; it never formats text, reads configuration of severity or
// walks the tree itself.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "model/model.h"

namespace rolelint::catalog {
class Catalog;
}

namespace rolelint::engine {

struct Config;
struct ConfigProblem;
struct Suppression;
class Options;

enum class Category { Input, Policy, Catalog, Role, Trust, Effective, Security, Tool };
std::string_view categoryName(Category c);  // "input", "policy", …
enum class Status { Stable, Preview };
std::string_view statusName(Status s);

struct RuleOption {
  std::string name;
  std::string type;  // "integer", "string", "boolean", "array"
  nlohmann::json defaultValue;
  std::string description;
  // Where else .rolelint.json sets it besides "rules": {"RLnnn": {"options": {NAME: …}}},
  // e.g. "quotas.trustPolicySize" or "conventions.roleName" ("" for none).
  std::string configKey;
};

// A rule's options as the rule receives them, once, before the run: the
// defaults of its metadata overridden by the configuration. Typed getters; a
// value of the wrong type reads as the default. A rule never sees the
// configuration file itself.
class Options {
 public:
  struct Value {
    nlohmann::json value;                 // the effective value
    const json::Value* node = nullptr;    // where the configuration sets it (null: the default)
  };
  Options() = default;
  Options(std::vector<std::pair<std::string, Value>> values, std::shared_ptr<const input::Tree> configTree)
      : values_(std::move(values)), configTree_(std::move(configTree)) {}

  bool has(std::string_view name) const { return find(name) != nullptr; }
  const nlohmann::json& json(std::string_view name) const;
  int64_t integer(std::string_view name, int64_t fallback = 0) const;
  bool boolean(std::string_view name, bool fallback = false) const;
  std::string string(std::string_view name, std::string fallback = {}) const;
  // The configuration's value of the option, located (null when the option has its default).
  const json::Value* node(std::string_view name) const;
  // Location of a value of the configuration file (as node() returns), or of its key.
  core::Location locate(const json::Value& v) const;
  core::Location locateKey(const json::Value& v) const;

 private:
  const Value* find(std::string_view name) const;
  std::vector<std::pair<std::string, Value>> values_;
  std::shared_ptr<const input::Tree> configTree_;
};

// Rule metadata: the single source for `rules`, `explain`, SARIF descriptors and docs.
struct RuleMeta {
  std::string id;        // "RL001"
  std::string name;      // kebab-case, names the bad pattern: "json-syntax-error"
  Category category = Category::Policy;
  core::Severity severity = core::Severity::Warning;
  std::string summary;   // one line; must equal the doc page's summary line
  Status status = Status::Stable;
  std::vector<RuleOption> options;
  std::vector<std::string> equivalents;  // "access-analyzer:MISSING_VERSION", "parliament:MALFORMED", …
  std::optional<double> securitySeverity;  // SARIF security-severity (0.1–10) for security rules
  std::vector<std::string> tags;           // extra SARIF tags
};

// Project home; help URIs point at the doc pages there.
inline constexpr std::string_view kProjectUrl = "https://github.com/rolelint/rolelint";
std::string helpUri(std::string_view ruleId);
// The rule's doc page path relative to the source root: "docs/rules/RL001.md".
std::string docPath(std::string_view ruleId);

// How a rule reports. One Reporter per (rule, unit); the engine stamps the rule
// id, name and severity on each diagnostic. A message says what is wrong and
// why in one sentence; `help`, when given, says how to fix it.
class Reporter {
 public:
  Reporter(const RuleMeta& meta, const catalog::Catalog* catalog, std::vector<core::Diagnostic>& sink,
           std::optional<double> analysisDate = std::nullopt)
      : meta_(meta), catalog_(catalog), sink_(sink), analysisDate_(analysisDate) {}

  void report(core::Location location, std::string message, std::string role = {}, std::string policy = {},
              std::vector<core::RelatedLocation> related = {}, std::string help = {});
  // A finding about `at`, a value inside `policy`.
  void report(const model::PolicyDocument& policy, const json::Value& at, std::string message,
              std::string help = {});
  // A finding about the key of the member holding `at`.
  void reportKey(const model::PolicyDocument& policy, const json::Value& at, std::string message,
                 std::string help = {});
  void report(const model::Role& role, const json::Value& at, std::string message, std::string help = {});
  // A finding about text[pos, pos+len) inside the string value `v` of `policy`
  // when the value is written on one line without escapes; otherwise about the whole value.
  void reportSubstring(const model::PolicyDocument& policy, const json::Value& v, size_t pos, size_t len,
                       std::string message, std::string help = {});

  // A finding about `at` in `policy` that the effective permissions of every role
  // using the policy make moot (a denied, boundary-blocked or unsatisfiable grant):
  // reported as a note, whatever severity the rule or the configuration gives.
  void reportMoot(const model::PolicyDocument& policy, const json::Value& at, std::string message,
                  std::string help = {});

  // The IAM catalog (may be null when none is loaded).
  const catalog::Catalog* catalog() const { return catalog_; }
  // The roles of the unit that use the policy being checked (policy, statement,
  // action, resource and condition hooks): its role for a trust, inline or boundary
  // policy, every role attaching it for a managed policy, none for a standalone
  // policy or in the other hooks.
  const std::vector<const model::Role*>& roles() const { return roles_ != nullptr ? *roles_ : kNoRoles; }
  void setRoles(const std::vector<const model::Role*>* roles) { roles_ = roles; }
  // The analysis date of the run (`check --now`), seconds since the epoch: the
  // aws:CurrentTime of the security rules' requests. Unset: the current time.
  std::optional<double> analysisDate() const { return analysisDate_; }

 private:
  const RuleMeta& meta_;
  const catalog::Catalog* catalog_;
  std::vector<core::Diagnostic>& sink_;
  std::optional<double> analysisDate_;
  const std::vector<const model::Role*>* roles_ = nullptr;
  static inline const std::vector<const model::Role*> kNoRoles{};
};

// What the configuration rules (RL9xx) look at: the problems found in the
// configuration file and which suppressions matched. Not the file itself.
struct ConfigFindings {
  std::string file;  // "" when no configuration file was used
  const std::vector<ConfigProblem>* problems = nullptr;
  const std::vector<Suppression>* suppressions = nullptr;
  std::shared_ptr<const input::Tree> tree;
};

// Which suppressions matched something, for the unused-suppression rule.
struct SuppressionUse {
  std::vector<size_t> matches;  // per config suppression: findings it matched
  std::vector<bool> ruleRan;    // per config suppression: its rule was enabled in this run
};

// The hooks a rule may implement; the engine calls only those a rule declares
// (makeRule<T> works them out from the overrides), in one traversal of the model.
enum Hook : uint32_t {
  kHookUnit = 1u << 0,
  kHookRole = 1u << 1,
  kHookPolicy = 1u << 2,
  kHookStatement = 1u << 3,
  kHookAction = 1u << 4,
  kHookResource = 1u << 5,
  kHookCondition = 1u << 6,
  kHookRun = 1u << 7,
  kHookConfig = 1u << 8,
};

class Rule {
 public:
  explicit Rule(RuleMeta meta) : meta_(std::move(meta)) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  const RuleMeta& meta() const { return meta_; }
  uint32_t hooks() const { return hooks_; }
  void setHooks(uint32_t hooks) { hooks_ = hooks; }

  // Called once, before the run, with the rule's options; a rule keeps what it
  // needs in typed members. Problems with an option's value (a pattern that does
  // not compile) are reported through `r`, located in the configuration file.
  virtual void configure(const Options&, Reporter&) {}

  // Hooks, called in this order for each unit (input file); override what you need.
  virtual void checkUnit(const model::Unit&, Reporter&) const {}
  virtual void checkRole(const model::Role&, Reporter&) const {}
  virtual void checkPolicy(const model::PolicyDocument&, Reporter&) const {}
  virtual void checkStatement(const model::Statement&, const model::PolicyDocument&, Reporter&) const {}
  // Each entry of Action or NotAction (`negated` for NotAction).
  virtual void checkAction(const model::StringItem&, bool /*negated*/, const model::Statement&,
                           const model::PolicyDocument&, Reporter&) const {}
  // Each entry of Resource or NotResource (`negated` for NotResource).
  virtual void checkResource(const model::StringItem&, bool /*negated*/, const model::Statement&,
                             const model::PolicyDocument&, Reporter&) const {}
  // Each key under each operator of the Condition block.
  virtual void checkCondition(const model::Condition&, const model::Statement&, const model::PolicyDocument&,
                              Reporter&) const {}
  // Once per run, after every unit: checks across roles (e.g. name clashes).
  virtual void checkRun(const std::vector<const model::Role*>&, Reporter&) const {}
  // Once per run, on what was found in the configuration file.
  virtual void checkConfig(const ConfigFindings&, const SuppressionUse&, Reporter&) const {}

 private:
  RuleMeta meta_;
  uint32_t hooks_ = ~0u;  // every hook unless makeRule<T> says otherwise
};

// The hooks T overrides: a hook T does not declare has the type of Rule's own.
template <typename T>
constexpr uint32_t hooksOf() {
  uint32_t h = 0;
  if (!std::is_same_v<decltype(&T::checkUnit), decltype(&Rule::checkUnit)>) h |= kHookUnit;
  if (!std::is_same_v<decltype(&T::checkRole), decltype(&Rule::checkRole)>) h |= kHookRole;
  if (!std::is_same_v<decltype(&T::checkPolicy), decltype(&Rule::checkPolicy)>) h |= kHookPolicy;
  if (!std::is_same_v<decltype(&T::checkStatement), decltype(&Rule::checkStatement)>) h |= kHookStatement;
  if (!std::is_same_v<decltype(&T::checkAction), decltype(&Rule::checkAction)>) h |= kHookAction;
  if (!std::is_same_v<decltype(&T::checkResource), decltype(&Rule::checkResource)>) h |= kHookResource;
  if (!std::is_same_v<decltype(&T::checkCondition), decltype(&Rule::checkCondition)>) h |= kHookCondition;
  if (!std::is_same_v<decltype(&T::checkRun), decltype(&Rule::checkRun)>) h |= kHookRun;
  if (!std::is_same_v<decltype(&T::checkConfig), decltype(&Rule::checkConfig)>) h |= kHookConfig;
  return h;
}

// Makes a rule and records the hooks it declares: `return engine::makeRule<MyRule>();`.
template <typename T, typename... Args>
std::unique_ptr<Rule> makeRule(Args&&... args) {
  auto rule = std::make_unique<T>(std::forward<Args>(args)...);
  rule->setHooks(hooksOf<T>());
  return rule;
}

}  // namespace rolelint::engine
