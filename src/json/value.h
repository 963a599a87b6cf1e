// The located JSON tree: every value knows its span (byte offsets of its start
// and end in the text it was read from), its parent and its index there, so its
// RFC 6901 pointer can be computed. Lines and columns are worked out from the
// offsets when a finding is located (input::locate, core::LineIndex): an account
// dump has a million values and few findings. Objects keep every member in source order, duplicates included
// (IAM rejects duplicate keys; most JSON libraries silently drop one).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"
#include "json/children.h"
#include "json/text.h"

namespace rolelint::json {

enum class Kind : uint8_t { Null, Boolean, Number, String, Array, Object };

std::string_view kindName(Kind k);  // "null", "a boolean", "a number", "a string", "an array", "an object"

struct Member;

// Where a value or a member name is: byte offsets [begin, end) in the text read
// (for a Terraform module, in its composite text: input::positionAt).
using Span = core::Span;

// A JSON value. Movable; copying is deleted because children point to their
// parent (a copy would point into the original).
class Value {
 public:
  Value() = default;
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;
  Value(Value&&) noexcept = default;
  Value& operator=(Value&&) noexcept = default;

  Kind kind = Kind::Null;
  bool boolean = false;
  uint32_t index = 0;            // position in the parent's elements or members
  uint32_t begin = 0;  // offset of the first byte of the value
  uint32_t end = 0;    // one past the last byte
  Text text;        // decoded string, or the number's lexeme (a view into the source when read with borrow)
  Children<Value> elements;      // Array
  Children<Member> members;      // Object, in source order
  const Value* parent = nullptr;

  bool isNull() const { return kind == Kind::Null; }
  bool isBool() const { return kind == Kind::Boolean; }
  bool isNumber() const { return kind == Kind::Number; }
  bool isString() const { return kind == Kind::String; }
  bool isArray() const { return kind == Kind::Array; }
  bool isObject() const { return kind == Kind::Object; }

  // First member with exactly this key, or nullptr.
  const Value* find(std::string_view key) const;
  const Member* findMember(std::string_view key) const;
  // The member this value is the value of (nullptr for array elements and the root).
  const Member* memberOf() const;
  Span range() const { return {begin, end}; }
};

struct Member {
  Text key;
  uint32_t keyBegin = 0;  // offset of the opening quote of the key
  uint32_t keyEnd = 0;    // one past the closing quote
  Value value;
  Span keyRange() const { return {keyBegin, keyEnd}; }
};

// RFC 6901 pointer of `v`, relative to `root` (or to the top of its tree when
// root is nullptr or not an ancestor).
std::string pointerOf(const Value& v, const Value* root = nullptr);
// Escape one reference token ("~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

// Re-link parent pointers of `v`'s subtree (after `v` has been moved).
void relink(Value& v);

}  // namespace rolelint::json
