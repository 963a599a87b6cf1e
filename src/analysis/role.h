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

#include "model/model.h"

namespace rolelint::analysis::role {

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
// A place to report something the role lacks: its RoleName, else the opening brace of the role.
core::Location roleAnchor(const model::Role& role);


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

}  // namespace rolelint::analysis::role
