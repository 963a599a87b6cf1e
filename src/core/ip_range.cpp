// IP addresses and CIDR ranges (IAM User Guide, "IP address condition
// operators": IPv4 or IPv6 in RFC 4632 CIDR notation).
#include "core/ip_range.h"

#include <cstdio>

namespace rolelint::core {

namespace {

std::optional<int> parseInt(std::string_view s, int max) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

bool parseV4(std::string_view s, uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    const size_t dot = i < 3 ? s.find('.') : s.size();
    if (dot == std::string_view::npos) return false;
    const auto v = parseInt(s.substr(0, dot), 255);
    if (!v) return false;
    out[i] = static_cast<uint8_t>(*v);
    s.remove_prefix(i < 3 ? dot + 1 : dot);
  }
  return s.empty();
}

bool parseV6(std::string_view s, uint8_t* out) {
  std::array<uint16_t, 8> groups{};
  int before = 0, after = -1;  // after >= 0 once "::" was seen
  std::array<uint16_t, 8> tail{};
  const size_t dc = s.find("::");
  auto parseGroups = [](std::string_view part, std::array<uint16_t, 8>& g, int& n) {
    n = 0;
    if (part.empty()) return true;
    while (true) {
      const size_t c = part.find(':');
      const std::string_view h = part.substr(0, c);
      if (c == std::string_view::npos && h.find('.') != std::string_view::npos) {
        // IPv4-mapped or -embedded form: the last 32 bits written as a dotted quad.
        uint8_t v4[4];
        if (n > 6 || !parseV4(h, v4)) return false;
        g[n++] = static_cast<uint16_t>((v4[0] << 8) | v4[1]);
        g[n++] = static_cast<uint16_t>((v4[2] << 8) | v4[3]);
        return true;
      }
      if (h.empty() || h.size() > 4 || n >= 8) return false;
      unsigned v = 0;
      for (char ch : h) {
        v <<= 4;
        if (ch >= '0' && ch <= '9') v |= ch - '0';
        else if (ch >= 'a' && ch <= 'f') v |= ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F') v |= ch - 'A' + 10;
        else return false;
      }
      g[n++] = static_cast<uint16_t>(v);
      if (c == std::string_view::npos) return true;
      part.remove_prefix(c + 1);
    }
  };
  if (dc == std::string_view::npos) {
    if (!parseGroups(s, groups, before) || before != 8) return false;
  } else {
    if (s.find("::", dc + 1) != std::string_view::npos) return false;
    int n2 = 0;
    if (!parseGroups(s.substr(0, dc), groups, before) || !parseGroups(s.substr(dc + 2), tail, n2)) return false;
    if (before + n2 > 7) return false;
    after = n2;
    for (int i = 0; i < n2; ++i) groups[8 - n2 + i] = tail[i];
  }
  (void)after;
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<uint8_t>(groups[i] >> 8);
    out[2 * i + 1] = static_cast<uint8_t>(groups[i] & 0xff);
  }
  return true;
}

bool inRange(const IpRange& c, const IpRange& range) {
  if (c.v6 != range.v6 || c.prefix < range.prefix) return false;
  for (int b = 0; b < range.prefix; ++b) {
    const int byte = b / 8, bit = 7 - b % 8;
    if (((c.bytes[byte] >> bit) & 1) != ((range.bytes[byte] >> bit) & 1)) return false;
  }
  return true;
}

}  // namespace

std::optional<IpRange> parseIpRange(std::string_view s) {
  IpRange c;
  const size_t slash = s.find('/');
  std::string_view addr = s.substr(0, slash);
  c.v6 = addr.find(':') != std::string_view::npos;
  if (!(c.v6 ? parseV6(addr, c.bytes.data()) : parseV4(addr, c.bytes.data()))) return std::nullopt;
  c.prefix = c.bits();
  if (slash != std::string_view::npos) {
    const auto p = parseInt(s.substr(slash + 1), c.bits());
    if (!p) return std::nullopt;
    c.prefix = *p;
  }
  return c;
}

bool IpRange::hostBitsSet() const {
  for (int b = prefix; b < bits(); ++b) {
    if ((bytes[b / 8] >> (7 - b % 8)) & 1) return true;
  }
  return false;
}

std::string IpRange::network() const {
  IpRange n = *this;
  for (int b = prefix; b < bits(); ++b) n.bytes[b / 8] &= static_cast<uint8_t>(~(1u << (7 - b % 8)));
  char buf[64];
  std::string out;
  if (!v6) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", n.bytes[0], n.bytes[1], n.bytes[2], n.bytes[3]);
    out = buf;
  } else {
    // Full form without zero compression beyond leading zeros of each group; then compress the longest zero run.
    std::array<unsigned, 8> g{};
    for (int i = 0; i < 8; ++i) g[i] = (n.bytes[2 * i] << 8) | n.bytes[2 * i + 1];
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
      if (g[i] != 0) { ++i; continue; }
      int j = i;
      while (j < 8 && g[j] == 0) ++j;
      if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
      i = j;
    }
    for (int i = 0; i < 8; ++i) {
      if (i == bestStart) {
        out += "::";
        i += bestLen - 1;
        continue;
      }
      if (!out.empty() && out.back() != ':') out += ':';
      std::snprintf(buf, sizeof buf, "%x", g[i]);
      out += buf;
    }
  }
  return out + "/" + std::to_string(prefix);
}

bool IpRange::isPrivate() const {
  static const char* const kRanges[] = {"10.0.0.0/8",     "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
                                        "169.254.0.0/16", "100.64.0.0/10", "fc00::/7",       "fe80::/10",
                                        "::1/128"};
  for (const char* r : kRanges) {
    if (const auto range = parseIpRange(r); range && inRange(*this, *range)) return true;
  }
  return false;
}

}  // namespace rolelint::core

namespace rolelint::core {
namespace {
std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

bool ipInRange(std::string_view address, std::string_view range) {
  const auto a = parseIpRange(trimSpaces(address));
  const auto r = parseIpRange(trimSpaces(range));
  if (!a || !r || a->v6 != r->v6) return false;
  for (int i = 0; i < r->prefix; ++i) {
    const int byte = i / 8, bit = 7 - i % 8;
    if (((a->bytes[byte] >> bit) & 1) != ((r->bytes[byte] >> bit) & 1)) return false;
  }
  return true;
}

}  // namespace rolelint::core
