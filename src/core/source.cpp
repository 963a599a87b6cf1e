#include "core/source.h"
#include "core/text.h"

#include <cstring>

#include <algorithm>

namespace rolelint::core {

namespace {

// UTF-16 units of text[from, to), walking whole sequences; returns where the walk
// ended (to, or past it by the rest of a sequence that straddles it).
size_t walkUnits(std::string_view text, size_t from, size_t to, uint32_t& units) {
  size_t i = from;
  while (i < to) {
    // ASCII eight bytes at a time (a finding is located by counting its line's prefix).
    while (to - i >= 8) {
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      if ((w & 0x8080808080808080ULL) != 0) break;
      units += 8;
      i += 8;
    }
    if (i >= to) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++units;
      ++i;
      continue;
    }
    const size_t len = utf8SequenceAt(text, i);
    units += len == 4 ? 2 : 1;  // an invalid byte is one unit (U+FFFD), as the reader counts it
    i += len == 0 ? 1 : len;
  }
  return i;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) {
  // memchr, not a loop over bytes: this runs over every input file once.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  // Checkpoints fall on whole sequences (a walk from one agrees with a walk from the line's start).
  auto checkpointLine = [&](const size_t from, const size_t to) {
    uint32_t units = 0;
    size_t at = from;
    while (to - at > kCheckpointBytes) {
      at = walkUnits(text, at, at + kCheckpointBytes, units);
      checkpoints_.emplace_back(at, units);
    }
  };
  for (const char* p = begin; p < end;) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    const size_t lineEnd = nl == nullptr ? text.size() : static_cast<size_t>(nl - begin);
    if (lineEnd - static_cast<size_t>(p - begin) > kCheckpointBytes) checkpointLine(static_cast<size_t>(p - begin), lineEnd);
    if (nl == nullptr) break;
    starts_.push_back(lineEnd + 1);
    p = nl + 1;
  }
}


uint32_t utf16Length(std::string_view s) {
  uint32_t units = 0;
  walkUnits(s, 0, s.size(), units);
  return units;
}

Pos LineIndex::position(std::string_view text, size_t offset) const {
  offset = std::min(offset, text.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const size_t lineNo = static_cast<size_t>(it - starts_.begin());  // >= 1
  size_t start = starts_[lineNo - 1];
  uint32_t units = 0;
  if (offset - start > kCheckpointBytes && !checkpoints_.empty()) {
    // The last checkpoint at or before offset, if it is in this line.
    auto cp = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                               [](size_t o, const std::pair<size_t, uint32_t>& c) { return o < c.first; });
    if (cp != checkpoints_.begin() && (cp - 1)->first > start) {
      start = (cp - 1)->first;
      units = (cp - 1)->second;
    }
  }
  Pos p;
  p.offset = static_cast<uint32_t>(offset);
  p.line = static_cast<uint32_t>(lineNo);
  p.column = units + utf16Length(text.substr(start, offset - start)) + 1;
  return p;
}

std::string_view LineIndex::lineText(std::string_view text, uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  const size_t start = std::min(starts_[line - 1], text.size());
  size_t end = line < starts_.size() ? starts_[line] - 1 : text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

}  // namespace rolelint::core
