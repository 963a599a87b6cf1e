#include "json/value.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace rolelint::json {

std::string_view kindName(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Boolean: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Array: return "an array";
    case Kind::Object: return "an object";
  }
  return "a value";
}

const Member* Value::findMember(std::string_view key) const {
  for (const Member& m : members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  const Member* m = findMember(key);
  return m ? &m->value : nullptr;
}

const Member* Value::memberOf() const {
  if (parent == nullptr || !parent->isObject() || index >= parent->members.size()) return nullptr;
  return &parent->members[index];
}

namespace {
// RFC 6901: "~" is written "~0" and "/" is written "~1".
void appendPointerToken(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}
}  // namespace

std::string escapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  appendPointerToken(out, token);
  return out;
}

std::string pointerOf(const Value& v, const Value* root) {
  // The path from `root` down to `v`, then its tokens appended in order (one string, no
  // string per token: every diagnostic's location has a pointer).
  // Most documents are a few levels deep: the path is kept on the stack up to 32 levels.
  const Value* small[32];
  std::vector<const Value*> large;
  std::size_t depth = 0;
  for (const Value* cur = &v; cur != root && cur->parent != nullptr; cur = cur->parent) {
    if (depth < 32) {
      small[depth] = cur;
    } else {
      if (large.empty()) large.assign(small, small + 32);
      large.push_back(cur);
    }
    ++depth;
  }
  const Value* const* path = large.empty() ? small : large.data();
  std::string out;
  for (std::size_t k = depth; k-- > 0;) {
    const Value& cur = *path[k];
    const Value& p = *cur.parent;
    out += '/';
    if (p.isObject()) {
      appendPointerToken(out, p.members[cur.index].key);
    } else {
      char digits[16];
      const auto r = std::to_chars(digits, digits + sizeof digits, cur.index);
      out.append(digits, r.ptr);
    }
  }
  return out;
}

void relink(Value& root) {
  // Iterative: the tree depth is bounded by the reader, but no recursion is needed.
  std::vector<Value*> stack{&root};
  while (!stack.empty()) {
    Value* v = stack.back();
    stack.pop_back();
    for (uint32_t i = 0; i < v->elements.size(); ++i) {
      v->elements[i].parent = v;
      v->elements[i].index = i;
      stack.push_back(&v->elements[i]);
    }
    for (uint32_t i = 0; i < v->members.size(); ++i) {
      v->members[i].value.parent = v;
      v->members[i].value.index = i;
      stack.push_back(&v->members[i].value);
    }
  }
}

}  // namespace rolelint::json
