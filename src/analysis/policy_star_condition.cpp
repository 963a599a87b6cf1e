#include "analysis/policy_star_condition.h"

#include "analysis/policy_util.h"

namespace rolelint::analysis::policy {

namespace {

bool onlyStars(const json::Value& v) {
  return v.isString() && !v.text.empty() && v.text.find_first_not_of('*') == std::string::npos;
}

}  // namespace

StarCondition classifyStarCondition(const model::Condition& c) {
  StarCondition out;
  const Operator o = parseOperator(c.op);
  const bool like = o.base == "StringLike";
  if (!like && o.base != "StringNotLike") return out;
  for (const json::Value* v : c.values) {
    if (v != nullptr && onlyStars(*v)) {
      out.star = v;
      break;
    }
  }
  if (out.star == nullptr) return out;
  const bool forAll = o.qualifier == "ForAllValues";
  const bool forAny = o.qualifier == "ForAnyValue";
  if (forAny && o.ifExists) return out;
  // A present value always matches "*": StringLike is then true and
  // StringNotLike (no value may match) false; for a set, every value matches.
  if (like) {
    if (forAll || o.ifExists) {
      out.outcome = StarOutcome::AlwaysTrue;
      out.why = forAll ? "every value of the key matches \"*\", and ForAllValues: is also true when the key is absent"
                       : "a present value always matches \"*\", and IfExists is true when the key is absent";
    } else {
      out.outcome = StarOutcome::KeyPresent;
      out.why = forAny ? "any value matches \"*\", and ForAnyValue: is false only when the key is absent"
                       : "any value matches \"*\", and StringLike is false only when the key is absent";
    }
  } else {
    if (forAny) {
      out.outcome = StarOutcome::NeverTrue;
      out.why = "no value can fail to match \"*\", and ForAnyValue: is false when the key is absent";
    } else {
      out.outcome = StarOutcome::KeyAbsent;
      out.why = std::string("every present value matches \"*\", so the negated operator is false, and ") +
                (forAll ? "ForAllValues: is true when the key is absent"
                        : (o.ifExists ? "IfExists is true when the key is absent"
                                      : "a negated operator is true when the key is absent"));
    }
  }
  return out;
}

}  // namespace rolelint::analysis::policy
