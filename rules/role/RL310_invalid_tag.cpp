// RL310 invalid-tag: a tag whose key or value IAM rejects (key 1–128, value 0–256 characters of
// [\p{L}\p{Z}\p{N}_.:/=+\-@]).
// Source: IAM API Reference, Tag (tagKeyType / tagValueType)
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html) and Tags for AWS Identity and Access Management
// resources (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html).
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/role.h"

namespace rolelint::rules {
namespace {

constexpr size_t kMaxKey = 128, kMaxValue = 256;

const RE2& tagChar() {
  static const RE2 re(R"([\p{L}\p{Z}\p{N}_.:/=+\-@])");  // UTF-8 by default
  return re;
}

// ASCII text is checked directly; RE2's Unicode classes (costly to compile, a
// noticeable part of a pre-commit run) are built only for non-ASCII text.
std::optional<std::string> firstDisallowedTagChar(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return role::firstDisallowed(text, tagChar());
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' ||
           c == '.' || c == ':' || c == '/' || c == '=' || c == '+' || c == '-' || c == '@';
  };
  for (char c : text) {
    if (!allowed(c)) return role::firstDisallowed(std::string_view(&c, 1), tagChar());
  }
  return std::nullopt;
}

class InvalidTag final : public engine::Rule {
 public:
  InvalidTag()
      : engine::Rule({.id = "RL310",
                      .name = "invalid-tag",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "A tag key or value is missing, too long or has characters IAM does not allow.",
                      .equivalents = {"cfn-lint:E3033", "cfn-lint:E3031"}}) {}

  void checkRole(const model::Role& role, engine::Reporter& r) const override {
    for (const model::Tag& t : role.tags) {
      if (t.key == nullptr) {
        r.report(role, *t.node, "tag has no \"Key\"; IAM requires a key of 1 to 128 characters in every tag",
                 "Add a \"Key\" of 1 to " + std::to_string(kMaxKey) + " characters");
      } else if (!t.key->isString()) {
        r.report(role, *t.key, "tag key is " + std::string(json::kindName(t.key->kind)) + "; IAM tag keys are strings",
                 "Write the key as a string");
      } else {
        check(role, *t.key, "key", 1, kMaxKey, r);
      }
      if (t.value == nullptr) continue;  // an absent value is the empty value
      if (!t.value->isString()) {
        r.report(role, *t.value,
                 "tag value is " + std::string(json::kindName(t.value->kind)) +
                     "; IAM tag values are strings",
                 t.value->isNumber()  ? "Write \"" + t.value->text + "\""
                 : t.value->isBool() ? std::string(t.value->boolean ? "Write \"true\"" : "Write \"false\"")
                                                          : std::string("Write the value as a string"));
      } else {
        check(role, *t.value, "value", 0, kMaxValue, r);
      }
    }
  }

 private:
  static void check(const model::Role& role, const json::Value& v, const std::string& what, size_t min, size_t max,
                    engine::Reporter& r) {
    if (core::hasUnknown(v.text)) return;  // present, value unknown (core/unknown.h)
    const size_t n = role::characterCount(v.text);
    if (n < min) {
      r.report(role, v, "tag " + what + " is empty; IAM requires 1 to " + std::to_string(max) + " characters",
               "Write a tag " + what + " of 1 to " + std::to_string(max) + " characters");
    } else if (n > max) {
      r.report(role, v,
               "tag " + what + " is " + std::to_string(n) + " characters; IAM allows at most " + std::to_string(max) +
                   ", and rejects the whole request",
               "Shorten the tag " + what + " to at most " + std::to_string(max) + " characters");
    }
    if (auto bad = firstDisallowedTagChar(v.text)) {
      r.report(role, v,
               "tag " + what + " contains " + *bad +
                   "; IAM tags allow only letters, numbers, spaces and _ . : / = + - @, and rejects the whole "
                   "request",
               "Remove or replace " + *bad);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL310() { return engine::makeRule<InvalidTag>(); }

}  // namespace rolelint::rules
