#include "rules/support/effective_grants.h"

#include "analysis/match.h"

namespace rolelint::rules::effective {

std::vector<Grant> grantsOf(const model::Role& role, const catalog::Catalog* catalog) {
  std::vector<Grant> out;
  auto add = [&](const model::PolicyDocument& doc, const model::PolicyRef* ref) {
    for (const auto& s : doc.statements) {
      if (s.effect != model::Effect::Allow || !s.action.present()) continue;
      if (!s.resource.present() && !s.notResource.present()) continue;
      for (const auto& item : s.action.items) {
        auto actions = analysis::expandActions(item.value, catalog);
        if (!actions) continue;
        out.push_back({&doc, ref, &s, &item, std::move(*actions)});
      }
    }
  };
  for (const auto& d : role.inlinePolicies) add(d, nullptr);
  for (const auto& m : role.managed)
    if (m.document) add(*m.document, &m);
  return out;
}

std::string exampleResource(const model::Statement& s) {
  if (!s.resource.present() || s.resource.items.empty()) return "*";
  std::string r = s.resource.items.front().value;
  if (r == "*" || r.find("${") != std::string::npos) return "*";
  std::string out;
  for (char c : r) {
    if (c == '*') out += "example";
    else if (c == '?') out += 'x';
    else out += c;
  }
  return out;
}

}  // namespace rolelint::rules::effective
