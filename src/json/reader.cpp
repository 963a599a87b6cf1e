#include "json/reader.h"

#include "core/text.h"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>
#include <span>
#include <system_error>
#include <thread>
#include <unordered_set>

namespace rolelint::json {
namespace {

using core::Pos;
using core::Range;

struct Frame {
  Value value;                 // the Array or Object being built
  bool expectingKey = false;   // Object: next token is a key (or '}')
  bool afterComma = false;     // the last token was ','
  Text key;                    // Object: key of the member whose value is being read
  Pos keyBegin, keyEnd;
  size_t childStart = 0;       // where this container's children start in the reader's scratch stack
  std::unordered_set<std::string> bigKeys;  // duplicate detection once an object grows large
};

class Reader {
 public:
  Reader(std::string_view text, const ReadOptions& opts) : t_(text), opts_(opts) {}

  Document run() {
    Document doc;
    problems_ = &doc.problems;
    if (t_.size() >= 3 && std::memcmp(t_.data(), "\xEF\xBB\xBF", 3) == 0) {
      addProblem(ProblemCode::ByteOrderMark,
                 "the file starts with a UTF-8 byte order mark (BOM); IAM accepts only TAB, LF, CR and "
                 "U+0020-U+00FF in a policy document, so remove the BOM",
                 pos(), Pos{3, 1, 2});
      // U+FEFF is one UTF-16 code unit, as core::LineIndex counts it.
      i_ = 3;
      adjust_ = 2;
    } else if (looksUtf16()) {
      addProblem(ProblemCode::Encoding,
                 "the file looks UTF-16 encoded (it has NUL bytes between characters); save it as UTF-8",
                 pos(), at(std::min<size_t>(t_.size(), 2)));
      return doc;
    }
    skipWs();
    if (i_ >= t_.size()) {
      addProblem(ProblemCode::Empty, "the file is empty; expected a JSON object", pos(), pos());
      return doc;
    }
    if (!parseValueTree(doc)) return doc;
    skipWs();
    if (i_ < t_.size()) {
      syntax("unexpected " + describeAt(t_, i_) +
             " after the end of the top-level value; a JSON document holds exactly one value");
      doc.root.reset();
      return doc;
    }
    if (!skipping_) relink(*doc.root);  // (readSplit links the whole tree once)
    return doc;
  }

  // Where a value starts: the reader's state there (ReadSplit, below).
  struct At {
    size_t i = 0;
    uint32_t line = 1;
    size_t lineStart = 0;
    size_t adjust = 0;
  };
  // Reads the one value at `at` (an element of a large array), positions as in the
  // whole text; `end` is where the next token starts. One reader reads many values
  // in turn (its scratch stacks are empty again after each clean one). No relink:
  // readSplit links each element's subtree on the thread that read it.
  Document runValueAt(const At& at, size_t& end) {
    Document doc;
    problems_ = &doc.problems;
    i_ = at.i;
    line_ = at.line;
    lineStart_ = at.lineStart;
    adjust_ = at.adjust;
    if (!parseValueTree(doc)) doc.root.reset();
    skipWs();
    end = i_;
    return doc;
  }
  // Reads the text but the array at [skip.i, after.i): an empty array with its span
  // stands for it, its elements read elsewhere (readSplit). No relink either.
  Document runSkipping(const At& skip, const At& after) {
    skip_ = skip;
    after_ = after;
    skipping_ = true;
    return run();
  }

 private:
  At skip_, after_;
  bool skipping_ = false;
  std::string_view t_;
  const ReadOptions& opts_;
  size_t i_ = 0;
  uint32_t line_ = 1;
  size_t lineStart_ = 0;
  size_t adjust_ = 0;  // bytes minus UTF-16 units since lineStart_
  uint32_t utf8Reports_ = 0;
  std::vector<Problem>* problems_ = nullptr;
  std::vector<Frame> stack_;
  // The children of the open containers, innermost last: a container's elements or
  // members are moved once into a vector of exact size when it closes, instead of
  // growing each container's vector by doubling (and trimming it at the end).
  std::vector<Value> elementScratch_;
  std::vector<Member> memberScratch_;
  std::string decoded_;  // a string with escapes, decoded (readString)

