// Unknown parts of values. An expression rolelint cannot evaluate — a
// CloudFormation parameter without a usable Default, `!GetAtt Bucket.Arn` of a
// resource whose ARN is not known before deployment, a Terraform reference such
// as `aws_s3_bucket.media.arn`, a dynamic reference `{{resolve:ssm:…}}` — is
// never dropped: it becomes an *unknown part* of the string value it stands in.
//
// Transport: input builders (CloudFormation, SAM, Terraform) evaluate what they
// can and write the result as an ordinary json::Value tree; an unknown part is
// written inside the string as a marker, U+E000, the decimal id of its origin,
// U+E001 (both private-use code points, which no IAM value contains). The id
// indexes the origins kept with the tree (input::Tree::unknowns): the
// expression's text, what it is ("parameter InputBucket") and its source range.
//
// How every analysis treats an unknown (docs/architecture.md, "Unknown values"):
// - never a syntax finding on an unknown part;
// - in matching, an unknown part may be any value of that part;
// - an answer that depends on one says so ("may allow, depending on InputBucket").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"

namespace rolelint::core {

inline constexpr std::string_view kUnknownOpen = "\xEE\x80\x80";   // U+E000
inline constexpr std::string_view kUnknownClose = "\xEE\x80\x81";  // U+E001

// Where an unknown part came from.
struct UnknownOrigin {
  std::string expression;  // as written: "!Ref InputBucket", "aws_s3_bucket.media.arn"
  std::string what;        // for messages: "parameter InputBucket", "aws_s3_bucket.media.arn"
  Span range;              // the expression in the source file (offsets)
};

// The marker for origin `id`.
std::string unknownMarker(uint32_t id);
// Whether `s` holds at least one unknown part.
inline bool hasUnknown(std::string_view s) { return s.find(kUnknownOpen) != std::string_view::npos; }
// Whether `s` is exactly one unknown part and nothing else.
bool isWhollyUnknown(std::string_view s);

// `s` cut into literal runs and unknown parts, in order. Literal parts view `s`.
struct TextPart {
  bool unknown = false;
  std::string_view text;  // the literal text, or the whole marker of an unknown part
  uint32_t id = 0;        // the origin id of an unknown part
};
std::vector<TextPart> splitUnknown(std::string_view s);

// `s` with every unknown part replaced by `replacement` ("*" to match it as a
// glob that may be any value).
std::string replaceUnknown(std::string_view s, std::string_view replacement);

// `s` for a person: every unknown part written as `${what}` using `origins`
// (`${?}` for an id out of range).
std::string displayUnknown(std::string_view s, const std::vector<UnknownOrigin>& origins);

// The origin ids of the unknown parts of `s`, in order.
std::vector<uint32_t> unknownIds(std::string_view s);

}  // namespace rolelint::core
