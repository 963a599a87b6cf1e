// Escaping of input-derived text for the HTML and Markdown reports (terminal and
// CI-log escaping is output/escape.h). Input text may hold anything (invalid UTF-8,
// control bytes, markup): what is written is always well-formed UTF-8 that the
// reader sees as text, never as markup.
#pragma once
#include <string>
#include <string_view>

namespace rolelint::output {

// Valid UTF-8: each invalid byte becomes U+FFFD; C0 controls other than tab and
// line feed (and DEL) become U+FFFD too, so they cannot reach an HTML parser.
std::string sanitizeUtf8(std::string_view s);

// Text for HTML element content and (double-quoted) attribute values: & < > " '
// as character references, after sanitizeUtf8.
std::string htmlEscape(std::string_view s);

// Text inside a Markdown table cell or paragraph on GitHub: HTML-escaped (GitHub
// renders inline HTML), Markdown punctuation backslash-escaped, '|' escaped,
// line breaks as spaces, so input can neither break the table nor add links,
// images, mentions or markup.
std::string markdownEscape(std::string_view s);

// JSON text made safe inside an HTML <script type="application/json"> element:
// '<', '>' and '&' (which JSON has only inside strings) become \u escapes, so no
// "</script>" or "<!--" can end or change the element. JSON.parse gives the same value.
std::string scriptSafeJson(std::string json);

}  // namespace rolelint::output