  uint32_t offset() const { return static_cast<uint32_t>(i_); }
  Pos pos() const {
    return Pos{static_cast<uint32_t>(i_), line_, static_cast<uint32_t>(i_ - lineStart_ - adjust_ + 1)};
  }
  // Position `n` bytes ahead on the same line (ASCII bytes only).
  Pos at(size_t n) const {
    Pos p = pos();
    p.offset += n;
    p.column += static_cast<uint32_t>(n);
    return p;
  }

  bool looksUtf16() const {
    if (t_.size() >= 2 && ((t_[0] == '\xFF' && t_[1] == '\xFE') || (t_[0] == '\xFE' && t_[1] == '\xFF')))
      return true;
    return t_.size() >= 2 && (t_[0] == '\0' || t_[1] == '\0');
  }

  void addProblem(ProblemCode code, std::string message, Pos b, Pos e) {
    problems_->push_back(Problem{code, std::move(message), Range{b, e}, std::nullopt});
  }
  void syntax(std::string message) {
    Pos b = pos();
    Pos e = b;
    if (i_ < t_.size()) e = at(1);
    addProblem(ProblemCode::Syntax, std::move(message), b, e);
  }

  void skipWs() {
    while (i_ < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[i_]);
      if (c == '\n') {
        ++i_;
        ++line_;
        lineStart_ = i_;
        adjust_ = 0;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else {
        return;
      }
    }
  }

  // Reads the value starting at i_ (after whitespace) and everything nested in it.
  bool parseValueTree(Document& doc) {
    for (;;) {
      skipWs();
      if (!stack_.empty()) {
        Frame& f = stack_.back();
        if (f.value.kind == Kind::Object && f.expectingKey) {
          if (!readKey(f)) return false;
          continue;
        }
      }
      if (i_ >= t_.size()) {
        syntax(stack_.empty() ? "unexpected end of input: expected a value"
                              : (stack_.back().value.kind == Kind::Object
                                     ? "unexpected end of input: the object is not closed with '}'"
                                     : "unexpected end of input: the array is not closed with ']'"));
        return false;
      }
      const char c = t_[i_];
      const auto begin = static_cast<uint32_t>(i_);
      if (skipping_ && c == '[' && i_ == skip_.i && !stack_.empty()) {
        // The large array read in parallel: its span, its elements added afterwards.
        i_ = after_.i;
        line_ = after_.line;
        lineStart_ = after_.lineStart;
        adjust_ = after_.adjust;
        Value& v = slot();
        v.kind = Kind::Array;
        v.begin = begin;
        v.end = offset();
        if (!afterValue(doc)) return false;
        if (stack_.empty()) return true;
        continue;
      }
      if (c == '{' || c == '[') {
        if (stack_.size() >= opts_.maxDepth) {
          addProblem(ProblemCode::TooDeep,
                     "nesting is deeper than " + std::to_string(opts_.maxDepth) +
                         " levels; no IAM document nests this deep, so the file is not read further",
                     pos(), at(1));
          return false;
        }
        ++i_;
        Frame& f = stack_.emplace_back();
        f.value.kind = c == '{' ? Kind::Object : Kind::Array;
        f.value.begin = begin;
        f.expectingKey = c == '{';
        f.childStart = c == '{' ? memberScratch_.size() : elementScratch_.size();
        skipWs();
        const char close = c == '{' ? '}' : ']';
        if (i_ < t_.size() && t_[i_] == close) {
          ++i_;
          if (!closeContainer(doc)) return true;
          if (!afterValue(doc)) return false;
          if (stack_.empty()) return true;
        }
        continue;
      }
      if (!stack_.empty() && stack_.back().value.kind == Kind::Array && (c == ']') &&
          stack_.back().afterComma) {
        syntax("trailing comma before ']': JSON does not allow a comma after the last element");
        return false;
      }
      if (stack_.empty()) {
        Value v;
        v.begin = begin;
        if (!readScalar(v)) return false;
        doc.root = std::make_unique<Value>(std::move(v));
        return true;
      }
      // Read in place, in the open container's scratch: a value is not moved
      // (and its moved-from husks destroyed) on its way there.
      Value& v = slot();
      v.begin = begin;
      if (!readScalar(v)) return false;
      if (!afterValue(doc)) return false;
      if (stack_.empty()) return true;
    }
  }

