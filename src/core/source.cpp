#include "core/source.h"

#include <cstring>

#include <algorithm>

namespace rolelint::core {

LineIndex::LineIndex(std::string_view text) {
  // memchr, not a loop over bytes: this runs over every input file once.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (nl == nullptr) break;
    starts_.push_back(static_cast<size_t>(nl - begin) + 1);
    p = nl + 1;
  }
}

uint32_t utf16Length(std::string_view s) {
  uint32_t units = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += (c >= 0xF0 && c < 0xF8) ? 2 : 1;
  }
  return units;
}

Pos LineIndex::position(std::string_view text, size_t offset) const {
  offset = std::min(offset, text.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const size_t lineNo = static_cast<size_t>(it - starts_.begin());  // >= 1
  const size_t start = starts_[lineNo - 1];
  Pos p;
  p.offset = offset;
  p.line = static_cast<uint32_t>(lineNo);
  p.column = utf16Length(text.substr(start, offset - start)) + 1;
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
