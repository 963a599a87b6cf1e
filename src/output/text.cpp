#include <algorithm>

#include "output/escape.h"
#include "output/output.h"

namespace rolelint::output {

Counts count(const Report& report) {
  Counts c;
  for (const auto& d : report.diagnostics) {
    if (d.suppressed) {
      ++c.suppressed;
      continue;
    }
    if (!d.active()) {
      ++c.baseline;
      continue;
    }
    switch (d.severity) {
      case core::Severity::Error: ++c.errors; break;
      case core::Severity::Warning: ++c.warnings; break;
      case core::Severity::Note: ++c.notes; break;
    }
  }
  return c;
}

namespace {

// Display width up to a UTF-16 column: count code points (tabs shown as one space).
size_t codePointsBefore(std::string_view line, uint32_t utf16Column) {
  size_t units = 0, points = 0;
  for (size_t i = 0; i < line.size() && units + 1 < utf16Column; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += (c >= 0xF0 && c < 0xF8) ? 2 : 1;
    ++points;
  }
  return points;
}

size_t codePoints(std::string_view s) {
  size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

// The line as it can be shown on a terminal: tabs and control bytes (NUL in a
// binary or UTF-16 file) become spaces, bytes that are not UTF-8 become U+FFFD.
// Each replacement is one code point, so caret positions stay aligned.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      out += (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    for (size_t k = 1; k < len; ++k) {
      if (i + k >= line.size() || (static_cast<unsigned char>(line[i + k]) & 0xC0) != 0x80) len = 0;
    }
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(line.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

struct Style {
  bool on;
  std::string bold() const { return on ? "\x1b[1m" : ""; }
  std::string reset() const { return on ? "\x1b[0m" : ""; }
  std::string sev(core::Severity s) const {
    if (!on) return "";
    switch (s) {
      case core::Severity::Error: return "\x1b[1;31m";
      case core::Severity::Warning: return "\x1b[1;33m";
      case core::Severity::Note: return "\x1b[1;36m";
    }
    return "";
  }
  std::string caret() const { return on ? "\x1b[1;32m" : ""; }
};

void excerpt(std::ostream& out, const core::Diagnostic& d, const SourceMap& sources, const Style& st) {
  auto it = sources.find(d.location.file);
  if (it == sources.end() || d.location.range.begin.line == 0) return;
  const input::Source& src = *it->second;
  const core::Pos& b = d.location.range.begin;
  const core::Pos& e = d.location.range.end;
  std::string_view line = src.lines.lineText(src.text, b.line);
  if (line.size() > 400) return;  // minified or generated: the location says enough
  const std::string shown = printable(line);
  const std::string num = std::to_string(b.line);
  const std::string pad(num.size(), ' ');
  const size_t start = codePointsBefore(line, b.column);
  size_t width = 1;
  if (e.line == b.line && e.column > b.column) {
    width = codePointsBefore(line, e.column) - start;
  } else if (e.line > b.line) {
    width = std::max<size_t>(1, codePoints(line) - std::min(start, codePoints(line)));
  }
  width = std::max<size_t>(width, 1);
  out << " " << num << " | " << shown << "\n";
  out << " " << pad << " | " << std::string(start, ' ') << st.caret() << "^" << std::string(width - 1, '~') << st.reset()
      << "\n";
}

}  // namespace

void writeText(std::ostream& out, const Report& report, const SourceMap& sources, bool color) {
  const Style st{color};
  for (const auto& d : report.diagnostics) {
    if (!d.active()) continue;
    out << st.bold() << (d.location.file.empty() ? "rolelint" : displayPath(d.location.file));
    if (d.location.range.begin.line > 0 && !d.location.file.empty()) {
      out << ":" << d.location.range.begin.line << ":" << d.location.range.begin.column;
    }
    out << ":" << st.reset() << " " << st.sev(d.severity) << core::toString(d.severity) << ":" << st.reset() << " "
        << st.bold() << displayText(d.message) << st.reset() << " [" << d.rule << " " << d.name << "]\n";
    excerpt(out, d, sources, st);
    // The fix on its own line under the snippet, as rustc and Ruff print it.
    if (!d.help.empty()) out << "  " << st.bold() << "help:" << st.reset() << " " << displayText(d.help) << "\n";
    for (const auto& r : d.related) {
      out << "  " << displayPath(r.location.file) << ":" << r.location.range.begin.line << ":"
          << r.location.range.begin.column << ": note: " << displayText(r.message) << "\n";
    }
  }
  const Counts c = count(report);
  std::string files = plural(report.files, "file");
  if (c.errors + c.warnings + c.notes == 0) {
    out << "no findings in " << files;
  } else {
    out << plural(c.errors, "error") << ", " << plural(c.warnings, "warning") << ", " << plural(c.notes, "note")
        << " in " << files;
  }
  if (c.suppressed > 0) out << " (" << c.suppressed << " suppressed)";
  if (c.baseline > 0) out << " (" << c.baseline << " in the baseline)";
  out << "\n";
  // Said whenever part of the input holds values known only at deployment.
  const Report::Coverage& cov = report.statements;
  if (cov.unknownParts + cov.notAnalysed > 0) {
    out << "statements: " << cov.full << " analysed, " << cov.unknownParts
        << " analysed with values known only at deployment, " << cov.notAnalysed << " "
        << (cov.notAnalysed == 1 ? "policy" : "policies") << " not analysed (RL007)\n";
  }
}

}  // namespace rolelint::output
