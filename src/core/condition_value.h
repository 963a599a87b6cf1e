// Condition values, typed: the one parser of each value type a condition
// compares — numbers, dates, booleans, IP ranges, base64 — used by the rules
// that check values (RL144…) and by the evaluator that compares them.
// Types as the Service Authorization Reference names them for condition keys
// (String, Numeric, Date, Bool, IPAddress, ARN, Binary; "ArrayOf…" is the same
// type, multivalued): https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
// Value syntax per operator family: IAM User Guide, "Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/condition_operator.h"
#include "core/ip_range.h"

namespace rolelint::core {

enum class ValueType : uint8_t { String, Numeric, Date, Bool, Ip, Arn, Binary };
std::string_view valueTypeName(ValueType t);  // "String", "Numeric", "Date", "Bool", "IPAddress", "ARN", "Binary"
// The type an operator family compares (Null compares Bool "true"/"false"); String for Unknown.
ValueType valueTypeOf(OperatorFamily f);

// A number: what strtod reads whole and finite, surrounding blanks ignored
// (how the evaluator compares). `plain` when it is written as a decimal
// ([+-]digits[.digits]), the form the documentation uses.
struct NumberValue {
  std::optional<double> value;
  bool plain = false;
};
NumberValue parseNumber(std::string_view text);

// A date: ISO 8601 ("2026-12-31", "2026-12-31T23:59:59Z", with seconds,
// fractions and ±HH:MM offsets) or epoch seconds.
struct DateValue {
  enum class Form : uint8_t {
    Malformed,  // not a date
    Iso,        // ISO 8601 as documented
    Epoch,      // digits only: epoch seconds
    Loose,      // read, but not as documented: a lower-case 't'/'z', a space, +HHMM, blanks, fractional epoch
  };
  Form form = Form::Malformed;
  bool calendarOk = true;        // month 1-12, day 1-31, hour ≤ 23, minute ≤ 59, second ≤ 60
  std::optional<double> seconds;  // since the epoch, UTC; none when Malformed or not calendarOk
};
DateValue parseDate(std::string_view text);

// "true" or "false", in any case.
std::optional<bool> parseBool(std::string_view text);

// Standard base64 with padding (BinaryEquals values).
bool isBase64(std::string_view text);

// One condition value, parsed as `type`. A value holding a policy variable
// (${aws:username}) or an unknown part (a CloudFormation parameter, a Terraform
// reference: core/unknown.h) is `unknown`: its value is decided later, so it is
// never invalid (docs/architecture.md, "Unknown values").
struct TypedValue {
  ValueType type = ValueType::String;
  bool unknown = false;
  bool valid = true;                 // fits `type` (always, when unknown)
  std::optional<double> number;      // Numeric; Date: seconds since the epoch
  std::optional<bool> boolean;       // Bool
  std::optional<IpRange> ip;         // Ip
};
TypedValue typeValue(std::string_view text, ValueType type);

}  // namespace rolelint::core
