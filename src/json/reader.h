// The located JSON reader: RFC 8259 JSON into a json::Value tree where every
// value carries its span. Non-recursive (an explicit stack), so deep input
// cannot overflow the call stack; nesting beyond ReadOptions::maxDepth is a
// reported problem. Problems are values, never exceptions.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"

namespace rolelint::json {

enum class ProblemCode {
  Syntax,         // not JSON: the message says what was expected and what was found
  DuplicateKey,   // an object repeats a key (related: the first occurrence)
  InvalidUtf8,    // bytes that are not UTF-8 (replaced by U+FFFD in the tree)
  ByteOrderMark,  // the text starts with a UTF-8 BOM (skipped)
  Encoding,       // the text looks UTF-16/32 encoded or binary (NUL bytes)
  TooDeep,        // nesting deeper than the limit
  Empty,          // nothing but whitespace
};

struct Problem {
  ProblemCode code = ProblemCode::Syntax;
  std::string message;
  core::Range range;
  std::optional<core::Range> related;  // DuplicateKey: where the key first appeared
};

struct ReadOptions {
  uint32_t maxDepth = 256;         // IAM documents nest 5 levels; 256 is generous
  uint32_t maxUtf8Reports = 10;    // invalid UTF-8 runs reported per text
  // Strings that need no decoding, and numbers, are views into the text read
  // (json::Text::view), which must then outlive the tree and every value moved out
  // of it: an input::Tree reads its own Source's text. Otherwise every string is a copy.
  bool borrow = false;
};

// The result of reading one text. `root` is set when the text is syntactically
// JSON (possibly with duplicate keys, invalid UTF-8 or a BOM, which are problems
// but do not stop the reader).
struct Document {
  std::unique_ptr<Value> root;  // heap-held so the tree's parent links survive moves of the Document
  std::vector<Problem> problems;
};

Document read(std::string_view text, const ReadOptions& options = {});

// The same Document as read(), with the elements of the largest array under the
// top-level object (an account dump's RoleDetailList) read by `threads` threads.
// Texts under 4 MiB, and anything read() would report a problem in, are read by
// read() itself, so problems and their order are read()'s.
// `split` (when given) tells whether the threads were used.
Document readSplit(std::string_view text, unsigned threads, const ReadOptions& options = {}, bool* split = nullptr);

// Human description of the byte at text[offset] for messages: "'x'", "end of input", "a NUL byte".
std::string describeAt(std::string_view text, size_t offset);

}  // namespace rolelint::json
