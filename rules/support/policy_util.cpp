#include "rules/support/policy_util.h"

#include "core/wildcard.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace rolelint::rules::policy {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string label(const model::Statement& s) {
  std::string out = "statement " + std::to_string(s.index);
  if (s.sid != nullptr && s.sid->isString() && !s.sid->text.empty()) out += " (Sid \"" + s.sid->text + "\")";
  return out;
}

bool wildcardMatch(std::string_view pattern, std::string_view text, bool ignoreCase) { return core::wildcardMatch(pattern, text, ignoreCase); }

std::optional<std::vector<std::string>> splitArn(std::string_view arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t c = arn.find(':', start);
    if (c == std::string_view::npos) return std::nullopt;
    parts.emplace_back(arn.substr(start, c - start));
    start = c + 1;
  }
  parts.emplace_back(arn.substr(start));
  return parts;
}

void reportSubstring(engine::Reporter& r, const model::PolicyDocument& p, const json::Value& v, size_t pos,
                     size_t len, std::string message) {
  core::Location loc = p.locate(v);
  const bool plain = v.isString() && loc.range.begin.line == loc.range.end.line &&
                     loc.range.end.offset - loc.range.begin.offset == v.text.size() + 2 &&
                     std::all_of(v.text.begin(), v.text.end(), [](unsigned char c) { return c < 0x80; }) &&
                     pos + len <= v.text.size() && len > 0;
  if (plain) {
    core::Pos b = loc.range.begin;
    b.offset += 1 + pos;
    b.column += static_cast<uint32_t>(1 + pos);
    core::Pos e = b;
    e.offset += len;
    e.column += static_cast<uint32_t>(len);
    loc.range = {b, e};
  }
  r.report(std::move(loc), std::move(message), p.roleName, p.label);
}

std::string typeName(const json::Value& v) { return std::string(json::kindName(v.kind)); }

Operator parseOperator(std::string_view op) {
  Operator o;
  for (std::string_view q : {"ForAllValues:", "ForAnyValue:"}) {
    if (op.substr(0, q.size()) == q) {
      o.qualifier = std::string(q.substr(0, q.size() - 1));
      op.remove_prefix(q.size());
      break;
    }
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() && op.substr(op.size() - kIfExists.size()) == kIfExists) {
    o.ifExists = true;
    op.remove_suffix(kIfExists.size());
  }
  o.base = std::string(op);
  return o;
}

namespace {
struct Known {
  std::string_view name;
  OperatorFamily family;
};
constexpr std::array<Known, 28> kOperators = {{
    {"StringEquals", OperatorFamily::String},
    {"StringNotEquals", OperatorFamily::String},
    {"StringEqualsIgnoreCase", OperatorFamily::String},
    {"StringNotEqualsIgnoreCase", OperatorFamily::String},
    {"StringLike", OperatorFamily::String},
    {"StringNotLike", OperatorFamily::String},
    {"NumericEquals", OperatorFamily::Numeric},
    {"NumericNotEquals", OperatorFamily::Numeric},
    {"NumericLessThan", OperatorFamily::Numeric},
    {"NumericLessThanEquals", OperatorFamily::Numeric},
    {"NumericGreaterThan", OperatorFamily::Numeric},
    {"NumericGreaterThanEquals", OperatorFamily::Numeric},
    {"DateEquals", OperatorFamily::Date},
    {"DateNotEquals", OperatorFamily::Date},
    {"DateLessThan", OperatorFamily::Date},
    {"DateLessThanEquals", OperatorFamily::Date},
    {"DateGreaterThan", OperatorFamily::Date},
    {"DateGreaterThanEquals", OperatorFamily::Date},
    {"Bool", OperatorFamily::Bool},
    {"BinaryEquals", OperatorFamily::Binary},
    {"IpAddress", OperatorFamily::Ip},
    {"NotIpAddress", OperatorFamily::Ip},
    {"ArnEquals", OperatorFamily::Arn},
    {"ArnLike", OperatorFamily::Arn},
    {"ArnNotEquals", OperatorFamily::Arn},
    {"ArnNotLike", OperatorFamily::Arn},
    {"Null", OperatorFamily::Null},
    {"", OperatorFamily::Unknown},
}};
}  // namespace

