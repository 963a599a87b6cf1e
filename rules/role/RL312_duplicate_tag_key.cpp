// RL312 duplicate-tag-key: two tags of a role whose keys are equal ignoring case.
// Source: Tags for AWS Identity and Access Management resources (tag keys of roles and users are case-insensitive;
// a second tag with the same key replaces the first) (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
#include <vector>

#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

class DuplicateTagKey final : public engine::Rule {
 public:
  DuplicateTagKey()
      : engine::Rule({.id = "RL312",
                      .name = "duplicate-tag-key",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "Two tags of the role have keys that are equal when case is ignored.",
                      .equivalents = {}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    std::vector<const json::Value*> seen;
    for (const model::Tag& t : role.tags) {
      if (t.key == nullptr || !t.key->isString()) continue;
      const json::Value* match = nullptr;
      for (const json::Value* k : seen) {
        if (role::equalIgnoringCase(k->text, t.key->text)) {
          match = k;
          break;
        }
      }
      if (match == nullptr) {
        seen.push_back(t.key);
        continue;
      }
      const json::Value& first = *match;
      std::string msg = first.text == t.key->text
                            ? "tag key \"" + t.key->text + "\" appears twice; a role has one tag per key"
                            : "tag key \"" + t.key->text + "\" differs from \"" + first.text +
                                  "\" only in case; tag keys of IAM roles are case-insensitive";
      msg += ", so only one of the two tags is kept (the later one replaces the earlier)";
      r.report(role.locate(*t.key), std::move(msg), role.displayName, {},
               {core::RelatedLocation{role.locate(first), "the first tag with this key"}},
               "Keep one tag and put both values in it");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL312() { return engine::makeRule<DuplicateTagKey>(); }

}  // namespace rolelint::rules