  // A new element or member of the innermost open container, in the scratch stack.
  // The reference is valid until the next slot.
  Value& slot() {
    Frame& f = stack_.back();
    f.afterComma = false;
    if (f.value.kind == Kind::Array) return elementScratch_.emplace_back();
    Member& m = memberScratch_.emplace_back();
    m.key = std::move(f.key);
    m.keyBegin = f.keyBegin.offset;
    m.keyEnd = f.keyEnd.offset;
    f.expectingKey = true;
    return m.value;
  }

  // Moves scratch[start..] into `into`, sized exactly, and drops it from the scratch stack.
  template <typename T>
  static void takeChildren(std::vector<T>& scratch, size_t start, Children<T>& into) {
    const auto from = scratch.begin() + static_cast<std::ptrdiff_t>(start);
    into.reserve(static_cast<size_t>(scratch.end() - from));
    std::move(from, scratch.end(), std::back_inserter(into));
    scratch.erase(from, scratch.end());
  }

  // Pops the finished container; appends it to its parent or makes it the root.
  // Returns false when the root was completed.
  bool closeContainer(Document& doc) {
    Value v = std::move(stack_.back().value);
    v.end = offset();
    // Exact capacity: a large dump is mostly small objects. (Parents are linked at the end.)
    const size_t start = stack_.back().childStart;
    if (v.kind == Kind::Object) takeChildren(memberScratch_, start, v.members);
    else takeChildren(elementScratch_, start, v.elements);
    stack_.pop_back();
    if (stack_.empty()) {
      doc.root = std::make_unique<Value>(std::move(v));
      return false;
    }
    slot() = std::move(v);
    return true;
  }

  // After a complete value inside a container: ',' or the closing bracket.
  bool afterValue(Document& doc) {
    for (;;) {
      if (stack_.empty()) return true;
      skipWs();
      Frame& f = stack_.back();
      const bool isObj = f.value.kind == Kind::Object;
      const char close = isObj ? '}' : ']';
      if (i_ >= t_.size()) {
        syntax(std::string("unexpected end of input: expected ',' or '") + close + "'");
        return false;
      }
      const char c = t_[i_];
      if (c == ',') {
        ++i_;
        f.afterComma = true;
        if (isObj) {
          skipWs();
          if (i_ < t_.size() && t_[i_] == '}') {
            syntax("trailing comma before '}': JSON does not allow a comma after the last member");
            return false;
          }
        }
        return true;
      }
      if (c == close) {
        ++i_;
        if (!closeContainer(doc)) return true;
        continue;
      }
      syntax(std::string("expected ',' or '") + close + "' after " +
             (isObj ? "an object member" : "an array element") + ", found " + describeAt(t_, i_));
      return false;
    }
  }

