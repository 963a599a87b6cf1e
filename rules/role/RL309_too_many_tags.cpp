// RL309 too-many-tags: more tags on a role than IAM allows (50 by default; quotas.tagsPerRole).
// Source: IAM and AWS STS quotas (50 tags per role)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), IAM API Reference, CreateRole, Tags
// (tagListType: at most 50) (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) and Tags for AWS
// Identity and Access Management resources (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class TooManyTags final : public engine::Rule {
 public:
  TooManyTags()
      : engine::Rule({.id = "RL309",
                      .name = "too-many-tags",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "The role has more tags than IAM allows per role (50 by default).",
                      .options = {role::quotaOption("tagsPerRole", 50)},
                      .equivalents = {"cfn-lint:E3033"}}) {}

  void configure(const engine::Options& o, engine::Reporter&) override {
    limit_ = o.integer(role::kLimitOption, 50);
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    if (role.tagsNode == nullptr) return;
    const int64_t limit = limit_;
    const auto n = static_cast<int64_t>(role.tagsNode->elements.size());
    if (n <= limit) return;
    const json::Value& first = role.tagsNode->elements[static_cast<size_t>(limit)];
    r.report(role, first,
             "the role has " + std::to_string(n) + " tags; IAM allows at most " + std::to_string(limit) +
                 " per role, and rejects the whole CreateRole/TagRole request; this is tag " +
                 std::to_string(limit + 1),
             "Remove tags or combine values into one tag");
  }

 private:
  int64_t limit_ = 50;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL309() { return engine::makeRule<TooManyTags>(); }

}  // namespace rolelint::rules
