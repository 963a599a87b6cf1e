// RL307 invalid-max-session-duration: MaxSessionDuration outside 3600–43200 seconds or not a whole number.
// Source: IAM API Reference, CreateRole, MaxSessionDuration (roleMaxSessionDurationType: 3600–43200)
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and IAM and AWS STS quotas
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr long long kMin = 3600, kMax = 43200;

class InvalidMaxSessionDuration final : public engine::Rule {
 public:
  InvalidMaxSessionDuration()
      : engine::Rule(
            {.id = "RL307",
             .name = "invalid-max-session-duration",
             .category = engine::Category::Role,
             .severity = core::Severity::Error,
             .summary = "MaxSessionDuration is not a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).",
             .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role.maxSessionDuration;
    if (v == nullptr) return;
    const std::string& t = v->text;
    if (t.find_first_of(".eE") != std::string::npos) {
      r.report(role, *v,
               "MaxSessionDuration " + t +
                   " is not a whole number; IAM takes an integer number of seconds from 3600 "
                   "to 43200",
               "Write a whole number of seconds from 3600 to 43200");
      return;
    }
    const bool negative = !t.empty() && t[0] == '-';
    const long long s = t.size() > 12 ? (negative ? kMin - 1 : kMax + 1) : std::stoll(t);
    if (s >= kMin && s <= kMax) return;
    r.report(role, *v,
             "MaxSessionDuration is " + t + " seconds; IAM requires " + std::to_string(kMin) + " (1 hour) to " +
                 std::to_string(kMax) + " (12 hours), so CreateRole fails",
             s < kMin ? "Set MaxSessionDuration to at least " + std::to_string(kMin) +
                            " and choose shorter sessions per AssumeRole call with DurationSeconds (from 900)"
                      : "Set MaxSessionDuration to at most " + std::to_string(kMax));
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL307() { return engine::makeRule<InvalidMaxSessionDuration>(); }

}  // namespace rolelint::rules
