// RL141 missing-tag-key: tag condition keys name the tag after the slash
// (aws:ResourceTag/team); "aws:ResourceTag/" alone names no tag.
// Source: IAM User Guide, AWS global condition context keys, aws:ResourceTag/tag-key, aws:RequestTag/tag-key,
// aws:PrincipalTag/tag-key
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MissingTagKey final : public engine::Rule {
 public:
  MissingTagKey()
      : engine::Rule({.id = "RL141",
                      .name = "missing-tag-key",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A tag condition key such as aws:ResourceTag/ has no tag key after the slash.",
                      .equivalents = {"access-analyzer:MISSING_TAG_KEY_IN_CONDITION"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const std::string l = policy::lower(c.key);
    constexpr std::string_view kSuffixes[] = {"tag/", "resourcetag/", "requesttag/", "principaltag/"};
    bool bare = false;
    for (std::string_view suf : kSuffixes) {
      bare = bare || (l.size() >= suf.size() && l.compare(l.size() - suf.size(), suf.size(), suf) == 0);
    }
    if (!bare) return;
    r.reportKey(p, c.keyMember->value,
                "\"" + c.key + "\" names no tag: the key has nothing after the slash",
                "Write the tag key after the slash, e.g. \"" + c.key +
                    "team\"; to test which tag keys a request carries, use \"aws:TagKeys\"");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL141() { return engine::makeRule<MissingTagKey>(); }

}  // namespace rolelint::rules
