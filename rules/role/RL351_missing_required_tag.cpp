// RL351 missing-required-tag: a tag the organisation requires (conventions.requiredTags) is missing or its
// value does not match the required pattern. Tag keys of roles are compared ignoring case, as IAM does (Tags for
// AWS Identity and Access Management resources, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class MissingRequiredTag final : public engine::Rule {
 public:
  MissingRequiredTag()
      : engine::Rule({.id = "RL351",
                      .name = "missing-required-tag",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Warning,
                      .summary = "A tag required by the organisation (conventions.requiredTags) is missing or has a "
                                 "value that does not match.",
                      .options = {role::conventionOption("requiredTags", "object", "tag keys every role must carry, each with an RE2 pattern for its value")},
                      .equivalents = {}}) {}

  void configure(const engine::Options& c, engine::Reporter& r) override {
    options_ = c;
    const json::Value* v = role::convention(c, "requiredTags");
    if (v == nullptr) return;
    if (!v->isObject()) {
      r.report(role::locateConfig(c, *v),
               "conventions.requiredTags must be an object mapping tag keys to RE2 patterns of their values, not " +
                   std::string(json::kindName(v->kind)) + "; this convention is not checked",
               {}, {}, {}, "Write conventions.requiredTags as an object of tag keys and RE2 patterns");
      return;
    }
    for (const json::Member& m : v->members) {
      if (m.key.empty()) {
        r.report(role::locateConfigKey(c, m.value), "conventions.requiredTags has an empty tag key", {}, {}, {},
                 "Write the tag key, or remove the entry");
        continue;
      }
      role::conventionPattern(c, m.value, "conventions.requiredTags[\"" + m.key + "\"]", &r);
    }
  }

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    const json::Value* v = role::convention(options_, "requiredTags");
    if (v == nullptr || !v->isObject()) return;
    for (const json::Member& m : v->members) {
      if (m.key.empty()) continue;
      auto re = role::conventionPattern(options_, m.value, "", nullptr);
      if (!re) continue;
      const model::Tag* found = nullptr;
      for (const model::Tag& t : role.tags) {
        // The last one: IAM keeps the later of two tags whose keys differ only in case (RL312).
        if (t.key != nullptr && t.key->isString() && role::equalIgnoringCase(t.key->text, m.key)) found = &t;
      }
      if (found == nullptr) {
        const json::Value* tags = role.root->find("Tags");
        r.report(tags != nullptr ? role.locateKey(*tags) : role::roleAnchor(role),
                 "the role has no \"" + m.key +
                     "\" tag, which the organisation requires (conventions.requiredTags, "
                     "value matching " +
                     m.value.text + ")",
                 role.displayName, {}, {}, "Add {\"Key\": \"" + m.key + "\", \"Value\": …}");
        continue;
      }
      const std::string value = found->value != nullptr && found->value->isString() ? found->value->text : "";
      if (core::hasUnknown(value)) continue;  // present, value unknown (core/unknown.h)
      if (RE2::PartialMatch(value, *re)) continue;
      r.report(role, found->value != nullptr ? *found->value : *found->node,
               "tag \"" + found->key->text + "\" has the value \"" + value +
                   "\", which does not match the organisation's pattern " + m.value.text +
                   " (conventions.requiredTags); tag-based conditions and reports that rely on it will not treat the "
                   "role as "
                   "intended",
               "Change the value to one matching " + m.value.text);
    }
  }

 private:
  engine::Options options_;
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL351() { return engine::makeRule<MissingRequiredTag>(); }

}  // namespace rolelint::rules
