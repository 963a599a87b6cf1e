// Actions, split once: "service:Name" (IAM User Guide, "IAM JSON policy
// elements: Action": a service prefix and an action name, both matched ignoring
// case; `*` and `?` may stand anywhere; "*" alone is every action).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace rolelint::core {

// The two parts of "prefix:name"; `ok` when there is exactly one ':' with text
// on both sides. Views into the text given.
struct ActionParts {
  std::string_view prefix, name;
  bool ok = false;
};
ActionParts splitAction(std::string_view action);

// A typed action entry: where its parts are and what they hold. It keeps
// offsets, not the text (the model keeps the text once, next to it): pass the
// same text to prefix() and name(). Regular value type.
class Action {
 public:
  explicit Action(std::string_view text);
  bool ok() const { return ok_; }            // "prefix:name"
  std::string_view prefix(std::string_view text) const { return ok_ ? text.substr(0, colon_) : std::string_view(); }
  std::string_view name(std::string_view text) const { return ok_ ? text.substr(colon_ + 1) : std::string_view(); }
  bool glob() const { return glob_; }        // holds `*` or `?`
  bool unknown() const { return unknown_; }  // holds an unknown part (core/unknown.h)

 private:
  uint32_t colon_ = 0;
  bool ok_ = false, glob_ = false, unknown_ = false;
};

}  // namespace rolelint::core