  bool readKey(Frame& f) {
    if (i_ >= t_.size()) {
      syntax("unexpected end of input: expected a member name in double quotes or '}'");
      return false;
    }
    if (t_[i_] != '"') {
      if (t_[i_] == '\'') {
        syntax("member names use double quotes in JSON, not single quotes");
      } else {
        syntax("expected a member name in double quotes, found " + describeAt(t_, i_));
      }
      return false;
    }
    f.keyBegin = pos();
    Text key;
    if (!readString(key)) return false;
    f.keyEnd = pos();
    // Duplicate detection: linear for small objects, a hash set once the object grows.
    const std::span<const Member> ms(memberScratch_.data() + f.childStart, memberScratch_.size() - f.childStart);
    const Member* first = nullptr;
    if (ms.size() < 16) {
      for (const Member& m : ms) {
        if (m.key == key) {
          first = &m;
          break;
        }
      }
    } else {
      if (f.bigKeys.empty()) {
        for (const Member& m : ms) f.bigKeys.insert(m.key.str());
      }
      if (!f.bigKeys.insert(key.str()).second) {
        for (const Member& m : ms) {
          if (m.key == key) {
            first = &m;
            break;
          }
        }
      }
    }
    if (first != nullptr) {
      Problem p{ProblemCode::DuplicateKey,
                "duplicate key \"" + key +
                    "\" in the same object; IAM rejects the document, and most JSON parsers silently keep "
                    "only one of the values",
                Range{f.keyBegin, f.keyEnd}, Range{Pos{first->keyBegin, 0, 0}, Pos{first->keyEnd, 0, 0}}};  // (resolved at the end)
      problems_->push_back(std::move(p));
    }
    f.key = std::move(key);
    skipWs();
    if (i_ >= t_.size() || t_[i_] != ':') {
      syntax(i_ >= t_.size() ? "unexpected end of input: expected ':' after the member name"
                             : "expected ':' after the member name, found " + describeAt(t_, i_));
      return false;
    }
    ++i_;
    f.expectingKey = false;
    return true;
  }

