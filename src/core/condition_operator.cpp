#include "core/condition_operator.h"

#include <array>

#include "core/text.h"

namespace rolelint::core {
namespace {

using F = OperatorFamily;
using M = OperatorMatch;
constexpr std::array<OperatorInfo, 27> kOperators = {{
    {"StringEquals", F::String, M::Equals, false},
    {"StringNotEquals", F::String, M::Equals, true},
    {"StringEqualsIgnoreCase", F::String, M::EqualsIgnoreCase, false},
    {"StringNotEqualsIgnoreCase", F::String, M::EqualsIgnoreCase, true},
    {"StringLike", F::String, M::Like, false},
    {"StringNotLike", F::String, M::Like, true},
    {"NumericEquals", F::Numeric, M::Equals, false},
    {"NumericNotEquals", F::Numeric, M::Equals, true},
    {"NumericLessThan", F::Numeric, M::Less, false},
    {"NumericLessThanEquals", F::Numeric, M::LessEquals, false},
    {"NumericGreaterThan", F::Numeric, M::Greater, false},
    {"NumericGreaterThanEquals", F::Numeric, M::GreaterEquals, false},
    {"DateEquals", F::Date, M::Equals, false},
    {"DateNotEquals", F::Date, M::Equals, true},
    {"DateLessThan", F::Date, M::Less, false},
    {"DateLessThanEquals", F::Date, M::LessEquals, false},
    {"DateGreaterThan", F::Date, M::Greater, false},
    {"DateGreaterThanEquals", F::Date, M::GreaterEquals, false},
    {"Bool", F::Bool, M::Equals, false},
    {"BinaryEquals", F::Binary, M::Equals, false},
    {"IpAddress", F::Ip, M::Equals, false},
    {"NotIpAddress", F::Ip, M::Equals, true},
    {"ArnEquals", F::Arn, M::Equals, false},
    {"ArnLike", F::Arn, M::Like, false},
    {"ArnNotEquals", F::Arn, M::Equals, true},
    {"ArnNotLike", F::Arn, M::Like, true},
    {"Null", F::Null, M::Equals, false},
}};

bool same(std::string_view a, std::string_view b, bool ignoreCase) { return ignoreCase ? iequals(a, b) : a == b; }

}  // namespace

std::string_view familyName(OperatorFamily f) {
  switch (f) {
    case F::String: return "String";
    case F::Numeric: return "Numeric";
    case F::Date: return "Date";
    case F::Bool: return "Bool";
    case F::Binary: return "Binary";
    case F::Ip: return "IP address";
    case F::Arn: return "ARN";
    case F::Null: return "Null";
    case F::Unknown: break;
  }
  return "unknown";
}

const OperatorInfo* findOperator(std::string_view base, bool ignoreCase) {
  for (const OperatorInfo& o : kOperators)
    if (same(o.name, base, ignoreCase)) return &o;
  return nullptr;
}

ConditionOperator parseOperator(std::string_view op, bool ignoreCase) {
  ConditionOperator o;
  for (std::string_view q : {std::string_view("ForAllValues:"), std::string_view("ForAnyValue:")}) {
    if (op.size() >= q.size() && same(op.substr(0, q.size()), q, ignoreCase)) {
      o.qualifier = std::string(q.substr(0, q.size() - 1));
      o.forAll = q[3] == 'A' && q[4] == 'l';
      o.forAny = !o.forAll;
      op.remove_prefix(q.size());
      break;
    }
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() && same(op.substr(op.size() - kIfExists.size()), kIfExists, ignoreCase)) {
    o.ifExists = true;
    op.remove_suffix(kIfExists.size());
  }
  o.base = std::string(op);
  o.info = findOperator(op, ignoreCase);
  // "You can add IfExists to the end of any condition operator name except the Null condition" [OPS].
  if (o.info != nullptr && o.info->family == F::Null && o.ifExists) o.info = nullptr;
  if (o.info != nullptr) o.family = o.info->family;
  return o;
}

}  // namespace rolelint::core
