#include "core/arn.h"

#include <cstring>

#include "core/unknown.h"
#include "core/wildcard.h"

namespace rolelint::core {

std::optional<std::array<std::string_view, 6>> splitArnFields(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::array<std::string_view, 6> parts;
  size_t start = 0, part = 0;
  // Usually no "${" comes before the fifth colon: split at the colons with memchr (the
  // audit splits ARNs by the hundred thousand), and fall back to the scan below when
  // a '$' comes first.
  const char* const b = s.data();
  const char* const dollar = static_cast<const char*>(std::memchr(b, '$', s.size()));
  for (const char* p = b; part < 5; ++part) {
    const char* colon = static_cast<const char*>(std::memchr(p, ':', static_cast<size_t>(b + s.size() - p)));
    if (colon == nullptr) {
      if (dollar == nullptr) return std::nullopt;
      break;
    }
    if (dollar != nullptr && dollar < colon) break;
    parts[part] = std::string_view(p, static_cast<size_t>(colon - p));
    p = colon + 1;
    start = static_cast<size_t>(p - b);
  }
  if (part == 5) {
    parts[5] = s.substr(start);
    return parts;
  }
  start = 0;
  part = 0;
  int depth = 0;
  for (size_t i = 0; i < s.size() && part < 5; ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      ++depth;
    } else if (s[i] == '}' && depth > 0) {
      --depth;
    } else if (s[i] == ':' && depth == 0) {
      parts[part++] = s.substr(start, i - start);
      start = i + 1;
    }
  }
  if (part < 5) return std::nullopt;
  parts[5] = s.substr(start);
  return parts;
}

std::optional<ArnFields> splitArn(std::string_view text) {
  if (text.substr(0, 4) != "arn:") return std::nullopt;
  const auto f = splitArnFields(text);
  if (!f) return std::nullopt;
  return ArnFields{(*f)[1], (*f)[2], (*f)[3], (*f)[4], (*f)[5]};
}

uint8_t arnPartFlags(std::string_view part) {
  uint8_t flags = 0;
  if (hasUnknown(part)) flags |= kArnUnknown;
  if (part.find("${") != std::string_view::npos) flags |= kArnVariable;
  if (core::findWildcard(part) != std::string_view::npos) flags |= kArnGlob;
  return flags;
}

std::optional<Arn> Arn::parse(std::string_view text) {
  const auto f = splitArn(text);
  if (!f) return std::nullopt;
  Arn a;
  const std::string_view fields[5] = {f->partition, f->service, f->region, f->account, f->resource};
  for (size_t i = 0; i < 5; ++i) {
    a.begin_[i] = static_cast<uint32_t>(fields[i].data() - text.data());
    a.end_[i] = static_cast<uint32_t>(a.begin_[i] + fields[i].size());
    a.flags_[i] = arnPartFlags(fields[i]);
  }
  return a;
}


}  // namespace rolelint::core