  bool readScalar(Value& v) {
    const char c = t_[i_];
    if (c == '"') {
      v.kind = Kind::String;
      if (!readString(v.text)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = Kind::Number;
      if (!readNumber(v.text)) return false;
    } else if (t_.compare(i_, 4, "true") == 0) {
      v.kind = Kind::Boolean;
      v.boolean = true;
      i_ += 4;
    } else if (t_.compare(i_, 5, "false") == 0) {
      v.kind = Kind::Boolean;
      i_ += 5;
    } else if (t_.compare(i_, 4, "null") == 0) {
      v.kind = Kind::Null;
      i_ += 4;
    } else {
      if (c == '\'') {
        syntax("strings use double quotes in JSON, not single quotes");
      } else if (c == '/' && i_ + 1 < t_.size() && (t_[i_ + 1] == '/' || t_[i_ + 1] == '*')) {
        syntax("comments are not allowed in JSON");
      } else if (c == '}' && !stack_.empty() && stack_.back().value.kind == Kind::Object) {
        syntax("expected a value after ':', found '}'");
      } else {
        syntax("expected a value (object, array, string, number, true, false or null), found " +
               describeAt(t_, i_));
      }
      return false;
    }
    v.end = offset();
    return true;
  }

  bool readNumber(Text& out) {
    const size_t start = i_;
    const Pos startPos = pos();
    auto digit = [&](size_t k) { return k < t_.size() && t_[k] >= '0' && t_[k] <= '9'; };
    if (t_[i_] == '-') ++i_;
    if (!digit(i_)) {
      syntax("expected a digit in the number, found " + describeAt(t_, i_));
      return false;
    }
    if (t_[i_] == '0') {
      ++i_;
      if (digit(i_)) {
        addProblem(ProblemCode::Syntax, "numbers may not have leading zeros in JSON", startPos, at(1));
        return false;
      }
    } else {
      while (digit(i_)) ++i_;
    }
    if (i_ < t_.size() && t_[i_] == '.') {
      ++i_;
      if (!digit(i_)) {
        syntax("expected a digit after the decimal point, found " + describeAt(t_, i_));
        return false;
      }
      while (digit(i_)) ++i_;
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (!digit(i_)) {
        syntax("expected a digit in the exponent, found " + describeAt(t_, i_));
        return false;
      }
      while (digit(i_)) ++i_;
    }
    out = text(std::string_view(t_.data() + start, i_ - start));
    return true;
  }

  // A string of the text as a value's Text: a view when the caller lets the tree borrow.
  Text text(std::string_view s) const { return opts_.borrow ? Text::view(s) : Text(s); }

  static unsigned hexVal(char c) {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
    return 16;
  }

  bool readHex4(unsigned& out) {
    if (i_ + 4 > t_.size()) return false;
    out = 0;
    for (size_t k = 0; k < 4; ++k) {
      const unsigned h = hexVal(t_[i_ + k]);
      if (h > 15) return false;
      out = out * 16 + h;
    }
    return true;
  }

  // Length of a valid UTF-8 sequence at i_ (2..4; the byte is not ASCII), or 0 when the bytes are invalid.
  size_t utf8SeqLen() const { return core::utf8SequenceAt(t_, i_); }

  // At the opening quote. Decodes into `out`; i_ ends after the closing quote.
  // A string without escapes or invalid bytes is its bytes in the text (Reader::text);
  // the others are decoded in the reader's scratch buffer and copied.
  bool readString(Text& out) {
    const size_t first = i_ + 1;
    decoded_.clear();
    bool decoding = false;
    if (!decodeString(decoded_, decoding)) return false;
    out = decoding ? Text(std::string_view(decoded_)) : text(std::string_view(t_.data() + first, i_ - 1 - first));
    return true;
  }

  // `decoding` turns true at the first escape or invalid byte; until then `out`
  // stays empty (the bytes are the text's own).
  bool decodeString(std::string& out, bool& decoding) {
    const Pos open = pos();
    const size_t first = i_ + 1;
    ++i_;
    const char* data = t_.data();
    const size_t n = t_.size();
    auto startDecoding = [&] {
      if (!decoding) {
        decoding = true;
        out.assign(data + first, i_ - first);
      }
    };
    for (;;) {
      size_t j = i_;
      // Eight bytes at a time while none is `"`, `\\`, a control character or non-ASCII.
      while (n - j >= 8) {
        std::uint64_t w;
        std::memcpy(&w, data + j, 8);
        if (core::wordNeedsAttention(w)) break;
        j += 8;
      }
      while (j < n) {
        const auto c = static_cast<unsigned char>(data[j]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++j;
      }
      if (decoding) out.append(data + i_, j - i_);
      i_ = j;
      if (i_ >= n) {
        addProblem(ProblemCode::Syntax,
                   "unexpected end of input inside a string: the string that starts here is never closed",
                   open, Pos{open.offset + 1, open.line, open.column + 1});
        return false;
      }
      const auto c = static_cast<unsigned char>(data[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        startDecoding();
        if (!readEscape(out)) return false;
        continue;
      }
      if (c < 0x20) {
        if (c == 0) {
          syntax("a NUL byte inside a string; JSON strings cannot hold raw control characters (is the file "
                 "binary or UTF-16?)");
        } else if (c == '\n' || c == '\r') {
          syntax("a line break inside a string; JSON strings cannot span lines (write \\n, or close the "
                 "string with '\"')");
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "%02X", c);
          syntax(std::string("control character U+00") + buf + " inside a string; write it as an escape "
                 "such as \\t or \\u00" + buf);
        }
        return false;
      }
      // c >= 0x80: a UTF-8 sequence
      const size_t len = utf8SeqLen();
      if (len == 0) {
        if (utf8Reports_ < opts_.maxUtf8Reports) {
          ++utf8Reports_;
          char buf[8];
          std::snprintf(buf, sizeof buf, "%02X", c);
          addProblem(ProblemCode::InvalidUtf8,
                     std::string("invalid UTF-8 byte 0x") + buf +
                         " in a string; the file must be UTF-8 (was it saved as Latin-1 or Windows-1252?)",
                     pos(), at(1));
        }
        startDecoding();
        out += "\xEF\xBF\xBD";
        ++i_;
        continue;
      }
      if (decoding) out.append(data + i_, len);
      adjust_ += (len == 4) ? 2 : len - 1;
      i_ += len;
    }
  }

  bool readEscape(std::string& out) {
    const Pos start = pos();
    ++i_;
    if (i_ >= t_.size()) {
      syntax("unexpected end of input after '\\' in a string");
      return false;
    }
    const char e = t_[i_];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        ++i_;
        unsigned cp = 0;
        if (!readHex4(cp)) {
          addProblem(ProblemCode::Syntax, "\\u must be followed by four hexadecimal digits", start, pos());
          return false;
        }
        i_ += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          unsigned lo = 0;
          if (i_ + 1 < t_.size() && t_[i_] == '\\' && t_[i_ + 1] == 'u') {
            i_ += 2;
            if (readHex4(lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
              i_ += 4;
              core::appendUtf8(out, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
              return true;
            }
            i_ -= 2;
          }
          addProblem(ProblemCode::InvalidUtf8,
                     "\\u escape of a lone UTF-16 high surrogate; it is not a character", start, pos());
          out += "\xEF\xBF\xBD";
          return true;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
          addProblem(ProblemCode::InvalidUtf8,
                     "\\u escape of a lone UTF-16 low surrogate; it is not a character", start, pos());
          out += "\xEF\xBF\xBD";
          return true;
        }
        core::appendUtf8(out, cp);
        return true;
      }
      default:
        addProblem(ProblemCode::Syntax,
                   "invalid escape '\\" + std::string(1, e) +
                       "' in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
                   start, at(1));
        return false;
    }
    ++i_;
    return true;
  }
};

}  // namespace

std::string describeAt(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "end of input";
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c == 0) return "a NUL byte";
  if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
  return buf;
}

namespace {

// A duplicate key's first occurrence is known by offset only (values keep no
// lines): its line and column are worked out here, with one index of the text.
void resolveProblems(std::string_view text, Document& doc) {
  std::optional<core::LineIndex> lines;
  auto resolve = [&](Pos& p) {
    if (p.line != 0) return;
    if (!lines) lines.emplace(text);
    p = lines->position(text, p.offset);
  };
  for (Problem& p : doc.problems) {
    resolve(p.range.begin);
    resolve(p.range.end);
    if (p.related) {
      resolve(p.related->begin);
      resolve(p.related->end);
    }
  }
}

}  // namespace

Document read(std::string_view text, const ReadOptions& options) {
  Reader r(text, options);
  Document doc = r.run();
  resolveProblems(text, doc);
  return doc;
}

namespace {

// The largest array that is the value of a member of the top-level object (an
// account dump's RoleDetailList), with the reader's state at each element's start
// and after the array; found by one pass that follows strings and nesting only.
struct Split {
  Reader::At open, after;
  std::vector<Reader::At> elements;
};

std::optional<Split> findSplit(std::string_view t) {
  std::optional<Split> best;
  Split cur;
  size_t depth = 0;
  bool inArray = false, expectElement = false;
  Reader::At st;  // the line, line start and UTF-16 adjustment at the current byte
  // Bytes minus UTF-16 units, as the reader counts them: a continuation byte adds
  // one, a 4-byte sequence (two units) one less.
  auto countUtf16 = [&st](unsigned char b) {
    if ((b & 0xC0) == 0x80) ++st.adjust;
    else if ((b & 0xF8) == 0xF0) st.adjust -= 1;
  };
  const char* d = t.data();
  const size_t n = t.size();
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(d[i]);
    if (c == '\n') {
      ++st.line;
      st.lineStart = i + 1;
      st.adjust = 0;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (c >= 0x80) countUtf16(c);
    if (inArray && expectElement && depth == 2 && c != ']') {
      cur.elements.push_back({i, st.line, st.lineStart, st.adjust});
      expectElement = false;
    }
    if (c == '"') {
      // To the closing quote: eight bytes at a time while none needs a look.
      for (++i;;) {
        while (n - i >= 8) {
          std::uint64_t w;
          std::memcpy(&w, d + i, 8);
          if (core::wordNeedsAttention(w)) break;
          i += 8;
        }
        if (i >= n) return std::nullopt;  // unterminated: the reader says so
        const auto b = static_cast<unsigned char>(d[i]);
        if (b == '"') break;
        if (b < 0x20) return std::nullopt;  // a raw control character: the reader says so
        if (b >= 0x80) countUtf16(b);
        i += b == '\\' ? 2 : 1;
        if (i >= n) return std::nullopt;
      }
    } else if (c == '{' || c == '[') {
      if (depth == 0 && c != '{') return std::nullopt;  // not an object: nothing to split
      if (depth == 1 && c == '[') {
        inArray = true;
        expectElement = true;
        cur = Split{};
        cur.open = {i, st.line, st.lineStart, st.adjust};
      }
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return std::nullopt;
      --depth;
      if (depth == 1 && inArray) {
        inArray = false;
        cur.after = {i + 1, st.line, st.lineStart, st.adjust};
        if (!best || cur.elements.size() > best->elements.size()) best = std::move(cur);
      }
    } else if (c == ',' && inArray && depth == 2) {
      expectElement = true;
    }
  }
  return best;
}

}  // namespace

Document readSplit(std::string_view text, unsigned threads, const ReadOptions& options, bool* used) {
  if (used != nullptr) *used = false;
  // Worth it for a large text only; anything unusual is read the one way, so that
  // problems and their order are exactly those of read().
  if (threads <= 1 || text.size() < (size_t{4} << 20) || options.maxDepth < 3) return read(text, options);
  std::optional<Split> split = findSplit(text);
  if (!split || split->elements.size() < 2 * threads) return read(text, options);
  const std::vector<Reader::At>& at = split->elements;
  ReadOptions inner = options;
  inner.maxDepth = options.maxDepth - 2;  // the elements sit two levels down
  std::vector<Value> values(at.size());
  std::atomic<bool> failed{false};
  auto work = [&](size_t from, size_t to) {
    try {
      Reader r(text, inner);
      for (size_t k = from; k < to && !failed; ++k) {
        size_t end = 0;
        Document d = r.runValueAt(at[k], end);
        // The element must be clean and end where the next one (or the array) does.
        const size_t next = k + 1 < at.size() ? at[k + 1].i : split->after.i - 1;
        const char sep = k + 1 < at.size() ? ',' : ']';
        if (!d.root || !d.problems.empty() || end >= text.size() || text[end] != sep ||
            (k + 1 < at.size() ? end >= next : end != next)) {
          failed = true;
          return;
        }
        values[k] = std::move(*d.root);
        relink(values[k]);  // the children of values[k] are linked to it again once it is in place
      }
    } catch (const std::exception&) {
      failed = true;
    }
  };
  const unsigned n = static_cast<unsigned>(std::min<size_t>(threads, at.size()));
  std::vector<std::thread> pool;
  const size_t per = (at.size() + n - 1) / n;
  for (unsigned t = 1; t < n; ++t) {
    try {
      pool.emplace_back(work, std::min(at.size(), t * per), std::min(at.size(), (t + 1) * per));
    } catch (const std::system_error&) {
      work(std::min(at.size(), t * per), std::min(at.size(), (t + 1) * per));  // no thread: this one reads it
    }
  }
  Reader skeleton(text, options);
  Document doc = skeleton.runSkipping(split->open, split->after);
  work(0, std::min(at.size(), per));
  for (auto& t : pool) t.join();
  if (failed) return read(text, options);
  if (doc.root) {
    Value* array = nullptr;
    for (Member& m : doc.root->members)
      if (m.value.begin == split->open.i) array = &m.value;
    if (array == nullptr) return read(text, options);
    relink(*doc.root);  // the skeleton; the array is still empty
    // The elements' subtrees were linked by the threads that read them (linking the
    // whole tree here was a serial tenth of reading a 100,000-role dump). Moving an
    // element moves only the Value itself: its children stay where they are, so
    // only their links to it, and its own, are set again.
    array->elements.reserve(values.size());
    for (Value& v : values) {
      Value& e = array->elements.emplace_back(std::move(v));
      e.parent = array;
      e.index = static_cast<uint32_t>(array->elements.size() - 1);
      for (Value& c : e.elements) c.parent = &e;
      for (Member& m : e.members) m.value.parent = &e;
    }
  }
  resolveProblems(text, doc);
  if (used != nullptr) *used = true;
  return doc;
}

}  // namespace rolelint::json
