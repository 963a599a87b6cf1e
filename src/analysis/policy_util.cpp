#include "analysis/policy_util.h"

#include "catalog/catalog.h"

#include "core/wildcard.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace rolelint::analysis::policy {

std::string label(const model::Statement& s) {
  std::string out = "statement " + std::to_string(s.index);
  if (s.sid != nullptr && s.sid->isString() && !s.sid->text.empty()) out += " (Sid \"" + s.sid->text + "\")";
  return out;
}

std::string typeName(const json::Value& v) { return std::string(json::kindName(v.kind)); }

}  // namespace rolelint::analysis::policy

namespace rolelint::analysis::policy {

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

bool isKnownPartitionPrefix(std::string_view s) {
  for (std::string_view k : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                             "aws-eusc"}) {
    if (k.substr(0, s.size()) == s) return true;
  }
  return false;
}

}  // namespace rolelint::analysis::policy

namespace rolelint::analysis::policy {

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

}  // namespace rolelint::analysis::policy

#include <cstdio>

namespace rolelint::analysis::policy {

bool isSingleValuedGlobalKey(const catalog::Catalog* c, std::string_view key) {
  if (c == nullptr) return false;
  const catalog::ConditionKey* k = c->findGlobalConditionKey(key);
  return k != nullptr && !k->isArray;
}

}  // namespace rolelint::analysis::policy
