// Shared helpers for the policy-grammar rules (RL1xx): policy kinds, the
// statement label used in messages, case-insensitive IAM wildcard matching,
// ARN splitting and sub-string locations inside a JSON string value.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/arn.h"
#include "core/condition_operator.h"
#include "core/ip_range.h"
#include "core/text.h"
#include "model/model.h"

namespace rolelint::catalog {
class Catalog;
}

namespace rolelint::analysis::policy {

// True for a role trust policy (AssumeRolePolicyDocument or --kind trust).
inline bool isTrust(const model::PolicyDocument& p) { return p.kind == model::PolicyKind::Trust; }

using core::iequals;
using core::lower;

// "statement 0" or "statement 0 (Sid \"Read\")".
std::string label(const model::Statement& s);

// IAM wildcard matching: `*` matches any run of characters, `?` exactly one.
using core::wildcardMatch;

// The six colon-separated fields of an ARN as strings (core::splitArnFields:
// the last keeps its colons; a ':' inside ${…} does not separate), or nullopt
// when there are fewer than six.
inline std::optional<std::vector<std::string>> splitArn(std::string_view arn) {
  const auto f = core::splitArnFields(arn);
  if (!f) return std::nullopt;
  return std::vector<std::string>(f->begin(), f->end());
}


// JSON type name of a value: "a string", "an array", …
std::string typeName(const json::Value& v);

// Condition operators: one table and one parser (core/condition_operator.h).
using Operator = core::ConditionOperator;
using core::parseOperator;
using OperatorFamily = core::OperatorFamily;
// The family of the documented operator spelled exactly `base` (Unknown when none).
inline OperatorFamily familyOf(std::string_view base) {
  const core::OperatorInfo* o = core::findOperator(base);
  return o != nullptr ? o->family : OperatorFamily::Unknown;
}
// The documented operator whose name equals `base` ignoring case, or "".
inline std::string_view knownOperatorIgnoringCase(std::string_view base) {
  const core::OperatorInfo* o = core::findOperator(base, true);
  return o != nullptr ? o->name : std::string_view();
}

// Whether a string contains a policy variable start "${".
inline bool hasVariable(std::string_view s) { return s.find("${") != std::string_view::npos; }

}  // namespace rolelint::analysis::policy

namespace rolelint::analysis::policy {

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

}  // namespace rolelint::analysis::policy

namespace rolelint::analysis::policy {

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

}  // namespace rolelint::analysis::policy

#include <array>
#include <cstdint>

namespace rolelint::analysis::policy {

// IP ranges (core/ip_range.h).
using Cidr = core::IpRange;
inline std::optional<Cidr> parseCidr(std::string_view s) { return core::parseIpRange(s); }

// Whether `key` is a global condition key that the catalog lists as
// single-valued (its type is not ArrayOf…); false without a catalog.
bool isSingleValuedGlobalKey(const catalog::Catalog* c, std::string_view key);

}  // namespace rolelint::analysis::policy
