// RL101 missing-version: a policy without "Version" is read as 2008-10-17, and
// an explicit "2008-10-17" is the same legacy grammar: policy variables are
// literal text under it (issue 17, item 10).
// Source: IAM User Guide, IAM JSON policy elements: Version
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
#include "rules/registry.h"

namespace rolelint::rules {
namespace {

class MissingVersion final : public engine::Rule {
 public:
  MissingVersion()
      : engine::Rule({.id = "RL101",
                      .name = "missing-version",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "The policy has no Version element or the legacy \"2008-10-17\", under which policy "
                                 "variables are plain text.",
                      .equivalents = {"access-analyzer:MISSING_VERSION", "parliament:NO_VERSION", "cfn-lint:W2511"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.version != nullptr) {
      if (p.version->isString() && p.version->text == "2008-10-17") {
        r.report(p, *p.version,
                 "\"2008-10-17\" is the legacy policy grammar: policy variables such as ${aws:username} are plain "
                 "text under it",
                 "Write \"Version\": \"2012-10-17\"");
      }
      return;
    }
    core::Location loc = p.locate(*p.root);
    loc.range.end = loc.range.begin;
    ++loc.range.end.offset;
    ++loc.range.end.column;
    r.report(std::move(loc),
             "the " + std::string(model::kindName(p.kind)) +
                 " policy has no \"Version\"; IAM then applies the 2008-10-17 grammar, in which policy variables "
                 "such as ${aws:username} are plain text",
             p.roleName, p.label, {}, "Add \"Version\": \"2012-10-17\" as the first element");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL101() { return engine::makeRule<MissingVersion>(); }

}  // namespace rolelint::rules
