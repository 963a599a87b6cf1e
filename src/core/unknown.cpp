#include "core/unknown.h"

namespace rolelint::core {

std::string unknownMarker(uint32_t id) {
  std::string s(kUnknownOpen);
  s += std::to_string(id);
  s += kUnknownClose;
  return s;
}

std::vector<TextPart> splitUnknown(std::string_view s) {
  std::vector<TextPart> parts;
  size_t literal = 0;  // start of the current literal run
  size_t i = 0;
  while (true) {
    size_t open = s.find(kUnknownOpen, i);
    if (open == std::string_view::npos) break;
    size_t digits = open + kUnknownOpen.size();
    size_t close = s.find(kUnknownClose, digits);
    uint32_t id = 0;
    bool ok = close != std::string_view::npos && close > digits && close - digits <= 9;
    for (size_t k = digits; ok && k < close; ++k) {
      if (s[k] < '0' || s[k] > '9') ok = false;
      else id = id * 10 + static_cast<uint32_t>(s[k] - '0');
    }
    if (!ok) {  // a stray U+E000 stays literal text
      i = digits;
      continue;
    }
    if (open > literal) parts.push_back({false, s.substr(literal, open - literal), 0});
    size_t end = close + kUnknownClose.size();
    parts.push_back({true, s.substr(open, end - open), id});
    literal = i = end;
  }
  if (literal < s.size()) parts.push_back({false, s.substr(literal), 0});
  return parts;
}

bool isWhollyUnknown(std::string_view s) {
  auto parts = splitUnknown(s);
  return parts.size() == 1 && parts[0].unknown;
}

std::string replaceUnknown(std::string_view s, std::string_view replacement) {
  if (!hasUnknown(s)) return std::string(s);
  std::string out;
  for (const TextPart& p : splitUnknown(s)) out += p.unknown ? replacement : p.text;
  return out;
}

std::string displayUnknown(std::string_view s, const std::vector<UnknownOrigin>& origins) {
  if (!hasUnknown(s)) return std::string(s);
  std::string out;
  for (const TextPart& p : splitUnknown(s)) {
    if (!p.unknown) {
      out += p.text;
    } else {
      out += "${";
      out += p.id < origins.size() ? origins[p.id].what : std::string("?");
      out += "}";
    }
  }
  return out;
}

std::vector<uint32_t> unknownIds(std::string_view s) {
  std::vector<uint32_t> ids;
  if (!hasUnknown(s)) return ids;
  for (const TextPart& p : splitUnknown(s))
    if (p.unknown) ids.push_back(p.id);
  return ids;
}

}  // namespace rolelint::core
