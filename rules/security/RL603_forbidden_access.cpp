// RL603 forbidden-access: a role can perform an action the configuration's
// "forbid" list forbids (.rolelint.json, docs/configuration.md), on a forbidden
// resource, under some request that the evaluator confirms — over all the role's
// policies, after the boundary, Denies and conditions. IAM Access Analyzer's
// CheckAccessNotGranted
// (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html),
// over a whole role and offline. Silent when no request can be allowed.
#include "engine/config.h"
#include "rules/registry.h"
#include "engine/security.h"

namespace rolelint::rules {
namespace {

class ForbiddenAccess final : public engine::Rule {
 public:
  ForbiddenAccess()
      : engine::Rule({.id = "RL603",
                      .name = "forbidden-access",
                      .category = engine::Category::Security,
                      .severity = core::Severity::Error,
                      .summary = "The role can perform an action the configuration's \"forbid\" list forbids.",
                      .options = {{.name = "forbid",
                                   .type = "array",
                                   .defaultValue = nlohmann::json::array(),
                                   .description = "The access no role may have: the configuration's top-level "
                                                  "\"forbid\" list (docs/configuration.md).",
                                   .configKey = "forbid"}},
                      .equivalents = {"access-analyzer:CHECK_ACCESS_NOT_GRANTED"},
                      .securitySeverity = 8.0}) {}

  // The entries come validated by the configuration parser (RL902 reports bad
  // ones); each keeps where it is written, for the finding's related location.
  void configure(const engine::Options& options, engine::Reporter&) override {
    forbid_.clear();
    const json::Value* list = options.node("forbid");
    for (const nlohmann::json& e : options.json("forbid")) {
      if (!e.is_object() || !e.contains("actions") || !e["actions"].is_array()) continue;
      Entry f;
      for (const auto& a : e["actions"])
        if (a.is_string()) f.actions.push_back(a.get<std::string>());
      if (e.contains("resources") && e["resources"].is_array())
        for (const auto& a : e["resources"])
          if (a.is_string()) f.resources.push_back(a.get<std::string>());
      if (f.resources.empty()) f.resources.push_back("*");
      f.roles = e.value("roles", "");
      f.reason = e.value("reason", "");
      const size_t index = e.value("index", size_t{0});
      if (list != nullptr && list->isArray() && index < list->elements.size())
        f.location = options.locate(list->elements[index]);
      forbid_.push_back(std::move(f));
    }
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (forbid_.empty()) return;
    const auto access = security::roleAccess(role, r);
    if (!access) return;
    for (const Entry& f : forbid_) {
      if (!f.roles.empty() && !engine::globMatch(f.roles, role.displayName)) continue;
      const analysis::AccessAnswer a = analysis::findAccess(access->subject, r.catalog(), f.actions, f.resources, access->core);
      if (!a.allowed) continue;
      std::vector<core::RelatedLocation> related;
      const analysis::StatementRef* first = nullptr;
      const std::string request = security::describeRequest(*a.allowed, related, &first);
      if (first == nullptr) continue;
      if (!f.location.file.empty()) related.push_back({f.location, "the \"forbid\" entry"});
      r.report(first->policy->locate(*first->node),
               "the role can perform forbidden access: " + request + " is allowed" +
                   (f.reason.empty() ? std::string() : " (forbidden: " + f.reason + ")"),
               role.displayName, std::string(first->label), std::move(related), "Deny it, or narrow the granting statement");
    }
  }

 private:
  struct Entry {
    std::vector<std::string> actions, resources;
    std::string roles, reason;
    core::Location location;
  };
  std::vector<Entry> forbid_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL603() { return engine::makeRule<ForbiddenAccess>(); }

}  // namespace rolelint::rules
