#include "output/escape.h"
#include "output/output.h"

namespace rolelint::output {
namespace {

// GitHub Actions workflow-command escaping: data escapes % CR LF; property
// values additionally escape ':' and ',' (actions/toolkit, packages/core/src/command.ts,
// escapeData and escapeProperty). Input-derived strings first go through
// displayText, so no control character or newline reaches the job log.
std::string escapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escapeProperty(std::string_view s) {
  std::string out;
  for (char c : escapeData(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void writeGithub(std::ostream& out, const Report& report) {
  for (const auto& d : report.diagnostics) {
    if (!d.active()) continue;
    const char* cmd = d.severity == core::Severity::Error     ? "error"
                      : d.severity == core::Severity::Warning ? "warning"
                                                              : "notice";
    out << "::" << cmd << " ";
    const auto& r = d.location.range;
    if (!d.location.file.empty()) {
      out << "file=" << escapeProperty(displayText(d.location.file)) << ",";
      if (r.begin.line > 0) {
        out << "line=" << r.begin.line << ",col=" << r.begin.column << ",endLine=" << r.end.line
            << ",endColumn=" << r.end.column << ",";
      }
    }
    out << "title=" << escapeProperty(d.rule + " " + d.name) << "::"
        << escapeData(displayText(d.help.empty() ? d.message.str() : d.message + ". " + d.help)) << "\n";
  }
}

}  // namespace rolelint::output
