// RL355 session-duration-above-convention: MaxSessionDuration above the organisation's maximum
// (conventions.maxSessionDuration). IAM's own range (3600–43200) per IAM API Reference, CreateRole
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

std::optional<long long> wholeSeconds(const json::Value& v) {
  if (!v.isNumber() || v.text.find_first_of(".eE-") != std::string::npos || v.text.size() > 12) return std::nullopt;
  return std::stoll(v.text);
}

class SessionDurationAboveConvention final : public engine::Rule {
 public:
  SessionDurationAboveConvention()
      : engine::Rule(
            {.id = "RL355",
             .name = "session-duration-above-convention",
             .category = engine::Category::Role,
             .severity = core::Severity::Warning,
             .summary = "MaxSessionDuration is above the organisation's maximum (conventions.maxSessionDuration).",
             .options = {role::conventionOption("maxSessionDuration", "integer", "the longest MaxSessionDuration allowed, in seconds")},
             .equivalents = {}}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    const json::Value* v = role::convention(c, "maxSessionDuration");
    if (v == nullptr) return;
    auto s = wholeSeconds(*v);
    if (!s || *s < 3600 || *s > 43200) {
      r.report(role::locateConfig(c, *v),
               "conventions.maxSessionDuration must be a whole number of seconds from 3600 to 43200 (IAM's range for "
               "MaxSessionDuration), not " +
                   (v->isNumber() ? v->text.str() : std::string(json::kindName(v->kind))) +
                   "; this convention is not checked",
               {}, {}, {}, "Set conventions.maxSessionDuration to a whole number of seconds from 3600 to 43200");
    }
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(options_, "maxSessionDuration");
    if (v == nullptr || role.maxSessionDuration == nullptr) return;  // the default, 3600, is the minimum
    auto limit = wholeSeconds(*v);
    auto actual = wholeSeconds(*role.maxSessionDuration);
    if (!limit || *limit < 3600 || *limit > 43200 || !actual || *actual <= *limit) return;
    r.report(role, *role.maxSessionDuration,
             "MaxSessionDuration is " + role.maxSessionDuration->text + " seconds; the organisation allows at most " +
                 v->text + " (conventions.maxSessionDuration); longer sessions keep leaked credentials valid longer",
             "Set MaxSessionDuration to " + v->text + " or less");
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL355() { return engine::makeRule<SessionDurationAboveConvention>(); }

}  // namespace rolelint::rules
