// Errors as values (RE2's RegexpStatus, json::Document's problems): a function
// that can fail returns Result<T> — a value or an Error that says what went
// wrong — instead of writing into a `std::string*` out-parameter or throwing
// for control flow. Exceptions from libraries are caught at the edge of the
// module that calls them and turned into an Error.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace rolelint::core {

// What went wrong, in one sentence a person can act on ("x.json: cannot read
// the file: Permission denied"). Regular value type.
struct Error {
  std::string message;
};

// A value of T or an Error. Copyable and movable when T is.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;

}  // namespace rolelint::core
