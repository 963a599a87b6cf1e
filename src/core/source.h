// Source positions and ranges: where a value sits in a file. Positions are
// 1-based line and column; columns count UTF-16 code units (SARIF's default
// columnKind, and what editors such as VS Code use), offsets count bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolelint::core {

// A point in a file. Regular value type, 12 bytes: a JSON tree holds two per value
// and four per member. Offsets fit in 32 bits because no input may exceed 1 GiB
// (input::kMaxInputBytes, which asserts it).
struct Pos {
  uint32_t offset = 0;  // byte offset from the start of the file
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in UTF-16 code units
  friend bool operator==(const Pos&, const Pos&) = default;
  friend auto operator<=>(const Pos& a, const Pos& b) { return a.offset <=> b.offset; }
};

// A half-open span [begin, end) in one file.
struct Range {
  Pos begin;
  Pos end;
  friend bool operator==(const Range&, const Range&) = default;
};

// A half-open span of byte offsets [begin, end), without lines: where a JSON value
// is (json::Value), resolved to a Range when a finding is located.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// Maps byte offsets of one text to line/column. Built once per file (one pass
// over the bytes); look-ups are a binary search plus a scan of at most
// kCheckpointBytes of one line: a line longer than that (a minified dump is one
// line) keeps the column at every kCheckpointBytes of it, so that working out the
// positions of a JSON tree's values late (json::Value keeps offsets) stays linear.
// Copyable: it holds only the line-start table, not the text.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);
  // Position of a byte offset in `text` (which must be the text the index was built from).
  Pos position(std::string_view text, size_t offset) const;
  // The bytes of line `line` (1-based), without its terminator.
  std::string_view lineText(std::string_view text, uint32_t line) const;
  uint32_t lineCount() const { return static_cast<uint32_t>(starts_.size()); }
  static constexpr size_t kCheckpointBytes = 4096;

 private:
  std::vector<size_t> starts_{0};
  // Inside lines longer than kCheckpointBytes: (offset, UTF-16 column - 1 there), by offset.
  std::vector<std::pair<size_t, uint32_t>> checkpoints_;
};

// Number of UTF-16 code units in a UTF-8 byte string (invalid bytes count as one unit each).
uint32_t utf16Length(std::string_view utf8);

}  // namespace rolelint::core