OperatorFamily familyOf(std::string_view base) {
  for (const Known& k : kOperators) {
    if (!k.name.empty() && k.name == base) return k.family;
  }
  return OperatorFamily::Unknown;
}

std::string_view knownOperatorIgnoringCase(std::string_view base) {
  for (const Known& k : kOperators) {
    if (!k.name.empty() && iequals(k.name, base)) return k.name;
  }
  return {};
}

}  // namespace rolelint::rules::policy

namespace rolelint::rules::policy {

std::vector<PrincipalValue> principalValues(const model::Principal& p) {
  std::vector<PrincipalValue> out;
  for (const model::Principal::Entry& e : p.entries) {
    for (const model::StringItem& i : e.values.items) out.push_back({&e, &i});
  }
  return out;
}

bool isLowerHostname(std::string_view s) {
  size_t labels = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) dot = s.size();
    const std::string_view l = s.substr(start, dot - start);
    if (l.empty() || l.front() == '-' || l.back() == '-') return false;
    for (char c : l) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    ++labels;
    start = dot + 1;
    if (dot == s.size()) break;
  }
  return labels >= 2;
}

bool isKnownPartition(std::string_view s) {
  for (std::string_view k : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                             "aws-eusc"}) {
    if (s == k) return true;
  }
  return false;
}

bool isKnownPartitionPrefix(std::string_view s) {
  for (std::string_view k : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                             "aws-eusc"}) {
    if (k.substr(0, s.size()) == s) return true;
  }
  return false;
}

}  // namespace rolelint::rules::policy

namespace rolelint::rules::policy {

std::vector<Variable> variables(std::string_view s) {
  std::vector<Variable> out;
  size_t at = s.find("${");
  while (at != std::string_view::npos) {
    const size_t close = s.find('}', at + 2);
    const size_t next = s.find("${", at + 2);
    if (close == std::string_view::npos || (next != std::string_view::npos && next < close)) {
      const size_t end = next == std::string_view::npos ? s.size() : next;
      out.push_back({at, end - at, std::string(s.substr(at + 2, end - at - 2)), false});
      at = next;
      continue;
    }
    out.push_back({at, close + 1 - at, std::string(s.substr(at + 2, close - at - 2)), true});
    at = s.find("${", close + 1);
  }
  return out;
}

}  // namespace rolelint::rules::policy

#include <cstdio>

namespace rolelint::rules::policy {

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

bool inRange(const Cidr& c, const Cidr& range) {
  if (c.v6 != range.v6 || c.prefix < range.prefix) return false;
  for (int b = 0; b < range.prefix; ++b) {
    const int byte = b / 8, bit = 7 - b % 8;
    if (((c.bytes[byte] >> bit) & 1) != ((range.bytes[byte] >> bit) & 1)) return false;
  }
  return true;
}

}  // namespace

