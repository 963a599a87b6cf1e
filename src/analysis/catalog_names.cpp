#include "analysis/catalog_names.h"

#include <vector>

#include "core/embedded.h"
#include "analysis/trust_common.h"

namespace rolelint::analysis::lookup {
namespace {

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

// Reads "<tag>\t<count>" and the count lines after it into `out` (lower case).
core::Status section(const std::vector<std::string_view>& ls, std::size_t& i, std::string_view tag,
                     std::set<std::string>& out) {
  if (i >= ls.size()) return core::Error{"missing section " + std::string(tag)};
  const std::string_view head = ls[i++];
  if (head.substr(0, tag.size() + 1) != std::string(tag) + "\t")
    return core::Error{"expected section " + std::string(tag)};
  std::size_t count = 0;
  for (const char c : head.substr(tag.size() + 1)) {
    if (c < '0' || c > '9') return core::Error{"bad count in section " + std::string(tag)};
    count = count * 10 + static_cast<std::size_t>(c - '0');
  }
  for (std::size_t n = 0; n < count; ++n, ++i) {
    if (i >= ls.size() || ls[i].empty()) return core::Error{"section " + std::string(tag) + " is short"};
    out.insert(trust::lower(ls[i]));
  }
  return core::Ok{};
}

// Glob match with * and ?, both lower case.
bool glob(std::string_view p, std::string_view t) { return trust::globMatch(p, t, true); }

}  // namespace

core::Result<ManagedPolicyNames> ManagedPolicyNames::parse(std::string_view text) {
  const auto ls = lines(text);
  if (ls.size() < 3 || ls[0] != "rolelint-managed-policy-names\t1")
    return core::Error{"not a rolelint-managed-policy-names 1 file"};
  std::size_t i = 1;
  while (i < ls.size() && (ls[i].rfind("data\t", 0) == 0 || ls[i].rfind("catalog\t", 0) == 0)) ++i;
  ManagedPolicyNames out;
  for (auto [tag, into] : {std::pair{"S", &out.services_}, std::pair{"A", &out.actions_}, std::pair{"K", &out.keys_}}) {
    if (auto s = section(ls, i, tag, *into); !s) return s.error();
  }
  return out;
}

bool ManagedPolicyNames::hasService(std::string_view prefix) const { return services_.count(trust::lower(prefix)) != 0; }
bool ManagedPolicyNames::hasAction(std::string_view action) const { return actions_.count(trust::lower(action)) != 0; }
bool ManagedPolicyNames::hasConditionKey(std::string_view key) const { return keys_.count(trust::lower(key)) != 0; }

bool ManagedPolicyNames::matchesAction(std::string_view pattern) const {
  const std::string p = trust::lower(pattern);
  const std::size_t colon = p.find(':');
  if (colon == std::string::npos) return false;
  // Actions of one service sort together: scan from the service prefix.
  const std::string service = p.substr(0, colon + 1);
  if (core::findWildcard(service) != std::string::npos) return false;
  for (auto it = actions_.lower_bound(service); it != actions_.end() && it->rfind(service, 0) == 0; ++it) {
    if (glob(p, *it)) return true;
  }
  return false;
}

const ManagedPolicyNames& managedPolicyNames() {
  static const ManagedPolicyNames names = [] {
    if (const auto text = embedded::find("rules/catalog/managed-policy-names.txt")) {
      if (auto parsed = ManagedPolicyNames::parse(*text); parsed.ok()) return std::move(*parsed);
    }
    return ManagedPolicyNames{};
  }();
  return names;
}

const std::set<std::string>& managedPolicyServicePrincipals() {
  static const std::set<std::string> principals = [] {
    std::set<std::string> out;
    const auto text = embedded::find("rules/catalog/service-principals.txt");
    if (!text) return out;
    const auto ls = lines(*text);
    if (ls.empty() || ls[0] != "rolelint-service-principals\t1") return out;
    std::size_t i = 1;
    while (i < ls.size() && ls[i].rfind("data\t", 0) == 0) ++i;
    if (!section(ls, i, "N", out).ok()) out.clear();
    return out;
  }();
  return principals;
}

}  // namespace rolelint::analysis::lookup
