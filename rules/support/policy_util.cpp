#include "rules/support/policy_util.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace rolelint::rules::policy {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string label(const model::Statement& s) {
  std::string out = "statement " + std::to_string(s.index);
  if (s.sid != nullptr && s.sid->isString() && !s.sid->text.empty()) out += " (Sid \"" + s.sid->text + "\")";
  return out;
}

bool wildcardMatch(std::string_view pattern, std::string_view text, bool ignoreCase) {
  // Iterative glob matching with single back-tracking point (linear-ish, no recursion).
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto eq = [&](char a, char b) {
    return ignoreCase ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b))
                      : a == b;
  };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && eq(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::vector<std::string>> splitArn(std::string_view arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t c = arn.find(':', start);
    if (c == std::string_view::npos) return std::nullopt;
    parts.emplace_back(arn.substr(start, c - start));
    start = c + 1;
  }
  parts.emplace_back(arn.substr(start));
  return parts;
}

void reportSubstring(engine::Reporter& r, const model::PolicyDocument& p, const json::Value& v, size_t pos,
                     size_t len, std::string message) {
  core::Location loc = p.locate(v);
  const bool plain = v.isString() && loc.range.begin.line == loc.range.end.line &&
                     loc.range.end.offset - loc.range.begin.offset == v.text.size() + 2 &&
                     std::all_of(v.text.begin(), v.text.end(), [](unsigned char c) { return c < 0x80; }) &&
                     pos + len <= v.text.size() && len > 0;
  if (plain) {
    core::Pos b = loc.range.begin;
    b.offset += 1 + pos;
    b.column += static_cast<uint32_t>(1 + pos);
    core::Pos e = b;
    e.offset += len;
    e.column += static_cast<uint32_t>(len);
    loc.range = {b, e};
  }
  r.report(std::move(loc), std::move(message), p.roleName, p.label);
}

std::string typeName(const json::Value& v) { return std::string(json::kindName(v.kind)); }

Operator parseOperator(std::string_view op) {
  Operator o;
  for (std::string_view q : {"ForAllValues:", "ForAnyValue:"}) {
    if (op.substr(0, q.size()) == q) {
      o.qualifier = std::string(q.substr(0, q.size() - 1));
      op.remove_prefix(q.size());
      break;
    }
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() && op.substr(op.size() - kIfExists.size()) == kIfExists) {
    o.ifExists = true;
    op.remove_suffix(kIfExists.size());
  }
  o.base = std::string(op);
  return o;
}

namespace {
struct Known {
  std::string_view name;
  OperatorFamily family;
};
constexpr std::array<Known, 28> kOperators = {{
    {"StringEquals", OperatorFamily::String},
    {"StringNotEquals", OperatorFamily::String},
    {"StringEqualsIgnoreCase", OperatorFamily::String},
    {"StringNotEqualsIgnoreCase", OperatorFamily::String},
    {"StringLike", OperatorFamily::String},
    {"StringNotLike", OperatorFamily::String},
    {"NumericEquals", OperatorFamily::Numeric},
    {"NumericNotEquals", OperatorFamily::Numeric},
    {"NumericLessThan", OperatorFamily::Numeric},
    {"NumericLessThanEquals", OperatorFamily::Numeric},
    {"NumericGreaterThan", OperatorFamily::Numeric},
    {"NumericGreaterThanEquals", OperatorFamily::Numeric},
    {"DateEquals", OperatorFamily::Date},
    {"DateNotEquals", OperatorFamily::Date},
    {"DateLessThan", OperatorFamily::Date},
    {"DateLessThanEquals", OperatorFamily::Date},
    {"DateGreaterThan", OperatorFamily::Date},
    {"DateGreaterThanEquals", OperatorFamily::Date},
    {"Bool", OperatorFamily::Bool},
    {"BinaryEquals", OperatorFamily::Binary},
    {"IpAddress", OperatorFamily::Ip},
    {"NotIpAddress", OperatorFamily::Ip},
    {"ArnEquals", OperatorFamily::Arn},
    {"ArnLike", OperatorFamily::Arn},
    {"ArnNotEquals", OperatorFamily::Arn},
    {"ArnNotLike", OperatorFamily::Arn},
    {"Null", OperatorFamily::Null},
    {"", OperatorFamily::Unknown},
}};
}  // namespace

OperatorFamily familyOf(std::string_view base) {
  for (const Known& k : kOperators) {
    if (!k.name.empty() && k.name == base) return k.family;
  }
  return OperatorFamily::Unknown;
}

std::string_view knownOperatorIgnoringCase(std::string_view base) {
  for (const Known& k : kOperators) {
    if (!k.name.empty() && iequals(k.name, base)) return k.name;
  }
  return {};
}

}  // namespace rolelint::rules::policy

namespace rolelint::rules::policy {

std::vector<PrincipalValue> principalValues(const model::Principal& p) {
  std::vector<PrincipalValue> out;
  for (const model::Principal::Entry& e : p.entries) {
    for (const model::StringItem& i : e.values.items) out.push_back({&e, &i});
  }
  return out;
}

bool isLowerHostname(std::string_view s) {
  size_t labels = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) dot = s.size();
    const std::string_view l = s.substr(start, dot - start);
    if (l.empty() || l.front() == '-' || l.back() == '-') return false;
    for (char c : l) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    ++labels;
    start = dot + 1;
    if (dot == s.size()) break;
  }
  return labels >= 2;
}

bool isKnownPartition(std::string_view s) {
  for (std::string_view k : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                             "aws-eusc"}) {
    if (s == k) return true;
  }
  return false;
}

}  // namespace rolelint::rules::policy

namespace rolelint::rules::policy {

std::vector<Variable> variables(std::string_view s) {
  std::vector<Variable> out;
  size_t at = s.find("${");
  while (at != std::string_view::npos) {
    const size_t close = s.find('}', at + 2);
    const size_t next = s.find("${", at + 2);
    if (close == std::string_view::npos || (next != std::string_view::npos && next < close)) {
      const size_t end = next == std::string_view::npos ? s.size() : next;
      out.push_back({at, end - at, std::string(s.substr(at + 2, end - at - 2)), false});
      at = next;
      continue;
    }
    out.push_back({at, close + 1 - at, std::string(s.substr(at + 2, close - at - 2)), true});
    at = s.find("${", close + 1);
  }
  return out;
}

}  // namespace rolelint::rules::policy
