// Conventions and quotas of the configuration as the rules read them, and the
// rules' shared options (countWhitespaceInStrings).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "engine/rule.h"

namespace re2 {
class RE2;
}
using re2::RE2;

namespace rolelint::engine::conventions {

// The size rules' option that counts whitespace inside strings, with its metadata.
inline constexpr const char* kCountWhitespaceOption = "countWhitespaceInStrings";
engine::RuleOption countWhitespaceOption();
// "characters without whitespace", or "… outside strings" when whitespace in strings counts.
std::string sizeUnit(bool countWhitespaceInStrings);

// A quota rule's option "limit", set by quotas.<quota> in .rolelint.json; AWS's default otherwise.
inline constexpr const char* kLimitOption = "limit";
engine::RuleOption quotaOption(const std::string& quota, int64_t awsDefault);

// A convention rule's option <key>, set by conventions.<key> in .rolelint.json (no default).
engine::RuleOption conventionOption(const std::string& key, const std::string& type, const std::string& description);
// The configuration's value of the convention option `key`, located, or nullptr.
const json::Value* convention(const engine::Options& options, std::string_view key);
// Location of a value of the configuration file.
core::Location locateConfig(const engine::Options& options, const json::Value& v);
// Location of the key of the member holding `v` in the configuration file.
core::Location locateConfigKey(const engine::Options& options, const json::Value& v);

// A convention pattern: conventions.<name> given as `v`. Returns the compiled
// pattern, or null when `v` is not a string or not a valid RE2 pattern; with a
// reporter, that problem is reported at `v` in the configuration file.
std::unique_ptr<RE2> conventionPattern(const engine::Options& options, const json::Value& v, const std::string& name,
                                       engine::Reporter* r);
// conventions.<name> must be an array of non-empty strings: returns them, or
// nullopt (reporting the first bad value when `r` is given).
std::optional<std::vector<const json::Value*>> conventionStrings(const engine::Options& options, const json::Value& v,
                                                                 const std::string& name, engine::Reporter* r);
// Compiles a user pattern with RE2 (UTF-8, unanchored unless the pattern anchors
// itself). Returns the compiled pattern, or an Error holding RE2's message.
core::Result<std::unique_ptr<RE2>> compilePattern(const std::string& pattern);
// The option trustedAccounts (conventions.trustedAccounts): the accounts, or nullopt when not
// configured (or malformed: malformed values are reported by RL403 when it is configured).
std::optional<std::vector<std::string>> trustedAccounts(const engine::Options& options);
// The option singleAccount (conventions.singleAccount): every file of the run deploys to one
// account (false when absent or not a boolean; RL302 reports a bad value).
bool singleAccount(const engine::Options& options);

}  // namespace rolelint::engine::conventions
