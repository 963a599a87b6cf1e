// The diagnostic value type every layer shares: one finding of one rule at one
// place. Regular, copyable, totally ordered (file, line, column, rule, message)
// so that output is deterministic whatever order rules ran in.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"
#include "core/str.h"

namespace rolelint::core {

enum class Severity : uint8_t { Note = 0, Warning = 1, Error = 2 };

std::string_view toString(Severity s);
std::optional<Severity> parseSeverity(std::string_view s);

// Where a finding is: a file, a span in it, and the RFC 6901 JSON pointer of the
// value inside the document the finding is about. The strings are core::Str: the
// file's name is usually a view of its one kept copy (input::locate, core::intern).
struct Location {
  Str file;             // as given on the command line / found by walking
  Range range;
  Str pointer;          // "" = the whole document
  friend bool operator==(const Location&, const Location&) = default;
};

// A second place a finding refers to (e.g. the other role of a name clash).
struct RelatedLocation {
  Location location;
  std::string message;
  friend bool operator==(const RelatedLocation&, const RelatedLocation&) = default;
};

// An audit holds tens of thousands of findings (twice over, for a moment, as the
// rules' lists are joined), so the strings are core::Str (16 bytes, short ones
// inline) and the small fields are packed: 216 bytes, was 384.
struct Diagnostic {
  Str rule;              // "RL001"
  Str name;              // "json-syntax-error" (filled in from the registry)
  Severity severity = Severity::Warning;
  // Reported at note severity because the role's effective permissions make the
  // finding moot (Reporter::reportMoot); a configured severity does not raise it.
  bool demoted = false;
  bool suppressed = false;
  Str message;           // what is wrong and why, in one sentence
  Str help;              // how to fix it ("" when the message says it all)
  Location location;
  Str role;              // display name of the role, if the finding is about one
  Str policy;            // which policy: "trust", "inline:NAME", a managed ARN, "boundary:ARN"
  std::vector<RelatedLocation> related;
  Str suppressionReason;
  // With --baseline: "new" or "unchanged" (SARIF baselineState); "" without a baseline.
  Str baselineState;

  // Whether the finding counts (is shown, and decides the exit code): not
  // suppressed and not already in the baseline.
  bool active() const { return !suppressed && baselineState != "unchanged"; }

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Total order used for output: file, line, column, rule, message, then the rest.
bool diagnosticLess(const Diagnostic& a, const Diagnostic& b);

// Moves `from` to the end of `to` and frees `from`'s storage (an audit's findings
// pass from each rule's sink to the unit's list to the run's: no stage keeps a
// second copy). Into an empty `to`, the storage itself moves.
inline void appendMoved(std::vector<Diagnostic>& to, std::vector<Diagnostic>& from) {
  if (from.empty()) return;
  if (to.empty() && to.capacity() < from.size()) {
    to.swap(from);
  } else {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }
  std::vector<Diagnostic>().swap(from);
}

}  // namespace rolelint::core
