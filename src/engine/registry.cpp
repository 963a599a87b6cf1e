#include "engine/registry.h"

#include "core/intern.h"
#include "input/input.h"

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
                      std::vector<core::RelatedLocation> related, std::string help) {
  core::Diagnostic d;
  d.rule = meta_.id;
  // A rule's name and its help texts repeat in every finding of an audit: one kept
  // copy each (core::intern) instead of a heap copy per finding.
  d.name = core::intern(meta_.name);
  d.severity = meta_.severity;
  d.message = std::move(message);
  d.help = core::intern(help);
  d.location = std::move(location);
  d.role = std::move(role);
  d.policy = std::move(policy);
  d.related = std::move(related);
  sink_.push_back(std::move(d));
}

void Reporter::report(const model::PolicyDocument& policy, const json::Value& at, std::string message,
                      std::string help) {
  report(policy.locate(at), std::move(message), policy.roleName, policy.label, {}, std::move(help));
}

void Reporter::reportKey(const model::PolicyDocument& policy, const json::Value& at, std::string message,
                         std::string help) {
  report(policy.locateKey(at), std::move(message), policy.roleName, policy.label, {}, std::move(help));
}

void Reporter::reportSubstring(const model::PolicyDocument& p, const json::Value& v, size_t pos, size_t len,
                               std::string message, std::string help) {
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
  report(std::move(loc), std::move(message), p.roleName, p.label, {}, std::move(help));
}

void Reporter::reportMoot(const model::PolicyDocument& policy, const json::Value& at, std::string message,
                          std::string help) {
  report(policy, at, std::move(message), std::move(help));
  sink_.back().severity = core::Severity::Note;
  sink_.back().demoted = true;
}

void Reporter::report(const model::Role& role, const json::Value& at, std::string message, std::string help) {
  report(role.locate(at), std::move(message), role.displayName, "", {}, std::move(help));
}

const Options::Value* Options::find(std::string_view name) const {
  for (const auto& [n, v] : values_)
    if (n == name) return &v;
  return nullptr;
}

const nlohmann::json& Options::json(std::string_view name) const {
  static const nlohmann::json kNull;
  const Value* v = find(name);
  return v != nullptr ? v->value : kNull;
}

int64_t Options::integer(std::string_view name, int64_t fallback) const {
  const nlohmann::json& j = json(name);
  return j.is_number_integer() ? j.get<int64_t>() : fallback;
}

bool Options::boolean(std::string_view name, bool fallback) const {
  const nlohmann::json& j = json(name);
  return j.is_boolean() ? j.get<bool>() : fallback;
}

std::string Options::string(std::string_view name, std::string fallback) const {
  const nlohmann::json& j = json(name);
  return j.is_string() ? j.get<std::string>() : fallback;
}

const json::Value* Options::node(std::string_view name) const {
  const Value* v = find(name);
  return v != nullptr ? v->node : nullptr;
}

core::Location Options::locate(const json::Value& v) const {
  return configTree_ ? input::locate(*configTree_, v, configTree_->root()) : core::Location{};
}

core::Location Options::locateKey(const json::Value& v) const {
  return configTree_ ? input::locateKey(*configTree_, v, configTree_->root()) : core::Location{};
}

}  // namespace rolelint::engine
