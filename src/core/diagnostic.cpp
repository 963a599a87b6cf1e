#include "core/diagnostic.h"

#include <tuple>

namespace rolelint::core {

std::string_view toString(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "warning";
}

std::optional<Severity> parseSeverity(std::string_view s) {
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "note") return Severity::Note;
  return std::nullopt;
}

bool diagnosticLess(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.location.file, a.location.range.begin.line, a.location.range.begin.column, a.rule,
                  a.message, a.location.pointer, a.role, a.policy) <
         std::tie(b.location.file, b.location.range.begin.line, b.location.range.begin.column, b.rule,
                  b.message, b.location.pointer, b.role, b.policy);
}

}  // namespace rolelint::core
