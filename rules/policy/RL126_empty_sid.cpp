// RL126 empty-sid: a Sid that is the empty string identifies nothing.
// Source: IAM User Guide, IAM JSON policy elements: Sid
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html) and IAM Access Analyzer
// policy check reference, "Empty Sid value"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class EmptySid final : public engine::Rule {
 public:
  EmptySid()
      : engine::Rule({.id = "RL126",
                      .name = "empty-sid",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Note,
                      .summary = "A statement's Sid is an empty string.",
                      .equivalents = {"access-analyzer:EMPTY_SID_VALUE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.sid == nullptr || !s.sid->isString() || !s.sid->text.empty()) return;
    r.report(p, *s.sid,
             "statement " + std::to_string(s.index) +
                 " has an empty \"Sid\", which identifies nothing",
             "Give it a name such as \"ReadMediaBucket\" or remove the element");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL126() { return engine::makeRule<EmptySid>(); }

}  // namespace rolelint::rules
