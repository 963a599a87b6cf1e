// Escaping of input-derived strings for terminals and CI logs (docs/security.md,
// "Output"): used by the text and GitHub emitters and for notifications.
#pragma once
#include <string>
#include <string_view>

namespace rolelint::output {

// An input-derived string as it may be printed to a terminal or a CI log:
// newlines, tabs and other control characters (ANSI escapes) become visible
// escapes (\n, \x1b), C1 and bidirectional controls \u{…}, invalid UTF-8 U+FFFD.
std::string displayText(std::string_view s);
// displayText for a file name that starts a line: one starting with ':', '#' or
// a space is shown as ./NAME, so that no line begins with "::" (a workflow command).
std::string displayPath(std::string_view path);

}  // namespace rolelint::output
