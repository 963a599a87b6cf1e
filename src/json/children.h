// json::Children<T>: the elements of an array or the members of an object. A
// vector in 16 bytes (pointer, 32-bit size and capacity) instead of std::vector's
// 24: every value of a tree holds two (an account dump of 10,000 roles holds about
// a million values). Move-only, as the tree is; the subset of std::vector's
// interface the readers, builders and rules use.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <new>
#include <stdexcept>
#include <utility>

namespace rolelint::json {

template <typename T>
class Children {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;
  using reverse_iterator = std::reverse_iterator<T*>;
  using const_reverse_iterator = std::reverse_iterator<const T*>;

  Children() noexcept = default;
  Children(const Children&) = delete;
  Children& operator=(const Children&) = delete;
  Children(Children&& o) noexcept : data_(o.data_), size_(o.size_), cap_(o.cap_) {
    o.data_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  Children& operator=(Children&& o) noexcept {
    if (this != &o) {
      destroy();
      data_ = o.data_;
      size_ = o.size_;
      cap_ = o.cap_;
      o.data_ = nullptr;
      o.size_ = o.cap_ = 0;
    }
    return *this;
  }
  ~Children() { destroy(); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return cap_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& front() noexcept { return data_[0]; }
  const T& front() const noexcept { return data_[0]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }
  reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
  reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }

  void reserve(std::size_t n) {
    if (n > cap_) grow(n);
  }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == cap_) grow(cap_ == 0 ? 1 : std::size_t{cap_} * 2);
    T* p = ::new (static_cast<void*>(data_ + size_)) T(std::forward<Args>(args)...);
    ++size_;
    return *p;
  }
  void clear() noexcept {
    for (std::uint32_t i = size_; i-- > 0;) data_[i].~T();
    size_ = 0;
  }

 private:
  T* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t cap_ = 0;

  void grow(std::size_t n) {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "plain operator new aligns T");
    // Inputs are at most 1 GiB (input::kMaxInputBytes), so no container nears 2^32 children.
    if (n > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("json::Children: too many children");
    T* fresh = static_cast<T*>(::operator new(n * sizeof(T)));
    for (std::uint32_t i = 0; i < size_; ++i) {
      ::new (static_cast<void*>(fresh + i)) T(std::move(data_[i]));
      data_[i].~T();
    }
    release();
    data_ = fresh;
    cap_ = static_cast<std::uint32_t>(n);
  }
  void release() noexcept {
    if (data_ != nullptr) ::operator delete(data_);
  }
  void destroy() noexcept {
    clear();
    release();
    data_ = nullptr;
    cap_ = 0;
  }
};

}  // namespace rolelint::json
