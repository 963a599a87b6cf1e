// RL144 condition-value-type-mismatch: each operator family takes values of its
// type: Bool and Null "true"/"false", Numeric numbers, Date ISO 8601 dates or
// epoch seconds, IpAddress IPv4/IPv6 CIDR, BinaryEquals base64. Epoch seconds
// are valid but reported as Access Analyzer's INVALID_DATE_VALUE does (except
// on aws:EpochTime, whose values are epoch seconds by definition).
// Source: IAM User Guide, IAM JSON policy elements: Condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html);
// IAM Access Analyzer policy check reference, "General Warning – Invalid date value" ("The date might not
// resolve as expected. We recommend that you use the YYYY-MM-DD format.", said of Unix epoch time)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "core/condition_value.h"
#include "core/unknown.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

using policy::OperatorFamily;

bool epochSeconds(const json::Value& v) {
  const std::string_view t = v.text;
  if (!v.isNumber() && !v.isString()) return false;
  return !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos;
}

bool isBoolText(const json::Value& v) {
  if (v.isBool()) return true;
  return v.isString() && core::parseBool(v.text).has_value();
}

class ConditionValueTypeMismatch final : public engine::Rule {
 public:
  ConditionValueTypeMismatch()
      : engine::Rule({.id = "RL144",
                      .name = "condition-value-type-mismatch",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "A condition value does not fit its operator (Bool/Null not true or false, Numeric "
                                 "not a number, Date not ISO 8601, IP not a CIDR, Binary not base64).",
                      .equivalents = {"access-analyzer:TYPE_MISMATCH_BOOLEAN", "access-analyzer:TYPE_MISMATCH_NUMBER",
                                      "access-analyzer:TYPE_MISMATCH_DATE", "access-analyzer:INVALID_DATE_VALUE",
                                      "access-analyzer:TYPE_MISMATCH_IP_RANGE", "access-analyzer:TYPE_MISMATCH_STRING",
                                      "parliament:MISMATCHED_TYPE"}}) {}

  void checkCondition(const model::Condition& c, const model::Statement& /*statement*/, const model::PolicyDocument& p,
                      engine::Reporter& r) const override {
    const OperatorFamily fam = policy::familyOf(c.parsedOp.base);
    for (const json::Value* v : c.values) {
      if (v->isObject() || v->isArray() || v->isNull()) continue;  // RL108
      if (v->isString() && (policy::hasVariable(v->text) || core::hasUnknown(v->text))) continue;  // RL135
      const std::string shown = v->isString() ? "\"" + v->text + "\"" : (v->isBool() ? (v->boolean ? "true" : "false") : v->text.str());
      std::string why;
      std::string help;
      switch (fam) {
        case OperatorFamily::Bool:
          if (!isBoolText(*v)) {
            why = "Bool compares with true or false";
            help = "Write \"true\" or \"false\"";
          }
          break;
        case OperatorFamily::Null:
          if (!isBoolText(*v)) {
            why = "Null takes \"true\" (the key must be absent) or \"false\" (the key must be present)";
            help = "Write \"true\" or \"false\"";
          }
          break;
        case OperatorFamily::Numeric:
          if (!v->isNumber() && !(v->isString() && core::parseNumber(v->text).plain)) {
            why = "numeric operators compare numbers";
            help = "Write a number such as \"3600\"";
          }
          break;
        case OperatorFamily::Date:
          if (epochSeconds(*v) && !policy::iequals(c.key, "aws:EpochTime")) {
            // Valid, but Access Analyzer's INVALID_DATE_VALUE warns that epoch time "might not
            // resolve as expected" and recommends YYYY-MM-DD; aws:EpochTime is compared in epoch
            // seconds by definition.
            r.report(p, *v,
                     shown + " for \"" + c.key + "\" is epoch seconds: valid, but Access Analyzer warns it may not "
                         "resolve as expected",
                     "Write an ISO 8601 date such as \"2026-12-31T23:59:59Z\"");
            continue;
          } else if (v->isBool()) {
            why = "date operators compare dates";
            help = "Write an ISO 8601 date such as \"2026-12-31T23:59:59Z\"";
          } else if (v->isString()) {
            // The documented forms only: a date the evaluator would still read loosely
            // (a space for "T", +HHMM) is not one IAM documents.
            const core::DateValue d = core::parseDate(v->text);
            if (d.form == core::DateValue::Form::Malformed || d.form == core::DateValue::Form::Loose) {
              why = "date operators take an ISO 8601 date (\"2026-12-31\" or \"2026-12-31T23:59:59Z\") or epoch "
                    "seconds; wildcards are not supported";
              help = "Write an ISO 8601 date such as \"2026-12-31T23:59:59Z\"";
            } else if (!d.calendarOk) {
              why = "the date has the ISO 8601 shape but is not a valid date or time, so it may not be read as "
                    "intended";
              help = "Correct the date or time, e.g. \"2026-12-31T23:59:59Z\"";
            }
          }
          break;
        case OperatorFamily::Ip:
          if (!v->isString() || !policy::parseCidr(v->text)) {
            why = "IP address operators take an IPv4 or IPv6 address or CIDR";
            help = "Write an address or CIDR such as \"203.0.113.0/24\"";
          }
          break;
        case OperatorFamily::Binary:
          if (!v->isString() || !core::isBase64(v->text)) {
            why = "BinaryEquals takes a base64-encoded value";
            help = "Write the value base64-encoded";
          }
          break;
        default:
          break;
      }
      if (why.empty()) continue;
      r.report(p, *v, shown + " does not fit \"" + c.op + "\" for \"" + c.key +
                          "\", so the condition does not match as intended: " + why,
               help);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL144() { return engine::makeRule<ConditionValueTypeMismatch>(); }

}  // namespace rolelint::rules
