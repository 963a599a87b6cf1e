// The HCL2 native syntax reader (see hcl.h). A recursive-descent parser whose
// every recursion passes through enter(), which bounds the depth: deep input is
// a located TooDeep problem, never a stack overflow.
#include <algorithm>
#include <cstring>

#include "hcl/hcl.h"

#include "core/text.h"

namespace rolelint::hcl {
namespace {

struct Stop {};  // unwinds the parser after a problem has been recorded

bool isIdStart(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool isIdChar(unsigned char c) { return isIdStart(c) || (c >= '0' && c <= '9') || c == '-'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t utf8Len(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

std::string describe(std::string_view t, size_t i) {
  if (i >= t.size()) return "end of input";
  const char c = t[i];
  if (c == '\n') return "a newline";
  if (static_cast<unsigned char>(c) < 0x20) return "a control character";
  const size_t n = std::max<size_t>(1, utf8Len(t, i));
  return "'" + std::string(t.substr(i, n)) + "'";
}

class Parser {
 public:
  Parser(File& f, const ParseOptions& o) : f_(f), t_(f.text), opt_(o) {}

  void run() {
    f_.bodies.emplace_back();
    if (!checkEncoding()) return;
    if (t_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    try {
      parseBody(0, true);
    } catch (const Stop&) {
    }
  }

 private:
  File& f_;
  std::string_view t_;
  const ParseOptions& opt_;
  size_t i_ = 0;
  uint32_t depth_ = 0;
  int nl_ = 0;  // > 0 inside brackets: newlines are whitespace

  [[noreturn]] void fail(std::string msg, size_t b, size_t e, ProblemCode code = ProblemCode::Syntax) {
    f_.problems.push_back(Problem{code, std::move(msg), b, std::max(b, e)});
    throw Stop{};
  }
  [[noreturn]] void expected(std::string_view what) {
    const size_t n = i_ < t_.size() ? std::max<size_t>(1, utf8Len(t_, i_)) : 0;
    fail("expected " + std::string(what) + ", found " + describe(t_, i_), i_, i_ + n);
  }

  struct Depth {
    Parser& p;
    explicit Depth(Parser& q) : p(q) {
      if (++p.depth_ > p.opt_.maxDepth) {
        const size_t at = p.i_;
        p.fail("blocks and expressions nest too deeply (over " + std::to_string(p.opt_.maxDepth / 4) +
                   " levels); no Terraform IAM configuration nests this deep, so the file is not read further",
               at, std::min(at + 1, p.t_.size()), ProblemCode::TooDeep);
      }
    }
    ~Depth() { --p.depth_; }
  };

  bool checkEncoding() {
    for (size_t i = 0; i < t_.size();) {
      const auto c = static_cast<unsigned char>(t_[i]);
      if (c == 0) {
        f_.problems.push_back({ProblemCode::Encoding,
                               "a NUL byte: the file is not UTF-8 text (UTF-16 or binary?); Terraform reads UTF-8", i,
                               i + 1});
        return false;
      }
      const size_t n = utf8Len(t_, i);
      if (n == 0) {
        f_.problems.push_back({ProblemCode::Encoding, "invalid UTF-8 byte; Terraform reads UTF-8 text", i, i + 1});
        return false;
      }
      i += n;
    }
    return true;
  }

  char peek(size_t k = 0) const { return i_ + k < t_.size() ? t_[i_ + k] : '\0'; }
  bool eof() const { return i_ >= t_.size(); }
  bool at(std::string_view s) const { return t_.substr(i_, s.size()) == s; }

  // Skips blanks and comments; newlines too when `newlines` (or inside brackets).
  void skip(bool newlines) {
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == ' ' || c == '\t' || (c == '\r' && peek(1) == '\n' && (newlines || nl_ > 0)) ||
          (c == '\r' && peek(1) != '\n')) {
        ++i_;
      } else if (c == '\n') {
        if (!newlines && nl_ == 0) return;
        ++i_;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (i_ < t_.size() && t_[i_] != '\n' && !(t_[i_] == '\r' && peek(1) == '\n')) ++i_;
      } else if (c == '/' && peek(1) == '*') {
        const size_t b = i_;
        const size_t e = t_.find("*/", i_ + 2);
        if (e == std::string_view::npos) fail("unterminated comment: no closing */", b, b + 2);
        i_ = e + 2;
      } else {
        return;
      }
    }
  }
  void ws() { skip(false); }

  std::string ident() {
    const size_t b = i_;
    if (eof() || !isIdStart(static_cast<unsigned char>(t_[i_]))) expected("a name");
    while (i_ < t_.size() && isIdChar(static_cast<unsigned char>(t_[i_]))) ++i_;
    return std::string(t_.substr(b, i_ - b));
  }

  ExprId add(Expr e) {
    f_.exprs.push_back(std::move(e));
    return static_cast<ExprId>(f_.exprs.size() - 1);
  }
  Expr& E(ExprId id) { return f_.exprs[id]; }

  // A node of `kind` from `begin` to the current position.
  ExprId node(ExprKind kind, size_t begin, std::vector<ExprId> kids, std::string text = {}) {
    Expr e;
    e.kind = kind;
    e.text = std::move(text);
    e.begin = static_cast<uint32_t>(begin);
    e.end = static_cast<uint32_t>(i_);
    e.kids = std::move(kids);
    return add(std::move(e));
  }

  // At "(" or "[": the one expression up to `close` (newlines are not separators inside).
  ExprId bracketed(char close, const char* closeName) {
    ++i_;
    ++nl_;
    ws();
    ExprId x = parseExpr();
    ws();
    if (peek() != close) expected(closeName);
    ++i_;
    --nl_;
    return x;
  }

  // End of an attribute or block: a newline, the end of the file, or the closing brace of a one-line block.
  void endOfItem() {
    ws();
    if (eof()) return;
    if (peek() == '\n') {
      ++i_;
      return;
    }
    if (peek() == '\r' && peek(1) == '\n') {
      i_ += 2;
      return;
    }
    if (peek() == '}') return;
    expected("a newline after the attribute or block");
  }

  void parseBody(uint32_t bodyIndex, bool top) {
    Depth d(*this);
    const size_t open = i_ > 0 ? i_ - 1 : 0;
    for (;;) {
      skip(true);
      if (eof()) {
        if (!top) fail("unterminated block: no closing }", open, open + 1);
        return;
      }
      if (peek() == '}') {
        if (top) expected("an attribute or a block");
        ++i_;
        return;
      }
      const size_t nameBegin = i_;
      std::string name = ident();
      const size_t nameEnd = i_;
      ws();
      if (peek() == '=' && peek(1) != '=') {
        ++i_;
        ws();
        const int saved = nl_;
        nl_ = 0;
        ExprId e = parseExpr();
        nl_ = saved;
        f_.bodies[bodyIndex].attributes.push_back(
            Attribute{std::move(name), static_cast<uint32_t>(nameBegin), static_cast<uint32_t>(nameEnd), e});
        endOfItem();
        continue;
      }
      Block b;
      b.type = std::move(name);
      b.begin = static_cast<uint32_t>(nameBegin);
      for (;;) {
        ws();
        if (peek() == '"') {
          const size_t lb = i_;
          ExprId s = parseQuoted();
          const Expr& se = E(s);
          if (se.parts.size() > 1 || (se.parts.size() == 1 && se.parts[0].kind != TemplatePart::Literal))
            fail("a block label is a plain string, without ${…} or %{…}", lb, i_);
          b.labels.push_back(Label{se.parts.empty() ? "" : se.parts[0].text, static_cast<uint32_t>(lb),
                                   static_cast<uint32_t>(i_)});
        } else if (!eof() && isIdStart(static_cast<unsigned char>(peek()))) {
          const size_t lb = i_;
          std::string l = ident();
          b.labels.push_back(Label{std::move(l), static_cast<uint32_t>(lb), static_cast<uint32_t>(i_)});
        } else {
          break;
        }
      }
      if (peek() != '{') expected("'=' or '{' after \"" + b.type + "\"");
      ++i_;
      const auto bodyIdx = static_cast<uint32_t>(f_.bodies.size());
      f_.bodies.emplace_back();
      b.body = bodyIdx;
      const int saved = nl_;
      nl_ = 0;
      parseBody(bodyIdx, false);
      nl_ = saved;
      b.end = static_cast<uint32_t>(i_);
      f_.bodies[bodyIndex].blocks.push_back(std::move(b));
      endOfItem();
    }
  }

  // expression := binary ("?" expression ":" expression)?
  ExprId parseExpr() {
    Depth d(*this);
    const size_t b = i_;
    ExprId c = parseBinary(0);
    const size_t save = i_;
    ws();
    if (peek() != '?') i_ = save;
    if (peek() == '?') {
      ++i_;
      ws();
      ExprId y = parseExpr();
      ws();
      if (peek() != ':') expected("':' of the conditional");
      ++i_;
      ws();
      ExprId n = parseExpr();
      Expr e;
      e.kind = ExprKind::Conditional;
      e.begin = static_cast<uint32_t>(b);
      e.end = E(n).end;
      e.kids = {c, y, n};
      return add(std::move(e));
    }
    return c;
  }

  // Binary operators, lowest precedence first (HCL spec, "Operations").
  int binaryOp(std::string& op) {
    const size_t save = i_;
    ws();
    const char c = peek(), c1 = peek(1);
    auto set = [&](std::string_view s, int prec) {
      op = s;
      return prec;
    };
    int prec = binaryPrec(c, c1, set);
    if (prec == 0) i_ = save;
    return prec;
  }

  template <class Set>
  static int binaryPrec(char c, char c1, Set set) {
    if (c == '|' && c1 == '|') return set("||", 1);
    if (c == '&' && c1 == '&') return set("&&", 2);
    if (c == '=' && c1 == '=') return set("==", 3);
    if (c == '!' && c1 == '=') return set("!=", 3);
    if (c == '<' && c1 == '=') return set("<=", 4);
    if (c == '>' && c1 == '=') return set(">=", 4);
    if (c == '<' && c1 != '<') return set("<", 4);
    if (c == '>') return set(">", 4);
    if (c == '+') return set("+", 5);
    if (c == '-') return set("-", 5);
    if (c == '*') return set("*", 6);
    if (c == '/' && c1 != '/' && c1 != '*') return set("/", 6);
    if (c == '%' && c1 != '{') return set("%", 6);
    return 0;
  }

  ExprId parseBinary(int minPrec) {
    Depth d(*this);
    ExprId lhs = parseUnary();
    for (;;) {
      std::string op;
      const size_t save = i_;
      const int prec = binaryOp(op);
      if (prec == 0 || prec <= minPrec) {
        i_ = save;
        return lhs;
      }
      i_ += op.size();
      ws();
      ExprId rhs = parseBinary(prec);
      Expr e;
      e.kind = ExprKind::Binary;
      e.text = std::move(op);
      e.begin = E(lhs).begin;
      e.end = E(rhs).end;
      e.kids = {lhs, rhs};
      lhs = add(std::move(e));
    }
  }

  ExprId parseUnary() {
    Depth d(*this);
    ws();
    if (peek() == '-' || peek() == '!') {
      const size_t b = i_;
      Expr e;
      e.kind = ExprKind::Unary;
      e.text = std::string(1, peek());
      ++i_;
      ws();
      ExprId x = parseUnary();
      e.begin = static_cast<uint32_t>(b);
      e.end = E(x).end;
      e.kids = {x};
      return add(std::move(e));
    }
    return parsePostfix(parsePrimary());
  }

  ExprId parsePostfix(ExprId x) {
    for (;;) {
      const size_t save = i_;
      ws();
      if (peek() == '.' && peek(1) == '*') {
        i_ += 2;
        x = parseSplat(x, true);
      } else if (peek() == '[' && at("[*]")) {
        i_ += 3;
        x = parseSplat(x, false);
      } else if (peek() == '.' && isDigit(peek(1))) {
        ++i_;
        const size_t b = i_;
        while (isDigit(peek())) ++i_;
        const ExprId ni = node(ExprKind::Number, b, {}, std::string(t_.substr(b, i_ - b)));
        x = node(ExprKind::Index, E(x).begin, {x, ni});
      } else if (peek() == '.' && isIdStart(static_cast<unsigned char>(peek(1)))) {
        ++i_;
        std::string name = ident();
        x = node(ExprKind::GetAttr, E(x).begin, {x}, std::move(name));
      } else if (peek() == '[') {
        const ExprId k = bracketed(']', "']'");
        x = node(ExprKind::Index, E(x).begin, {x, k});
      } else {
        i_ = save;
        return x;
      }
    }
  }

  ExprId parseSplat(ExprId src, bool attrOnly) {
    Expr e;
    e.kind = ExprKind::Splat;
    e.begin = E(src).begin;
    e.kids = {src};
    for (;;) {
      const size_t save = i_;
      ws();
      if (peek() == '.' && isIdStart(static_cast<unsigned char>(peek(1)))) {
        ++i_;
        e.ops.push_back(TraversalOp{true, ident(), kNoExpr});
      } else if (!attrOnly && peek() == '[' && !at("[*]")) {
        const ExprId k = bracketed(']', "']'");
        e.ops.push_back(TraversalOp{false, "", k});
      } else {
        i_ = save;
        break;
      }
    }
    e.end = static_cast<uint32_t>(i_);
    return add(std::move(e));
  }

  ExprId parsePrimary() {
    Depth d(*this);
    ws();
    const size_t b = i_;
    if (eof()) expected("an expression");
    const char c = peek();
    if (isDigit(c)) {
      while (isDigit(peek())) ++i_;
      if (peek() == '.' && isDigit(peek(1))) {
        ++i_;
        while (isDigit(peek())) ++i_;
      }
      if (peek() == 'e' || peek() == 'E') {
        size_t k = 1;
        if (peek(1) == '+' || peek(1) == '-') k = 2;
        if (isDigit(peek(k))) {
          i_ += k;
          while (isDigit(peek())) ++i_;
        }
      }
      return node(ExprKind::Number, b, {}, std::string(t_.substr(b, i_ - b)));
    }
    if (c == '"') return parseQuoted();
    if (c == '<' && peek(1) == '<') return parseHeredoc();
    if (c == '(') {
      const ExprId x = bracketed(')', "')'");
      return node(ExprKind::Parens, b, {x});
    }
    if (c == '[') return parseTuple();
    if (c == '{') return parseObject();
    if (isIdStart(static_cast<unsigned char>(c))) {
      std::string name = ident();
      while (at("::") && isIdStart(static_cast<unsigned char>(peek(2)))) {  // provider::aws::arn_parse(…)
        i_ += 2;
        name += "::" + ident();
      }
      Expr e;
      e.begin = static_cast<uint32_t>(b);
      const size_t save = i_;
      ws();
      if (peek() == '(') {
        ++i_;
        ++nl_;
        e.kind = ExprKind::Call;
        e.text = std::move(name);
        for (;;) {
          ws();
          if (peek() == ')') break;
          e.kids.push_back(parseExpr());
          ws();
          if (at("...")) {
            i_ += 3;
            e.expandLast = true;
            ws();
            if (peek() != ')') expected("')' after '...'");
            break;
          }
          if (peek() == ',') {
            ++i_;
            continue;
          }
          if (peek() != ')') expected("',' or ')' in the arguments of " + e.text + "()");
        }
        ++i_;
        --nl_;
        e.end = static_cast<uint32_t>(i_);
        return add(std::move(e));
      }
      i_ = save;
      e.end = static_cast<uint32_t>(i_);
      if (name == "true" || name == "false") {
        e.kind = ExprKind::Bool;
        e.boolean = name == "true";
      } else if (name == "null") {
        e.kind = ExprKind::Null;
      } else {
        e.kind = ExprKind::Variable;
        e.text = std::move(name);
      }
      return add(std::move(e));
    }
    expected("an expression");
  }

  // After "[" or "{": is this a for expression?
  bool atFor() {
    ws();
    return at("for") && !isIdChar(static_cast<unsigned char>(peek(3)));
  }

  // After the keyword "for": "KEY, VALUE in " or "VALUE in ", for expressions and %{ for } directives.
  void forVariables(std::string& keyVar, std::string& valVar) {
    ws();
    std::string a = ident();
    ws();
    if (peek() == ',') {
      ++i_;
      ws();
      keyVar = std::move(a);
      valVar = ident();
    } else {
      valVar = std::move(a);
    }
    ws();
    if (!(at("in") && !isIdChar(static_cast<unsigned char>(peek(2))))) expected("'in'");
    i_ += 2;
    ws();
  }

  void parseForHead(Expr& e) {
    i_ += 3;
    forVariables(e.keyVar, e.valVar);
    e.kids.push_back(parseExpr());
    ws();
    if (peek() != ':') expected("':' in the for expression");
    ++i_;
    ws();
  }

  void parseForCond(Expr& e) {
    ws();
    if (at("if") && !isIdChar(static_cast<unsigned char>(peek(2)))) {
      i_ += 2;
      ws();
      e.kids.push_back(parseExpr());
    } else {
      e.kids.push_back(kNoExpr);
    }
    ws();
  }

  ExprId parseTuple() {
    const size_t b = i_;
    ++i_;
    ++nl_;
    Expr e;
    e.begin = static_cast<uint32_t>(b);
    if (atFor()) {
      e.kind = ExprKind::ForTuple;
      parseForHead(e);
      e.kids.push_back(parseExpr());
      parseForCond(e);
      if (peek() != ']') expected("']' closing the for expression");
    } else {
      e.kind = ExprKind::Tuple;
      for (;;) {
        ws();
        if (peek() == ']') break;
        e.kids.push_back(parseExpr());
        ws();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        if (peek() != ']') expected("',' or ']'");
      }
    }
    ++i_;
    --nl_;
    e.end = static_cast<uint32_t>(i_);
    return add(std::move(e));
  }

  ExprId parseObject() {
    const size_t b = i_;
    ++i_;
    ++nl_;
    Expr e;
    e.begin = static_cast<uint32_t>(b);
    if (atFor()) {
      e.kind = ExprKind::ForObject;
      parseForHead(e);
      e.kids.push_back(parseExpr());
      ws();
      if (!at("=>")) expected("'=>' in the for expression");
      i_ += 2;
      ws();
      e.kids.push_back(parseExpr());
      ws();
      if (at("...")) {
        i_ += 3;
        e.grouping = true;
      }
      parseForCond(e);
      if (peek() != '}') expected("'}' closing the for expression");
    } else {
      e.kind = ExprKind::Object;
      for (;;) {
        ws();
        if (peek() == '}') break;
        ExprId key;
        const size_t kb = i_;
        if (!eof() && isIdStart(static_cast<unsigned char>(peek()))) {
          // A bare identifier is a literal key unless it continues as an expression (`a.b = …` is an error in HCL).
          std::string name = ident();
          const size_t save = i_;
          ws();
          if (peek() == '=' || peek() == ':') {
            Expr k;
            k.kind = ExprKind::Template;
            k.bareKey = true;
            k.begin = static_cast<uint32_t>(kb);
            k.end = static_cast<uint32_t>(kb + name.size());
            TemplatePart p;
            p.kind = TemplatePart::Literal;
            p.text = name;
            for (size_t q = 0; q < name.size(); ++q) p.origin.push_back(static_cast<uint32_t>(kb + q));
            p.begin = k.begin;
            p.end = k.end;
            k.parts.push_back(std::move(p));
            key = add(std::move(k));
          } else {
            i_ = kb;
            (void)save;
            key = parseExpr();
          }
        } else {
          key = parseExpr();
        }
        ws();
        if (peek() == '=' && peek(1) != '=') {
          ++i_;
        } else if (peek() == ':') {
          ++i_;
        } else {
          expected("'=' or ':' after the object key");
        }
        ws();
        ExprId v = parseExpr();
        e.kids.push_back(key);
        e.kids.push_back(v);
        const size_t valueEnd = i_;
        ws();
        if (peek() == ',') {
          ++i_;
          continue;
        }
        if (peek() == '}') continue;
        if (t_.substr(valueEnd, i_ - valueEnd).find('\n') == std::string_view::npos)
          expected("',', a newline or '}' after the object item");
      }
    }
    ++i_;
    --nl_;
    e.end = static_cast<uint32_t>(i_);
    return add(std::move(e));
  }

  // Templates. `heredoc` templates end at `stop` and strip `indent` bytes of
  // leading blanks from each line; quoted ones end at '"' and take escapes.
  struct Flags {
    bool stripLeft = false, stripRight = false;
  };

  void literal(std::vector<TemplatePart>& parts, std::string_view bytes, size_t from) {
    if (parts.empty() || parts.back().kind != TemplatePart::Literal) {
      TemplatePart p;
      p.kind = TemplatePart::Literal;
      p.begin = static_cast<uint32_t>(from);
      parts.push_back(std::move(p));
    }
    TemplatePart& p = parts.back();
    for (size_t k = 0; k < bytes.size(); ++k) {
      p.text += bytes[k];
      p.origin.push_back(static_cast<uint32_t>(from + k));
    }
    p.end = static_cast<uint32_t>(from + bytes.size());
  }

  void templateBody(Expr& e, bool heredoc, size_t stop, size_t indent, size_t openAt) {
    std::vector<TemplatePart>& parts = e.parts;
    std::vector<Flags> flags;
    auto pushPart = [&](TemplatePart p, Flags fl) {
      flags.resize(parts.size());
      parts.push_back(std::move(p));
      flags.push_back(fl);
    };
    bool lineStart = heredoc;
    for (;;) {
      if (heredoc) {
        if (i_ >= stop) break;
        if (lineStart) {
          for (size_t k = 0; k < indent && i_ < stop && (peek() == ' ' || peek() == '\t'); ++k) ++i_;
          lineStart = false;
          continue;
        }
      } else {
        if (eof() || peek() == '\n' || (peek() == '\r' && peek(1) == '\n'))
          fail("unterminated string: no closing \" on this line", openAt, openAt + 1);
        if (peek() == '"') {
          ++i_;
          break;
        }
      }
      const char c = peek();
      if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {  // $${ and %%{ are literal ${ and %{
        literal(parts, std::string_view(c == '$' ? "${" : "%{"), i_);
        parts.back().origin.back() = static_cast<uint32_t>(i_ + 2);
        i_ += 3;
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == '{') {
        const size_t b = i_;
        i_ += 2;
        Flags fl;
        if (peek() == '~') {
          fl.stripLeft = true;
          ++i_;
        }
        ++nl_;
        TemplatePart p;
        p.begin = static_cast<uint32_t>(b);
        ws();
        if (c == '$') {
          p.kind = TemplatePart::Interp;
          p.expr = parseExpr();
        } else {
          const size_t kw = i_;
          std::string word = ident();
          if (word == "if") {
            p.kind = TemplatePart::If;
            ws();
            p.expr = parseExpr();
          } else if (word == "else") {
            p.kind = TemplatePart::Else;
          } else if (word == "endif") {
            p.kind = TemplatePart::EndIf;
          } else if (word == "endfor") {
            p.kind = TemplatePart::EndFor;
          } else if (word == "for") {
            p.kind = TemplatePart::For;
            forVariables(p.keyVar, p.valVar);
            p.expr = parseExpr();
          } else {
            fail("unknown template directive \"" + word + "\"; expected if, else, endif, for or endfor", kw, i_);
          }
        }
        ws();
        if (peek() == '~') {
          fl.stripRight = true;
          ++i_;
        }
        if (peek() != '}') expected("'}' closing the template interpolation");
        ++i_;
        --nl_;
        p.end = static_cast<uint32_t>(i_);
        pushPart(std::move(p), fl);
        continue;
      }
      if (!heredoc && c == '\\') {
        const size_t b = i_;
        const char x = peek(1);
        std::string dec;
        size_t len = 2;
        switch (x) {
          case 'n': dec = "\n"; break;
          case 'r': dec = "\r"; break;
          case 't': dec = "\t"; break;
          case '"': dec = "\""; break;
          case '\\': dec = "\\"; break;
          case 'u':
          case 'U': {
            const size_t n = x == 'u' ? 4 : 8;
            uint32_t cp = 0;
            for (size_t k = 0; k < n; ++k) {
              const char h = peek(2 + k);
              uint32_t v = 0;
              if (h >= '0' && h <= '9') v = static_cast<uint32_t>(h - '0');
              else if (h >= 'a' && h <= 'f') v = static_cast<uint32_t>(h - 'a' + 10);
              else if (h >= 'A' && h <= 'F') v = static_cast<uint32_t>(h - 'A' + 10);
              else fail("invalid \\" + std::string(1, x) + " escape: expected " + std::to_string(n) + " hex digits",
                        b, i_ + 2 + k);
              cp = cp * 16 + v;
            }
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("invalid Unicode escape", b, b + 2 + n);
            core::appendUtf8(dec, cp);
            len = 2 + n;
            break;
          }
          default:
            fail("invalid escape " + describe(t_, i_ + 1) + " in a string; use \\\\ for a backslash", b, b + 2);
        }
        literal(parts, dec, b);
        // every decoded byte of the escape maps to the backslash
        for (size_t k = 0; k < dec.size(); ++k) parts.back().origin[parts.back().origin.size() - 1 - k] = static_cast<uint32_t>(b);
        i_ += len;
        continue;
      }
      if (heredoc && c == '\r' && peek(1) == '\n') {  // CRLF reads as LF
        ++i_;
        continue;
      }
      literal(parts, t_.substr(i_, 1), i_);
      ++i_;
      if (c == '\n') lineStart = true;
    }
    flags.resize(parts.size());
    // ~ strip markers trim the blanks of the neighbouring literals.
    for (size_t k = 0; k < parts.size(); ++k) {
      if (flags[k].stripLeft && k > 0 && parts[k - 1].kind == TemplatePart::Literal) {
        TemplatePart& p = parts[k - 1];
        while (!p.text.empty() && std::strchr(" \t\r\n", p.text.back()) != nullptr) {
          p.text.pop_back();
          p.origin.pop_back();
        }
      }
      if (flags[k].stripRight && k + 1 < parts.size() && parts[k + 1].kind == TemplatePart::Literal) {
        TemplatePart& p = parts[k + 1];
        size_t n = 0;
        while (n < p.text.size() && std::strchr(" \t\r\n", p.text[n]) != nullptr) ++n;
        p.text.erase(0, n);
        p.origin.erase(p.origin.begin(), p.origin.begin() + static_cast<ptrdiff_t>(n));
      }
    }
    // Match directives.
    std::vector<uint32_t> open;
    for (size_t k = 0; k < parts.size(); ++k) {
      TemplatePart& p = parts[k];
      const auto idx = static_cast<uint32_t>(k);
      if (p.kind == TemplatePart::If || p.kind == TemplatePart::For) {
        open.push_back(idx);
      } else if (p.kind == TemplatePart::Else) {
        if (open.empty() || parts[open.back()].kind != TemplatePart::If || parts[open.back()].jumpElse != 0)
          fail("%{else} without a matching %{if}", p.begin, p.end);
        parts[open.back()].jumpElse = idx;
      } else if (p.kind == TemplatePart::EndIf || p.kind == TemplatePart::EndFor) {
        const auto want = p.kind == TemplatePart::EndIf ? TemplatePart::If : TemplatePart::For;
        if (open.empty() || parts[open.back()].kind != want)
          fail(std::string(p.kind == TemplatePart::EndIf ? "%{endif}" : "%{endfor}") + " without a matching " +
                   (want == TemplatePart::If ? "%{if}" : "%{for}"),
               p.begin, p.end);
        TemplatePart& o = parts[open.back()];
        if (o.kind == TemplatePart::If && o.jumpElse == 0) o.jumpElse = idx;
        o.jumpEnd = idx;
        open.pop_back();
      }
    }
    if (!open.empty())
      fail(parts[open.back()].kind == TemplatePart::If ? "%{if} without %{endif}" : "%{for} without %{endfor}",
           parts[open.back()].begin, parts[open.back()].end);
  }

  ExprId parseQuoted() {
    Depth d(*this);
    const size_t b = i_;
    ++i_;
    Expr e;
    e.kind = ExprKind::Template;
    e.begin = static_cast<uint32_t>(b);
    templateBody(e, false, 0, 0, b);
    e.end = static_cast<uint32_t>(i_);
    return add(std::move(e));
  }

  ExprId parseHeredoc() {
    Depth d(*this);
    const size_t b = i_;
    i_ += 2;
    const bool flush = peek() == '-';
    if (flush) ++i_;
    if (eof() || !isIdStart(static_cast<unsigned char>(peek()))) expected("a heredoc marker name after <<");
    const std::string marker = ident();
    if (peek() == '\r' && peek(1) == '\n') ++i_;
    if (peek() != '\n') expected("a newline after the heredoc marker");
    ++i_;
    const size_t bodyBegin = i_;
    // Find the closing line: only blanks around the marker.
    size_t bodyEnd = std::string_view::npos, after = 0;
    size_t indent = SIZE_MAX;
    for (size_t ls = bodyBegin; ls < t_.size();) {
      size_t le = t_.find('\n', ls);
      if (le == std::string_view::npos) le = t_.size();
      std::string_view line = t_.substr(ls, le - ls);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      size_t lead = 0;
      while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
      if (line.substr(lead) == marker) {
        bodyEnd = ls;
        after = ls + lead + marker.size();
        break;
      }
      if (lead < line.size()) indent = std::min(indent, lead);
      ls = le + 1;
    }
    if (bodyEnd == std::string_view::npos)
      fail("unterminated heredoc: no line with only \"" + marker + "\" closes <<" + (flush ? "-" : "") + marker, b,
           bodyBegin > 0 ? bodyBegin - 1 : b);
    if (!flush || indent == SIZE_MAX) indent = 0;
    Expr e;
    e.kind = ExprKind::Template;
    e.heredoc = true;
    e.begin = static_cast<uint32_t>(b);
    const int saved = nl_;
    templateBody(e, true, bodyEnd, indent, b);
    nl_ = saved;
    if (i_ != bodyEnd) fail("a template interpolation runs past the end of the heredoc", bodyEnd, bodyEnd + 1);
    i_ = after;
    e.end = static_cast<uint32_t>(i_);
    return add(std::move(e));
  }
};

}  // namespace

File parse(std::string text, const ParseOptions& options) {
  File f;
  f.text = std::move(text);
  f.lines = core::LineIndex(f.text);
  Parser p(f, options);
  p.run();
  return f;
}

std::string_view sourceOf(const File& f, ExprId id) {
  const Expr& e = f.expr(id);
  const std::string_view t(f.text);
  if (e.begin > t.size() || e.end < e.begin) return {};
  return t.substr(e.begin, e.end - e.begin);
}

std::string traversalText(const File& f, ExprId id) {
  std::vector<std::string> parts;
  ExprId cur = id;
  for (int guard = 0; guard < 1000; ++guard) {
    const Expr& e = f.expr(cur);
    if (e.kind == ExprKind::Variable) {
      std::string out = e.text;
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += *it;
      return out;
    }
    if (e.kind == ExprKind::GetAttr) {
      parts.push_back("." + e.text);
    } else if (e.kind == ExprKind::Index) {
      parts.push_back("[" + std::string(sourceOf(f, e.kids[1])) + "]");
    } else {
      return "";
    }
    cur = e.kids[0];
  }
  return "";
}

}  // namespace rolelint::hcl
