// Effective permissions per service; see effective.h. Evaluation semantics:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// (explicit deny wins; identity allow AND boundary allow) and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html.
#include "analysis/effective.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/match.h"

namespace rolelint::analysis {

std::vector<ServiceAccess> effectiveAccess(const Policies& policies, const catalog::Catalog& catalog) {
  // Every catalog action some identity Allow statement covers.
  std::set<catalog::ActionRef> granted;
  for (const model::PolicyDocument* doc : policies.identity) {
    if (doc == nullptr) continue;
    for (const auto& s : doc->statements) {
      if (s.effect != model::Effect::Allow) continue;
      if (!s.resource.present() && !s.notResource.present()) continue;
      if (s.action.present()) {
        for (const auto& item : s.action.items)
          for (catalog::ActionRef ref : catalog.expandActionPattern(item.value)) granted.insert(ref);
      } else if (s.notAction.present()) {
        // NotAction + Allow: every action of every service except those listed.
        for (catalog::ActionRef ref = 0; ref < catalog.actionCount(); ++ref)
          if (statementCoversAction(s, catalog.actionName(ref))) granted.insert(ref);
      }
    }
  }
  std::vector<const model::PolicyDocument*> all(policies.identity.begin(), policies.identity.end());
  if (policies.boundary != nullptr) all.push_back(policies.boundary);
  std::map<std::string, ServiceAccess, std::less<>> out;
  for (catalog::ActionRef ref : granted) {
    const std::string name = catalog.actionName(ref);
    ServiceAccess& sa = out[std::string(catalog.servicePrefixOf(ref))];
    sa.service = std::string(catalog.servicePrefixOf(ref));
    ++sa.granted;
    bool ok = policies.boundary == nullptr || mayAllow(*policies.boundary, name);
    if (ok)
      for (const auto* d : all)
        if (d != nullptr && alwaysDenies(*d, name) != nullptr) {
          ok = false;
          break;
        }
    if (!ok) {
      if (sa.blocked.size() < 3) sa.blocked.push_back(name);
      continue;
    }
    ++sa.effective;
    ++sa.byLevel[static_cast<size_t>(catalog.accessLevel(ref))];
    if (sa.examples.size() < 3) sa.examples.push_back(name);
  }
  std::vector<ServiceAccess> result;
  for (auto& [k, v] : out) result.push_back(std::move(v));
  return result;
}

}  // namespace rolelint::analysis
