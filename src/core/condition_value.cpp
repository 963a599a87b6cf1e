#include "core/condition_value.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <string>

#include "core/text.h"
#include "core/unknown.h"

namespace rolelint::core {
namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// [+-]digits[.digits], or digits after the sign may be empty before a fraction (".5").
bool plainDecimal(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  const size_t dot = s.find('.');
  const std::string_view a = s.substr(0, dot);
  const std::string_view b = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (a.empty() && b.empty()) return false;
  if (dot != std::string_view::npos && b.empty()) return false;
  for (char c : a)
    if (!isDigit(c)) return false;
  for (char c : b)
    if (!isDigit(c)) return false;
  return true;
}

}  // namespace

std::string_view valueTypeName(ValueType t) {
  switch (t) {
    case ValueType::String: return "String";
    case ValueType::Numeric: return "Numeric";
    case ValueType::Date: return "Date";
    case ValueType::Bool: return "Bool";
    case ValueType::Ip: return "IPAddress";
    case ValueType::Arn: return "ARN";
    case ValueType::Binary: return "Binary";
  }
  return "String";
}

ValueType valueTypeOf(OperatorFamily f) {
  switch (f) {
    case OperatorFamily::Numeric: return ValueType::Numeric;
    case OperatorFamily::Date: return ValueType::Date;
    case OperatorFamily::Bool:
    case OperatorFamily::Null: return ValueType::Bool;
    case OperatorFamily::Binary: return ValueType::Binary;
    case OperatorFamily::Ip: return ValueType::Ip;
    case OperatorFamily::Arn: return ValueType::Arn;
    case OperatorFamily::String:
    case OperatorFamily::Unknown: return ValueType::String;
  }
  return ValueType::String;
}

NumberValue parseNumber(std::string_view text) {
  NumberValue out;
  out.plain = plainDecimal(text);
  const std::string_view s = trim(text);
  if (s.empty()) return out;
  const std::string buf(s);
  char* end = nullptr;
  const double d = std::strtod(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size() || !std::isfinite(d)) return out;
  out.value = d;
  return out;
}

DateValue parseDate(std::string_view raw) {
  DateValue out;
  const std::string_view text = trim(raw);
  bool loose = text.size() != raw.size();
  if (text.empty()) return out;
  // Epoch seconds: digits (a fraction is read, but is not the documented form).
  if (text.find_first_not_of("0123456789.") == std::string_view::npos) {
    const NumberValue n = parseNumber(text);
    if (!n.value) return out;
    out.form = !loose && text.find('.') == std::string_view::npos ? DateValue::Form::Epoch : DateValue::Form::Loose;
    out.seconds = n.value;
    return out;
  }
  auto num = [&](size_t pos, size_t len) -> std::optional<int> {
    if (pos + len > text.size()) return std::nullopt;
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!isDigit(text[i])) return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  if (!y || !mo || !d || text[4] != '-' || text[7] != '-') return out;
  bool calendar = *mo >= 1 && *mo <= 12 && *d >= 1 && *d <= 31;
  std::tm tm{};
  tm.tm_year = *y - 1900;
  tm.tm_mon = *mo - 1;
  tm.tm_mday = *d;
  double frac = 0;
  long offset = 0;
  size_t i = 10;
  if (i < text.size()) {
    if (text[i] == 't' || text[i] == ' ') {
      loose = true;
    } else if (text[i] != 'T') {
      return out;
    }
    const auto h = num(i + 1, 2), mi = num(i + 4, 2);
    if (!h || !mi || text[i + 3] != ':') return out;
    calendar = calendar && *h <= 23 && *mi <= 59;
    tm.tm_hour = *h;
    tm.tm_min = *mi;
    i += 6;
    if (i < text.size() && text[i] == ':') {
      const auto s = num(i + 1, 2);
      if (!s) return out;
      calendar = calendar && *s <= 60;
      tm.tm_sec = *s;
      i += 3;
      if (i < text.size() && text[i] == '.') {
        size_t j = i + 1;
        while (j < text.size() && isDigit(text[j])) ++j;
        if (j == i + 1) return out;
        frac = std::strtod(("0" + std::string(text.substr(i, j - i))).c_str(), nullptr);
        i = j;
      }
    }
    if (i < text.size()) {
      if ((text[i] == 'Z' || text[i] == 'z') && i + 1 == text.size()) {
        loose = loose || text[i] == 'z';
        ++i;
      } else if (text[i] == '+' || text[i] == '-') {
        const bool colon = i + 3 < text.size() && text[i + 3] == ':';
        const size_t mpos = colon ? i + 4 : i + 3;
        const auto oh = num(i + 1, 2), om = num(mpos, 2);
        if (!oh || !om || mpos + 2 != text.size()) return out;
        loose = loose || !colon;
        offset = (text[i] == '+' ? 1 : -1) * (*oh * 3600L + *om * 60L);
        i = text.size();
      } else {
        return out;
      }
    }
  }
  if (i != text.size()) return out;
  out.form = loose ? DateValue::Form::Loose : DateValue::Form::Iso;
  out.calendarOk = calendar;
  if (calendar) out.seconds = static_cast<double>(timegm(&tm)) - static_cast<double>(offset) + frac;
  return out;
}

std::optional<bool> parseBool(std::string_view text) {
  if (iequals(text, "true")) return true;
  if (iequals(text, "false")) return false;
  return std::nullopt;
}

bool isBase64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  size_t pad = 0;
  for (char c : s) {
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad > 0) return false;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) return false;
  }
  return pad <= 2;
}

TypedValue typeValue(std::string_view text, ValueType type) {
  TypedValue v;
  v.type = type;
  if (text.find("${") != std::string_view::npos || hasUnknown(text)) {
    v.unknown = true;
    return v;
  }
  switch (type) {
    case ValueType::String:
    case ValueType::Arn:
      break;
    case ValueType::Numeric:
      v.number = parseNumber(text).value;
      v.valid = v.number.has_value();
      break;
    case ValueType::Date:
      v.number = parseDate(text).seconds;
      v.valid = v.number.has_value();
      break;
    case ValueType::Bool:
      v.boolean = parseBool(text);
      v.valid = v.boolean.has_value();
      break;
    case ValueType::Ip:
      v.ip = parseIpRange(text);
      v.valid = v.ip.has_value();
      break;
    case ValueType::Binary:
      v.valid = isBase64(text);
      break;
  }
  return v;
}

}  // namespace rolelint::core
