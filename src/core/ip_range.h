// IP addresses and ranges, parsed once: the one parser behind the IP rules and
// the request evaluator's IpAddress/NotIpAddress.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolelint::core {

// An IPv4 or IPv6 address with an optional /prefix (defaulting to the full length).
struct IpRange {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
  int prefix = 32;
  int bits() const { return v6 ? 128 : 32; }
  // The address with the host bits cleared, written back as text.
  std::string network() const;
  bool hostBitsSet() const;
  // True when the whole range lies in a private, loopback, link-local or
  // unique-local range (RFC 1918, RFC 6598, RFC 4193…), which aws:SourceIp never sees.
  bool isPrivate() const;
};
std::optional<IpRange> parseIpRange(std::string_view s);
// Whether `address` (an IP, optionally with a prefix) lies in `range`; host
// bits of the range after its prefix are ignored (Access Analyzer's IMPROVE_IP_RANGE
// check says IAM does so). False when either does not parse or the families differ.
bool ipInRange(std::string_view address, std::string_view range);

}  // namespace rolelint::core
