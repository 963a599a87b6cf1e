// What a rule is: metadata (the contract of design.md §3) plus hooks the engine
// calls during its single traversal of the model. A rule looks at what it is
// given and reports; it never formats text, reads configuration of severity or
// walks the tree itself.
#pragma once
#include <optional>
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

enum class Category { Input, Policy, Catalog, Role, Trust, Effective, Security, Tool };
std::string_view categoryName(Category c);  // "input", "policy", …
enum class Status { Stable, Preview };
std::string_view statusName(Status s);

struct RuleOption {
  std::string name;
  std::string type;  // "integer", "string", "boolean", "array"
  nlohmann::json defaultValue;
  std::string description;
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
// id, name and severity on each diagnostic.
class Reporter {
 public:
  Reporter(const RuleMeta& meta, const nlohmann::json& options, const Config& config,
           const catalog::Catalog* catalog, std::vector<core::Diagnostic>& sink)
      : meta_(meta), options_(options), config_(config), catalog_(catalog), sink_(sink) {}

  void report(core::Location location, std::string message, std::string role = {}, std::string policy = {},
              std::vector<core::RelatedLocation> related = {});
  // A finding about `at`, a value inside `policy`.
  void report(const model::PolicyDocument& policy, const json::Value& at, std::string message);
  // A finding about the key of the member holding `at`.
  void reportKey(const model::PolicyDocument& policy, const json::Value& at, std::string message);
  void report(const model::Role& role, const json::Value& at, std::string message);

  // The rule's options: defaults from its metadata, overridden by configuration.
  const nlohmann::json& options() const { return options_; }
  // The run's configuration: quotas, conventions (rules never read severities or suppressions).
  const Config& config() const { return config_; }
  // The IAM catalog (may be null when none is loaded).
  const catalog::Catalog* catalog() const { return catalog_; }

 private:
  const RuleMeta& meta_;
  const nlohmann::json& options_;
  const Config& config_;
  const catalog::Catalog* catalog_;
  std::vector<core::Diagnostic>& sink_;
};

// Which suppressions matched something, for the unused-suppression rule.
struct SuppressionUse {
  std::vector<size_t> matches;  // per config suppression: findings it matched
  std::vector<bool> ruleRan;    // per config suppression: its rule was enabled in this run
};

class Rule {
 public:
  explicit Rule(RuleMeta meta) : meta_(std::move(meta)) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  const RuleMeta& meta() const { return meta_; }

  // Hooks, called in this order for each unit (input file); override what you need.
  virtual void checkUnit(const model::Unit&, Reporter&) const {}
  virtual void checkRole(const model::Role&, Reporter&) const {}
  virtual void checkPolicy(const model::PolicyDocument&, Reporter&) const {}
  virtual void checkStatement(const model::Statement&, const model::PolicyDocument&, Reporter&) const {}
  // Once per run, after every unit: checks across roles (e.g. name clashes).
  virtual void checkRun(const std::vector<const model::Role*>&, Reporter&) const {}
  // Once per run, on the configuration itself.
  virtual void checkConfig(const Config&, const SuppressionUse&, Reporter&) const {}

 private:
  RuleMeta meta_;
};

}  // namespace rolelint::engine
