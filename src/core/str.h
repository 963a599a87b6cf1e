// core::Str: a string in 16 bytes (std::string takes 32), for what there are very
// many of: the string of a JSON value or member name (json::Text), the string
// fields of a finding (core::Diagnostic). It is one of three things:
//   - a view into the text the tree was read from, when the reader was told that
//     text outlives the tree (ReadOptions::borrow) and the string needed no
//     decoding, which is nearly every string and every number of a real document;
//   - up to 14 bytes held inline;
//   - a longer string held on the heap (a decoded escape, or a string a builder wrote).
// Assigning any string, or copying a Str, makes an owned copy; only Str::view
// borrows, and only a moved Str keeps borrowing. Reads go through std::string_view.
#pragma once
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

// In a namespace of its own, so that a call with a Str argument does not find
// functions by argument-dependent lookup that it did not find with a std::string.
namespace rolelint::str {

// Aligned as a pointer: the pointer it holds sits at an aligned place, where a leak
// checker (LeakSanitizer scans aligned words) finds it.
class alignas(alignof(const char*)) Str {
 public:
  Str() noexcept { std::memset(raw_, 0, sizeof raw_); }
  Str(std::string_view s) : Str() { assign(s); }  // NOLINT(google-explicit-constructor): strings convert
  Str(const std::string& s) : Str(std::string_view(s)) {}  // NOLINT(google-explicit-constructor)
  Str(const char* s) : Str(std::string_view(s)) {}         // NOLINT(google-explicit-constructor)
  Str(const Str& o) : Str() { copyFrom(o); }
  Str(Str&& o) noexcept {
    std::memcpy(raw_, o.raw_, sizeof raw_);
    std::memset(o.raw_, 0, sizeof o.raw_);
  }
  Str& operator=(const Str& o) {
    if (this != &o) {
      release();
      copyFrom(o);
    }
    return *this;
  }
  Str& operator=(Str&& o) noexcept {
    if (this != &o) {
      release();
      std::memcpy(raw_, o.raw_, sizeof raw_);
      std::memset(o.raw_, 0, sizeof o.raw_);
    }
    return *this;
  }
  Str& operator=(std::string_view s) {
    Str t(s);
    return *this = std::move(t);
  }
  Str& operator=(const std::string& s) { return *this = std::string_view(s); }
  Str& operator=(const char* s) { return *this = std::string_view(s); }
  ~Str() { release(); }
  // A new copy with `s` appended (a Str is not a buffer: build long strings in a std::string).
  Str& operator+=(std::string_view s) {
    std::string joined;
    joined.reserve(size() + s.size());
    joined.append(sv()).append(s);
    return *this = std::string_view(joined);
  }

  // Borrows `s`: the bytes must outlive the Str and every copy of it.
  static Str view(std::string_view s) {
    Str t;
    t.setPointer(s.data(), checkedSize(s.size()), kView);
    return t;
  }