std::optional<Cidr> parseCidr(std::string_view s) {
  Cidr c;
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

bool Cidr::hostBitsSet() const {
  for (int b = prefix; b < bits(); ++b) {
    if ((bytes[b / 8] >> (7 - b % 8)) & 1) return true;
  }
  return false;
}

std::string Cidr::network() const {
  Cidr n = *this;
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

bool Cidr::isPrivate() const {
  static const char* const kRanges[] = {"10.0.0.0/8",     "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
                                        "169.254.0.0/16", "100.64.0.0/10", "fc00::/7",       "fe80::/10",
                                        "::1/128"};
  for (const char* r : kRanges) {
    if (const auto range = parseCidr(r); range && inRange(*this, *range)) return true;
  }
  return false;
}

namespace {
struct GlobalKey {
  std::string_view name;
  KeyType type;
};
constexpr GlobalKey kGlobalKeys[] = {
    {"aws:PrincipalArn", KeyType::Arn},
    {"aws:PrincipalAccount", KeyType::String},
    {"aws:PrincipalOrgID", KeyType::String},
    {"aws:PrincipalOrgPaths", KeyType::ArrayOfString},
    {"aws:PrincipalTag/", KeyType::String},
    {"aws:PrincipalIsAWSService", KeyType::Bool},
    {"aws:PrincipalServiceName", KeyType::String},
    {"aws:PrincipalServiceNamesList", KeyType::ArrayOfString},
    {"aws:PrincipalType", KeyType::String},
    {"aws:userid", KeyType::String},
    {"aws:username", KeyType::String},
    {"aws:AssumedRoot", KeyType::Bool},
    {"aws:FederatedProvider", KeyType::String},
    {"aws:TokenIssueTime", KeyType::Date},
    {"aws:MultiFactorAuthAge", KeyType::Numeric},
    {"aws:MultiFactorAuthPresent", KeyType::Bool},
    {"aws:SourceIdentity", KeyType::String},
    {"aws:Ec2InstanceSourceVpc", KeyType::String},
    {"aws:Ec2InstanceSourcePrivateIPv4", KeyType::Ip},
    {"aws:ChatbotSourceArn", KeyType::Arn},
    {"aws:SourceIp", KeyType::Ip},
    {"aws:SourceVpc", KeyType::String},
    {"aws:SourceVpcArn", KeyType::Arn},
    {"aws:SourceVpce", KeyType::String},
    {"aws:VpceAccount", KeyType::String},
    {"aws:VpceOrgID", KeyType::String},
    {"aws:VpceOrgPaths", KeyType::ArrayOfString},
    {"aws:VpcSourceIp", KeyType::Ip},
    {"aws:ResourceAccount", KeyType::String},
    {"aws:ResourceOrgID", KeyType::String},
    {"aws:ResourceOrgPaths", KeyType::ArrayOfString},
    {"aws:ResourceTag/", KeyType::String},
    {"aws:CalledVia", KeyType::ArrayOfString},
    {"aws:CalledViaFirst", KeyType::String},
    {"aws:CalledViaLast", KeyType::String},
    {"aws:ViaAWSService", KeyType::Bool},
    {"aws:CurrentTime", KeyType::Date},
    {"aws:EpochTime", KeyType::Date},
    {"aws:referer", KeyType::String},
    {"aws:RequestedRegion", KeyType::String},
    {"aws:RequestTag/", KeyType::String},
    {"aws:TagKeys", KeyType::ArrayOfString},
    {"aws:SecureTransport", KeyType::Bool},
    {"aws:SourceArn", KeyType::Arn},
    {"aws:SourceAccount", KeyType::String},
    {"aws:SourceOwner", KeyType::String},
    {"aws:SourceOrgID", KeyType::String},
    {"aws:SourceOrgPaths", KeyType::ArrayOfString},
    {"aws:UserAgent", KeyType::String},
};

const GlobalKey* findGlobal(std::string_view key) {
  for (const GlobalKey& k : kGlobalKeys) {
    if (k.name.back() == '/') {
      if (key.size() > k.name.size() && iequals(key.substr(0, k.name.size()), k.name)) return &k;
    } else if (iequals(key, k.name)) {
      return &k;
    }
  }
  return nullptr;
}
}  // namespace

KeyType globalKeyType(std::string_view key) {
  const GlobalKey* k = findGlobal(key);
  return k == nullptr ? KeyType::Unknown : k->type;
}

std::string_view globalKeyName(std::string_view key) {
  const GlobalKey* k = findGlobal(key);
  return k == nullptr ? std::string_view{} : k->name;
}

std::string_view keyTypeName(KeyType t) {
  switch (t) {
    case KeyType::String: return "String";
    case KeyType::Arn: return "ARN";
    case KeyType::Bool: return "Bool";
    case KeyType::Date: return "Date";
    case KeyType::Numeric: return "Numeric";
    case KeyType::Ip: return "IPAddress";
    case KeyType::ArrayOfString: return "ArrayOfString";
    case KeyType::Unknown: break;
  }
  return "unknown";
}

}  // namespace rolelint::rules::policy
