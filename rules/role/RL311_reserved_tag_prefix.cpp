// RL311 reserved-tag-prefix: a tag key or value that begins with the reserved "aws:" prefix.
// Source: Tags for AWS Identity and Access Management resources ("aws:" prefix reserved)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html) and IAM API Reference, Tag
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html).
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

bool awsPrefix(const json::Value* v) {
  if (v == nullptr || !v->isString() || v->text.size() < 4) return false;
  std::string p = v->text.substr(0, 4);
  for (char& c : p)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return p == "aws:";
}

class ReservedTagPrefix final : public engine::Rule {
 public:
  ReservedTagPrefix()
      : engine::Rule({.id = "RL311",
                      .name = "reserved-tag-prefix",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "A tag key or value begins with the prefix aws:, which AWS reserves for its own use.",
                      .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    for (const model::Tag& t : role.tags) {
      if (awsPrefix(t.key)) {
        r.report(role, *t.key,
                 "tag key \"" + t.key->text +
                     "\" begins with \"aws:\", a prefix AWS reserves for its own tags; IAM rejects the request",
                 "Use your own prefix (e.g. \"org:\")");
      }
      if (awsPrefix(t.value)) {
        r.report(role, *t.value,
                 "tag value \"" + t.value->text +
                     "\" begins with \"aws:\", which IAM reserves for AWS in tag keys and values",
                 "Write the value without the \"aws:\" prefix");
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL311() { return engine::makeRule<ReservedTagPrefix>(); }

}  // namespace rolelint::rules
