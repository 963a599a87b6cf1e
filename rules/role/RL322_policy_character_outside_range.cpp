// RL322 policy-character-outside-range: a policy document may contain only TAB,
// LF, CR and the characters U+0020 to U+00FF; anything else (typographic quotes
// pasted from a document, a non-breaking hyphen, emoji, CJK text in a Sid or a
// condition value) makes IAM reject the document.
// Source: IAM API Reference, CreatePolicy / PutRolePolicy / CreateRole,
// PolicyDocument and AssumeRolePolicyDocument pattern [\u0009\u000A\u000D\u0020-\u00FF]+
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html).
#include <cstdio>

#include "rules/registry.h"

namespace rolelint::rules {
namespace {

// The first character above U+00FF in raw UTF-8 bytes: its offset, length and code point.
struct Found {
  size_t offset = 0;
  size_t length = 0;
  unsigned codePoint = 0;
};

std::optional<Found> firstOutside(std::string_view raw) {
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) continue;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > raw.size()) return std::nullopt;
    unsigned cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0F : c & 0x1F;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(raw[i + k]) & 0x3F);
    if (len == 1) return std::nullopt;  // not UTF-8: RL003's finding
    if (cp > 0xFF) return Found{i, len, cp};
    i += len - 1;
  }
  return std::nullopt;
}

class PolicyCharacterOutsideRange final : public engine::Rule {
 public:
  PolicyCharacterOutsideRange()
      : engine::Rule({.id = "RL322",
                      .name = "policy-character-outside-range",
                      .category = engine::Category::Role,
                      .severity = core::Severity::Error,
                      .summary = "A policy document contains a character IAM does not accept (only TAB, LF, CR and U+0020 to U+00FF are allowed)."}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.root == nullptr) return;
    const std::string& text = p.tree->source->text;
    // Every string (keys too), in document order; report the first offending character of each.
    std::vector<const json::Value*> stack{p.root};
    while (!stack.empty()) {
      const json::Value* v = stack.back();
      stack.pop_back();
      for (auto it = v->elements.rbegin(); it != v->elements.rend(); ++it) stack.push_back(&*it);
      for (auto it = v->members.rbegin(); it != v->members.rend(); ++it) {
        check(p, text, it->keyRange(), &it->value, r);
        stack.push_back(&it->value);
      }
      if (v->isString()) check(p, text, v->range(), v, r);
    }
  }

 private:
  static void check(const model::PolicyDocument& p, const std::string& text, json::Span range, const json::Value* v,
                    engine::Reporter& r) {
    if (range.end <= range.begin || range.end > text.size()) return;
    const auto found = firstOutside(std::string_view(text).substr(range.begin, range.end - range.begin));
    if (!found) return;
    core::Location loc = p.locate(*v);
    loc.range.begin = p.tree->source->position(range.begin + found->offset);
    loc.range.end = p.tree->source->position(range.begin + found->offset + found->length);
    char cp[16];
    std::snprintf(cp, sizeof cp, "U+%04X", found->codePoint);
    const std::string_view ch = std::string_view(text).substr(range.begin + found->offset, found->length);
    std::string what;
    std::string hint = "Replace the character with plain ASCII";
    if (found->codePoint == 0x2018 || found->codePoint == 0x2019 || found->codePoint == 0x201C ||
        found->codePoint == 0x201D) {
        what = "; it is a typographic quote, often pasted from a document or chat";
        hint = "Use a plain ' or \"";
    } else if (found->codePoint >= 0x2010 && found->codePoint <= 0x2015) {
        what = "; it is a typographic dash";
        hint = "Use a plain -";
    }
    r.report(std::move(loc),
             "the character '" + std::string(ch) + "' (" + cp +
                 ") is outside what IAM accepts in a policy document (TAB, LF, CR and U+0020 to U+00FF), so the "
                 "request is rejected as MalformedPolicyDocument" + what,
             p.roleName, p.label, {}, std::move(hint));
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL322() { return engine::makeRule<PolicyCharacterOutsideRange>(); }

}  // namespace rolelint::rules