  std::string_view sv() const noexcept {
    if (mode() == kInline) return {raw_, static_cast<size_t>(static_cast<unsigned char>(raw_[kInlineSizeAt]))};
    const char* p;
    uint32_t n;
    std::memcpy(&p, raw_, sizeof p);
    std::memcpy(&n, raw_ + sizeof p, sizeof n);
    return {p, n};
  }
  operator std::string_view() const noexcept { return sv(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(sv()); }
  // Implicit, as a std::string converted before: a copy, where a std::string is needed.
  operator std::string() const { return str(); }  // NOLINT(google-explicit-constructor)

  // Whether the bytes are a view into the text read (the reader's choice; tests).
  bool borrowed() const noexcept { return mode() == kView && size() != 0; }

  const char* data() const noexcept { return sv().data(); }
  size_t size() const noexcept { return sv().size(); }
  size_t length() const noexcept { return size(); }
  bool empty() const noexcept { return size() == 0; }
  const char* begin() const noexcept { return data(); }
  const char* end() const noexcept { return data() + size(); }
  char operator[](size_t i) const noexcept { return data()[i]; }
  char front() const noexcept { return data()[0]; }
  char back() const noexcept { return data()[size() - 1]; }
  bool starts_with(std::string_view p) const noexcept { return sv().starts_with(p); }
  bool starts_with(char c) const noexcept { return sv().starts_with(c); }
  bool ends_with(std::string_view p) const noexcept { return sv().ends_with(p); }
  bool ends_with(char c) const noexcept { return sv().ends_with(c); }
  size_t find(std::string_view s, size_t pos = 0) const noexcept { return sv().find(s, pos); }
  size_t find(char c, size_t pos = 0) const noexcept { return sv().find(c, pos); }
  size_t rfind(std::string_view s, size_t pos = std::string_view::npos) const noexcept { return sv().rfind(s, pos); }
  size_t rfind(char c, size_t pos = std::string_view::npos) const noexcept { return sv().rfind(c, pos); }
  size_t find_first_of(std::string_view s, size_t pos = 0) const noexcept { return sv().find_first_of(s, pos); }
  size_t find_first_not_of(std::string_view s, size_t pos = 0) const noexcept {
    return sv().find_first_not_of(s, pos);
  }
  size_t find_first_not_of(char c, size_t pos = 0) const noexcept { return sv().find_first_not_of(c, pos); }
  size_t find_first_of(char c, size_t pos = 0) const noexcept { return sv().find_first_of(c, pos); }
  size_t find_last_of(std::string_view s, size_t pos = std::string_view::npos) const noexcept {
    return sv().find_last_of(s, pos);
  }
  // A copy, as std::string::substr (sv().substr for a view).
  std::string substr(size_t pos, size_t n = std::string_view::npos) const { return std::string(sv().substr(pos, n)); }
  int compare(std::string_view s) const noexcept { return sv().compare(s); }
  static constexpr size_t npos = std::string_view::npos;
  static constexpr size_t kInlineMax = 14;  // the longest string held inline

  friend bool operator==(const Str& a, const Str& b) noexcept { return a.sv() == b.sv(); }
  friend bool operator==(const Str& a, std::string_view b) noexcept { return a.sv() == b; }
  friend bool operator==(const Str& a, const std::string& b) noexcept { return a.sv() == std::string_view(b); }
  friend bool operator==(const Str& a, const char* b) noexcept { return a.sv() == std::string_view(b); }
  friend std::strong_ordering operator<=>(const Str& a, const Str& b) noexcept { return a.sv() <=> b.sv(); }
  friend std::strong_ordering operator<=>(const Str& a, std::string_view b) noexcept { return a.sv() <=> b; }
  friend std::string operator+(const std::string& a, const Str& b) { return a + std::string(b.sv()); }
  friend std::string operator+(std::string&& a, const Str& b) { return std::move(a.append(b.sv())); }
  friend std::string operator+(const char* a, const Str& b) { return std::string(a).append(b.sv()); }
  friend std::string operator+(const Str& a, const std::string& b) { return std::string(a.sv()) + b; }
  friend std::string operator+(const Str& a, const char* b) { return std::string(a.sv()).append(b); }
  friend std::string& operator+=(std::string& a, const Str& b) { return a.append(b.sv()); }
  friend std::ostream& operator<<(std::ostream& o, const Str& t) { return o << t.sv(); }

 private:
  static constexpr size_t kInlineSizeAt = 14;
  static constexpr size_t kModeAt = 15;
  enum Mode : unsigned char { kView = 0, kHeap = 1, kInline = 2 };

  // Bytes 0-7 a pointer and 8-11 a size (view, heap), or 0-13 the bytes and 14 the
  // size (inline); byte 15 the mode. A zeroed Str is the empty view.
  char raw_[16];

  Mode mode() const noexcept { return static_cast<Mode>(raw_[kModeAt]); }
  static uint32_t checkedSize(size_t n) {
    if (n > std::numeric_limits<uint32_t>::max()) throw std::length_error("core::Str: string too long");
    return static_cast<uint32_t>(n);
  }
  void setPointer(const char* p, uint32_t n, Mode m) noexcept {
    std::memset(raw_, 0, sizeof raw_);
    std::memcpy(raw_, &p, sizeof p);
    std::memcpy(raw_ + sizeof p, &n, sizeof n);
    raw_[kModeAt] = static_cast<char>(m);
  }
  void assign(std::string_view s) {
    if (s.size() <= kInlineMax) {
      std::memset(raw_, 0, sizeof raw_);
      if (!s.empty()) std::memcpy(raw_, s.data(), s.size());
      raw_[kInlineSizeAt] = static_cast<char>(s.size());
      raw_[kModeAt] = static_cast<char>(kInline);
      return;
    }
    const uint32_t n = checkedSize(s.size());
    char* p = new char[n];
    std::memcpy(p, s.data(), n);
    setPointer(p, n, kHeap);
  }
  // A copy owns its bytes (a copy may outlive the text a view borrows from); a
  // moved Str keeps what it was.
  void copyFrom(const Str& o) {
    if (o.mode() == kInline) {
      std::memcpy(raw_, o.raw_, sizeof raw_);
    } else {
      assign(o.sv());
    }
  }
  void release() noexcept {
    if (mode() == kHeap) delete[] sv().data();
  }
};

static_assert(sizeof(Str) == 16 && alignof(Str) == alignof(const char*));

}  // namespace rolelint::str

namespace rolelint::core {
using Str = str::Str;
}  // namespace rolelint::core

template <>
struct std::hash<rolelint::str::Str> {
  size_t operator()(const rolelint::str::Str& t) const noexcept { return std::hash<std::string_view>{}(t.sv()); }
};
