// HCL2 native syntax (Terraform's .tf and .tfvars files): a located reader of
// our own. Bodies of attributes and blocks, and every expression form of the
// HCL native syntax specification
// (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): literals,
// templates with ${} interpolations and %{} directives, heredocs (<<EOF and
// <<-EOF), tuples, objects, for expressions, conditionals, splats, indexing,
// attribute access, function calls and operators.
//
// Every node keeps its byte span; File::position() turns an offset into a line
// and a UTF-16 column (core::LineIndex, as the JSON reader). String literals
// keep, for every decoded byte, the offset of the source byte it came from, so
// a policy written as JSON inside a heredoc or a quoted string maps back
// exactly (escapes, `<<-` indentation and CRLF included).
//
// Nesting is limited (ParseOptions::maxDepth): deeper input is a located
// problem, never a stack overflow. Problems are values, never exceptions; the
// items read before a syntax error are kept.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"

namespace rolelint::hcl {

enum class ProblemCode { Syntax, Encoding, TooDeep };

struct Problem {
  ProblemCode code = ProblemCode::Syntax;
  std::string message;
  size_t begin = 0;  // byte offsets in the file
  size_t end = 0;
};

using ExprId = uint32_t;
inline constexpr ExprId kNoExpr = UINT32_MAX;

enum class ExprKind : uint8_t {
  Null,
  Bool,
  Number,       // text = lexeme
  Template,     // a quoted string or heredoc: parts; a plain string is one Literal part
  Variable,     // text = root name (var, local, aws_iam_role, each, count, path…)
  GetAttr,      // kids[0].text
  Index,        // kids[0][kids[1]]
  Splat,        // kids[0] then ops applied to each element (attr splat .* or full splat [*])
  Call,         // text = function name; kids = arguments; expandLast = trailing "..."
  Tuple,        // kids
  Object,       // kids = key, value, key, value…; a bare identifier key is a Template literal with bareKey
  ForTuple,     // [for keyVar, valVar in kids[0] : kids[1] if kids[2]]
  ForObject,    // {for keyVar, valVar in kids[0] : kids[1] => kids[2] (grouping) if kids[3]}
  Conditional,  // kids[0] ? kids[1] : kids[2]
  Unary,        // text = "!" or "-"; kids[0]
  Binary,       // text = operator; kids[0], kids[1]
  Parens,       // kids[0]
};

// One piece of a template.
struct TemplatePart {
  enum Kind : uint8_t { Literal, Interp, If, Else, EndIf, For, EndFor } kind = Literal;
  std::string text;                // Literal: decoded bytes
  std::vector<uint32_t> origin;    // Literal: source offset of each decoded byte (size text.size())
  ExprId expr = kNoExpr;           // Interp: the expression; If: condition; For: collection
  std::string keyVar, valVar;      // For
  uint32_t jumpElse = 0, jumpEnd = 0;  // If: index of Else (or EndIf) and EndIf; For: index of EndFor
  uint32_t begin = 0, end = 0;     // source span
};

struct TraversalOp {
  bool attr = true;
  std::string name;      // attr
  ExprId index = kNoExpr;  // index
};

struct Expr {
  ExprKind kind = ExprKind::Null;
  bool boolean = false;
  bool bareKey = false;     // object key written as an identifier
  bool heredoc = false;     // Template from a heredoc
  bool expandLast = false;  // Call with "..."
  bool grouping = false;    // ForObject with "..."
  uint32_t begin = 0, end = 0;  // byte span in the file
  std::string text;
  std::string keyVar, valVar;  // For*
  std::vector<ExprId> kids;
  std::vector<TemplatePart> parts;  // Template
  std::vector<TraversalOp> ops;     // Splat
};

struct Body;

struct Attribute {
  std::string name;
  uint32_t nameBegin = 0, nameEnd = 0;
  ExprId expr = kNoExpr;
};

struct Label {
  std::string text;
  uint32_t begin = 0, end = 0;
};

struct Block {
  std::string type;
  uint32_t begin = 0, end = 0;  // from the type to the closing brace
  std::vector<Label> labels;
  uint32_t body = 0;            // index into File::bodies
};

struct Body {
  std::vector<Attribute> attributes;  // in source order
  std::vector<Block> blocks;          // in source order
  const Attribute* find(std::string_view name) const {
    for (const Attribute& a : attributes)
      if (a.name == name) return &a;
    return nullptr;
  }
};

struct ParseOptions {
  uint32_t maxDepth = 400;  // parser levels (about four per bracket or template level)
};

struct File {
  std::string text;  // the bytes as read (a leading BOM is kept; offsets count it)
  core::LineIndex lines;
  std::vector<Expr> exprs;
  std::vector<Body> bodies;  // bodies[0] is the file's top-level body
  std::vector<Problem> problems;

  const Expr& expr(ExprId id) const { return exprs[id]; }
  const Body& root() const { return bodies[0]; }
  core::Pos position(size_t offset) const { return lines.position(text, offset); }
};

// Parses `text` as HCL2 native syntax.
File parse(std::string text, const ParseOptions& options = {});

// The source text of an expression (for messages: "aws_s3_bucket.media.arn").
std::string_view sourceOf(const File& f, ExprId id);

// The traversal an expression is, as text ("var.x", "aws_iam_role.r.arn",
// "local.m[\"k\"]"), or "" when it is not a plain traversal of a variable.
std::string traversalText(const File& f, ExprId id);

}  // namespace rolelint::hcl
