// .rolelint.json (design.md §6): rule switches, severities and options,
// organisation conventions, quotas, policy files by ARN and suppressions.
// Parsed with the located reader so that every problem in it has a place.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/result.h"
#include "input/input.h"

namespace rolelint::engine {

class Registry;

struct RuleSetting {
  bool off = false;
  std::optional<core::Severity> severity;
  nlohmann::json options = nlohmann::json::object();
};

struct Suppression {
  std::string rule;     // "RL601"
  std::string path;     // glob over the finding's file ("" = any): * and ? within a segment, ** across
  std::string pointer;  // JSON pointer prefix ("" = anywhere)
  std::string reason;
  core::Location location;  // where the suppression is written
};

// "forbid": access no role may have (the forbidden-access rule): some action of
// `actions` on some resource of `resources`, for the roles whose name matches `roles`.
struct Forbid {
  std::vector<std::string> actions;    // IAM action patterns ("s3:Delete*")
  std::vector<std::string> resources;  // ARN patterns; ["*"] when not given
  std::string roles;                   // glob over role names ("" = every role)
  std::string reason;
  core::Location location;             // the entry in the configuration
  size_t index = 0;                    // its position in the "forbid" array
};

struct ConfigProblem {
  enum class Kind { UnknownKey, InvalidValue } kind = Kind::InvalidValue;
  std::string message;
  core::Location location;
};

struct Config {
  std::string file;  // "" when no config file was used
  std::filesystem::path directory;  // relative paths in the config start here
  std::shared_ptr<const input::Tree> tree;
  std::map<std::string, RuleSetting> rules;
  const json::Value* conventions = nullptr;  // read by the convention rules
  std::map<std::string, int64_t> quotas;
  std::map<std::string, std::string> policies;  // ARN -> path (relative to `directory`)
  std::vector<Suppression> suppressions;
  std::vector<Forbid> forbid;
  std::vector<ConfigProblem> problems;
  bool fatal = false;  // the file could not be read as JSON at all
  // The analysis date (--now), seconds since the epoch: aws:CurrentTime of the
  // security rules' requests. Unset: the current time.
  std::optional<double> now;

  std::optional<int64_t> quota(const std::string& name) const;
};

// Parses a config text. Problems (unknown keys, bad values, unknown rule ids
// when `registry` is given) are recorded, never thrown.
Config parseConfig(std::string displayPath, std::string text, const Registry* registry);
// Reads `path` and parses it; an Error when the file cannot be read (problems
// in its content are recorded in the Config, as parseConfig does).
core::Result<Config> loadConfig(const std::filesystem::path& path, const Registry* registry);
// .rolelint.json in `start` or the nearest parent directory that has one.
std::optional<std::filesystem::path> findConfig(const std::filesystem::path& start);

// Glob match for suppression paths.
bool globMatch(std::string_view pattern, std::string_view path);

}  // namespace rolelint::engine
