// Shared helpers for the policy-grammar rules (RL1xx): policy kinds, the
// statement label used in messages, case-insensitive IAM wildcard matching,
// ARN splitting and sub-string locations inside a JSON string value.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"
#include "model/model.h"

namespace rolelint::rules::policy {

// True for a role trust policy (AssumeRolePolicyDocument or --kind trust).
inline bool isTrust(const model::PolicyDocument& p) { return p.kind == model::PolicyKind::Trust; }

std::string lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);

// "statement 0" or "statement 0 (Sid \"Read\")".
std::string label(const model::Statement& s);

// IAM wildcard matching: `*` matches any run of characters, `?` exactly one.
bool wildcardMatch(std::string_view pattern, std::string_view text, bool ignoreCase);

// The six colon-separated fields of an ARN (the last keeps its colons), or
// nullopt when there are fewer than six.
std::optional<std::vector<std::string>> splitArn(std::string_view arn);

// Report about text[pos, pos+len) inside the string value `v` when the value is
// written on one line without escapes; otherwise about the whole value.
void reportSubstring(engine::Reporter& r, const model::PolicyDocument& p, const json::Value& v, size_t pos,
                     size_t len, std::string message);

// JSON type name of a value: "a string", "an array", …
std::string typeName(const json::Value& v);

// "Null", "ForAllValues:StringLike", … split into qualifier, base operator and IfExists.
struct Operator {
  std::string qualifier;  // "ForAllValues", "ForAnyValue" or ""
  std::string base;       // operator without qualifier and IfExists, as written
  bool ifExists = false;
};
Operator parseOperator(std::string_view op);

// Families of the documented condition operators (case-sensitive names).
enum class OperatorFamily { Unknown, String, Numeric, Date, Bool, Binary, Ip, Arn, Null };
OperatorFamily familyOf(std::string_view base);
// The documented operator whose name equals `base` ignoring case, or "".
std::string_view knownOperatorIgnoringCase(std::string_view base);

// Whether a string contains a policy variable start "${".
inline bool hasVariable(std::string_view s) { return s.find("${") != std::string_view::npos; }

}  // namespace rolelint::rules::policy

namespace rolelint::rules::policy {

// Every string value of every principal entry ("AWS", "Service", …) of the
// statement's Principal (not NotPrincipal), with the entry's type.
struct PrincipalValue {
  const model::Principal::Entry* entry = nullptr;
  const model::StringItem* item = nullptr;
};
std::vector<PrincipalValue> principalValues(const model::Principal& p);

// Lower-case DNS-name shape: labels of [a-z0-9-], at least two labels.
bool isLowerHostname(std::string_view s);

// The ARN partitions of botocore's partitions.json (iam-facts §2.6).
bool isKnownPartition(std::string_view s);
// Whether some partition of that list starts with `s` (for the literal start of a pattern).
bool isKnownPartitionPrefix(std::string_view s);

}  // namespace rolelint::rules::policy

namespace rolelint::rules::policy {

// One "${…}" in a string: its offset and length in the string, the text
// between the braces, and whether it is closed by '}' before the next "${".
struct Variable {
  size_t pos = 0;
  size_t len = 0;
  std::string body;
  bool closed = true;
};
std::vector<Variable> variables(std::string_view s);

// Calls f(value, statement) for every string value of Resource and NotResource
// and every string condition value (with its Condition) of the statement.
template <typename F>
void forEachVariableSite(const model::Statement& s, F&& f) {
  for (const model::StringList* l : {&s.resource, &s.notResource}) {
    for (const model::StringItem& it : l->items) f(*it.node, static_cast<const model::Condition*>(nullptr));
  }
  for (const model::Condition& c : s.conditions) {
    for (const json::Value* v : c.values) {
      if (v->isString()) f(*v, &c);
    }
  }
}

}  // namespace rolelint::rules::policy

#include <array>
#include <cstdint>

namespace rolelint::rules::policy {

// An IPv4 or IPv6 address with an optional /prefix (defaulting to the full length).
struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
  int prefix = 32;
  int bits() const { return v6 ? 128 : 32; }
  // The address with the host bits cleared, written back as text.
  std::string network() const;
  bool hostBitsSet() const;
  // True when the whole range lies in a private, loopback, link-local or
  // unique-local range (RFC 1918, RFC 6598, RFC 4193…), which aws:SourceIp never sees.
  bool isPrivate() const;
};
std::optional<Cidr> parseCidr(std::string_view s);

// Types of the global condition keys (iam-facts §2.7); keys not in the table are Unknown.
enum class KeyType { Unknown, String, Arn, Bool, Date, Numeric, Ip, ArrayOfString };
KeyType globalKeyType(std::string_view key);
std::string_view keyTypeName(KeyType t);

// The documented spelling of a global condition key ("aws:SourceIp"), ignoring
// case, or "" when it is not a known global key. Tag keys return the prefix ("aws:PrincipalTag/").
std::string_view globalKeyName(std::string_view key);

}  // namespace rolelint::rules::policy
