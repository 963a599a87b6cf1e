// ARNs, split once: the one splitter of "arn:partition:service:region:account:resource"
// (IAM User Guide, "IAM identifiers", ARN format; the resource part may hold
// more `:`), and the typed ARN value the model keeps for Resource entries and
// principals: each field literal, a glob (`*`, `?`), a policy variable (`${…}`)
// or an unknown part (core/unknown.h), or a mix of these.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolelint::core {

// The six colon-separated fields (the first is normally "arn"); the last keeps
// its colons. A ':' inside a policy variable `${…}` does not separate fields.
// nullopt with fewer than six fields.
std::optional<std::array<std::string_view, 6>> splitArnFields(std::string_view text);

// The five fields after "arn:"; nullopt when `text` does not start with "arn:"
// or has fewer than six fields.
struct ArnFields {
  std::string_view partition, service, region, account, resource;
};
std::optional<ArnFields> splitArn(std::string_view text);

enum class ArnField : uint8_t { Partition, Service, Region, Account, Resource };

// What a field holds, as flags: none is a literal field.
enum ArnPartFlags : uint8_t { kArnGlob = 1, kArnVariable = 2, kArnUnknown = 4 };

// A typed ARN: where each field of a text is and what it holds. It keeps
// offsets, not the text (the model keeps the text once, next to it): pass the
// same text to field(). Regular value type.
class Arn {
 public:
  // nullopt when `text` is not "arn:" and five more fields.
  static std::optional<Arn> parse(std::string_view text);

  std::string_view field(std::string_view text, ArnField f) const {
    const auto i = static_cast<size_t>(f);
    return text.substr(begin_[i], end_[i] - begin_[i]);
  }
  uint8_t flags(ArnField f) const { return flags_[static_cast<size_t>(f)]; }
  bool literal(ArnField f) const { return flags(f) == 0; }
  bool hasUnknown() const { return ((flags_[0] | flags_[1] | flags_[2] | flags_[3] | flags_[4]) & kArnUnknown) != 0; }

 private:
  std::array<uint32_t, 5> begin_{}, end_{};
  std::array<uint8_t, 5> flags_{};
};

// The flags of one piece of text (glob, variable, unknown).
uint8_t arnPartFlags(std::string_view part);

}  // namespace rolelint::core
