// Shared by the RL3xx role rules: UTF-8 character counting, the policy-size
// counter (characters without whitespace, the way IAM's size quotas count),
// quota and convention look-ups in the configuration, and small role
// predicates (service-linked, assumable only by AWS services).
#pragma once
#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.h"
#include "engine/rule.h"
#include "model/model.h"

namespace rolelint::rules::role {

// Number of Unicode characters (code points) in a UTF-8 string.
size_t characterCount(std::string_view utf8);
// The first character of `utf8` that `allowed` does not accept, described as
// "'é' (U+00E9)"; nullopt when every character is allowed.
std::optional<std::string> firstDisallowed(std::string_view utf8, bool (*allowed)(char32_t));
// The first character that does not fully match the one-character RE2 class `cls`.
std::optional<std::string> firstDisallowed(std::string_view utf8, const RE2& cls);

// Equal when case is ignored: ASCII folding, and Unicode simple case folding
// (through RE2's case-insensitive matching) when either string is not ASCII.
bool equalIgnoringCase(std::string_view a, std::string_view b);

// Size of a policy document as IAM's size quotas count it: characters, without
// whitespace (space, tab, line feed, carriage return), inside string literals
// as well unless `countWhitespaceInStrings` (the rules' option of that name). A document written as a JSON object in
// place is counted from its source text; a document embedded as a JSON string (or URL-encoded string) is re-serialized
// compactly from the parsed tree (strings escape only '"', '\' and control characters), i.e. it is counted as the
// decoded text IAM receives.
size_t policySize(const model::PolicyDocument& doc, bool countWhitespaceInStrings = false);
// The rules' option that sets it, with its metadata.
inline constexpr const char* kCountWhitespaceOption = "countWhitespaceInStrings";
engine::RuleOption countWhitespaceOption();
// Its value for the rule reporting through `r`.
bool countWhitespaceInStrings(const engine::Reporter& r);
// "characters without whitespace", or "… outside strings" when the option is set.
std::string sizeUnit(const engine::Reporter& r);

// A quota from .rolelint.json "quotas", or AWS's default.
int64_t quota(const engine::Config& config, const std::string& name, int64_t awsDefault);

// The value of conventions.<key> in the configuration, or nullptr.
const json::Value* convention(const engine::Config& config, std::string_view key);
// Location of a value of the configuration file.
core::Location locateConfig(const engine::Config& config, const json::Value& v);
// Location of the key of the member holding `v` in the configuration file.
core::Location locateConfigKey(const engine::Config& config, const json::Value& v);

// A convention pattern: conventions.<name> given as `v`. Returns the compiled
// pattern, or null when `v` is not a string or not a valid RE2 pattern; with a
// reporter, that problem is reported at `v` in the configuration file.
std::unique_ptr<RE2> conventionPattern(const engine::Config& config, const json::Value& v, const std::string& name,
                                       engine::Reporter* r);
// conventions.<name> must be an array of non-empty strings: returns them, or
// nullopt (reporting the first bad value when `r` is given).
std::optional<std::vector<const json::Value*>> conventionStrings(const engine::Config& config, const json::Value& v,
                                                                 const std::string& name, engine::Reporter* r);
// A place to report something the role lacks: its RoleName, else the opening brace of the role.
core::Location roleAnchor(const model::Role& role);

// Compiles a user pattern with RE2 (UTF-8, unanchored unless the pattern anchors
// itself). On error returns null and sets `error` to RE2's message.
std::unique_ptr<RE2> compilePattern(const std::string& pattern, std::string* error);

// The role's path, or "/" (IAM's default) when it has none.
std::string rolePath(const model::Role& role);
// A service-linked role: its path starts with /aws-service-role/.
bool isServiceLinked(const model::Role& role);
inline constexpr std::string_view kServiceRolePath = "/aws-service-role/";

// The trust policy lets only AWS services assume the role: it has at least one
// Allow statement and every Allow statement's Principal is {"Service": …} only.
bool onlyServicesTrusted(const model::Role& role);

// A location of one character: the first of `loc`'s range (for whole documents).
core::Location firstCharacter(core::Location loc);

}  // namespace rolelint::rules::role
