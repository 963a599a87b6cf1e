// RL147 wildcard-without-like: only StringLike/StringNotLike treat * and ? as
// wildcards; under StringEquals (and its NotEquals/IgnoreCase variants) they are literal characters.
// Source: IAM User Guide, IAM JSON policy elements: Condition operators, String condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

// Position of the first * or ? outside a "${…}" policy variable ("${*}" is a literal *), or npos.
size_t wildcardAt(const std::string& s) {
  const auto vars = policy::variables(s);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '*' && s[i] != '?') continue;
    bool inVar = false;
    for (const policy::Variable& v : vars) inVar = inVar || (i >= v.pos && i < v.pos + v.len);
    if (!inVar) return i;
  }
  return std::string::npos;
}

class WildcardWithoutLike final : public engine::Rule {
 public:
  WildcardWithoutLike()
      : engine::Rule({.id = "RL147",
                      .name = "wildcard-without-like",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "A StringEquals-family condition value contains * or ?, which only StringLike treats "
                                 "as wildcards.",
                      .equivalents = {"access-analyzer:WILDCARD_WITHOUT_LIKE_OPERATOR"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*s*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const policy::Operator o = c.parsedOp;
    std::string like;
    if (o.base == "StringEquals" || o.base == "StringEqualsIgnoreCase") {
      like = "StringLike";
    } else if (o.base == "StringNotEquals" || o.base == "StringNotEqualsIgnoreCase") {
      like = "StringNotLike";
    } else {
      return;
    }
    const std::string replacement =
        (o.qualifier.empty() ? "" : o.qualifier + ":") + like + (o.ifExists ? "IfExists" : "");
    for (const json::Value* v : c.values) {
      if (!v->isString()) continue;
      const size_t w = wildcardAt(v->text);
      if (w == std::string::npos) continue;
      r.reportSubstring(p, *v, w, 1,
                              "\"" + c.op + "\" treats '" + std::string(1, v->text[w]) +
                                  "' literally, so \"" + v->text + "\" only matches that exact text",
                              "Use \"" + replacement + "\" to match the pattern" +
                                  (o.base.find("IgnoreCase") != std::string::npos
                                       ? " (StringLike is case-sensitive)"
                                       : ""));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL147() { return engine::makeRule<WildcardWithoutLike>(); }

}  // namespace rolelint::rules
