#include "engine/registry.h"

#include <algorithm>

namespace rolelint::engine {

std::string_view categoryName(Category c) {
  switch (c) {
    case Category::Input: return "input";
    case Category::Policy: return "policy";
    case Category::Catalog: return "catalog";
    case Category::Role: return "role";
    case Category::Trust: return "trust";
    case Category::Effective: return "effective";
    case Category::Security: return "security";
    case Category::Tool: return "tool";
  }
  return "policy";
}

std::string_view statusName(Status s) { return s == Status::Stable ? "stable" : "preview"; }

std::string docPath(std::string_view ruleId) { return "docs/rules/" + std::string(ruleId) + ".md"; }

std::string helpUri(std::string_view ruleId) { return std::string(kProjectUrl) + "/blob/main/" + docPath(ruleId); }

void Registry::add(std::unique_ptr<Rule> rule) {
  auto pos = std::lower_bound(rules_.begin(), rules_.end(), rule->meta().id,
                              [](const std::unique_ptr<Rule>& r, const std::string& id) { return r->meta().id < id; });
  rules_.insert(pos, std::move(rule));
}

const Rule* Registry::find(std::string_view id) const {
  auto pos = std::lower_bound(rules_.begin(), rules_.end(), id,
                              [](const std::unique_ptr<Rule>& r, std::string_view i) { return r->meta().id < i; });
  if (pos != rules_.end() && (*pos)->meta().id == id) return pos->get();
  return nullptr;
}

void Reporter::report(core::Location location, std::string message, std::string role, std::string policy,
                      std::vector<core::RelatedLocation> related) {
  core::Diagnostic d;
  d.rule = meta_.id;
  d.name = meta_.name;
  d.severity = meta_.severity;
  d.message = std::move(message);
  d.location = std::move(location);
  d.role = std::move(role);
  d.policy = std::move(policy);
  d.related = std::move(related);
  sink_.push_back(std::move(d));
}

void Reporter::report(const model::PolicyDocument& policy, const json::Value& at, std::string message) {
  report(policy.locate(at), std::move(message), policy.roleName, policy.label);
}

void Reporter::reportKey(const model::PolicyDocument& policy, const json::Value& at, std::string message) {
  report(policy.locateKey(at), std::move(message), policy.roleName, policy.label);
}

void Reporter::report(const model::Role& role, const json::Value& at, std::string message) {
  report(role.locate(at), std::move(message), role.displayName, "");
}

}  // namespace rolelint::engine
