// The HCL2 reader (src/hcl): structure, every expression form, positions in
// lines and UTF-16 columns, and located problems for malformed input.
#include <catch2/catch.hpp>

#include "hcl/hcl.h"

using namespace rolelint;

namespace {

// A compact rendering of an expression tree, for table-driven checks.
std::string show(const hcl::File& f, hcl::ExprId id) {
  if (id == hcl::kNoExpr) return "-";
  const hcl::Expr& e = f.expr(id);
  auto kids = [&](size_t from = 0) {
    std::string s;
    for (size_t k = from; k < e.kids.size(); ++k) s += (k > from ? " " : "") + show(f, e.kids[k]);
    return s;
  };
  switch (e.kind) {
    case hcl::ExprKind::Null: return "null";
    case hcl::ExprKind::Bool: return e.boolean ? "true" : "false";
    case hcl::ExprKind::Number: return e.text;
    case hcl::ExprKind::Template: {
      std::string s = "(tpl";
      for (const auto& p : e.parts) {
        switch (p.kind) {
          case hcl::TemplatePart::Literal: s += " '" + p.text + "'"; break;
          case hcl::TemplatePart::Interp: s += " ${" + show(f, p.expr) + "}"; break;
          case hcl::TemplatePart::If: s += " %if(" + show(f, p.expr) + ")"; break;
          case hcl::TemplatePart::Else: s += " %else"; break;
          case hcl::TemplatePart::EndIf: s += " %endif"; break;
          case hcl::TemplatePart::For: s += " %for(" + p.keyVar + "," + p.valVar + " in " + show(f, p.expr) + ")"; break;
          case hcl::TemplatePart::EndFor: s += " %endfor"; break;
        }
      }
      return s + ")";
    }
    case hcl::ExprKind::Variable: return e.text;
    case hcl::ExprKind::GetAttr: return show(f, e.kids[0]) + "." + e.text;
    case hcl::ExprKind::Index: return show(f, e.kids[0]) + "[" + show(f, e.kids[1]) + "]";
    case hcl::ExprKind::Splat: {
      std::string s = "(splat " + show(f, e.kids[0]);
      for (const auto& op : e.ops) s += op.attr ? " ." + op.name : " [" + show(f, op.index) + "]";
      return s + ")";
    }
    case hcl::ExprKind::Call: return "(" + e.text + " " + kids() + (e.expandLast ? " ..." : "") + ")";
    case hcl::ExprKind::Tuple: return "[" + kids() + "]";
    case hcl::ExprKind::Object: return "{" + kids() + "}";
    case hcl::ExprKind::ForTuple:
      return "(for-tuple " + e.keyVar + "," + e.valVar + " in " + kids() + ")";
    case hcl::ExprKind::ForObject:
      return "(for-object " + e.keyVar + "," + e.valVar + " in " + kids() + (e.grouping ? " ..." : "") + ")";
    case hcl::ExprKind::Conditional: return "(? " + kids() + ")";
    case hcl::ExprKind::Unary: return "(" + e.text + kids() + ")";
    case hcl::ExprKind::Binary: return "(" + e.text + " " + kids() + ")";
    case hcl::ExprKind::Parens: return kids();
  }
  return "?";
}

std::string parseOne(const std::string& expr) {
  hcl::File f = hcl::parse("a = " + expr + "\n");
  if (!f.problems.empty()) return "problem: " + f.problems[0].message;
  REQUIRE(f.root().attributes.size() == 1);
  return show(f, f.root().attributes[0].expr);
}

}  // namespace

TEST_CASE("hcl: every expression form", "[hcl]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"1", "1"},
      {"1.5e3", "1.5e3"},
      {"true", "true"},
      {"null", "null"},
      {"\"s3:GetObject\"", "(tpl 's3:GetObject')"},
      {"\"a\\\"b\\n\\u00e9\"", "(tpl 'a\"b\n\xC3\xA9')"},
      {"\"arn:${var.p}:s3\"", "(tpl 'arn:' ${var.p} ':s3')"},
      {"\"$${aws:username}\"", "(tpl '${aws:username}')"},
      {"\"%%{x}\"", "(tpl '%{x}')"},
      {"\"%{if var.a}x%{else}y%{endif}\"", "(tpl %if(var.a) 'x' %else 'y' %endif)"},
      {"\"%{for k, v in var.m}${k}=${v},%{endfor}\"", "(tpl %for(k,v in var.m) ${k} '=' ${v} ',' %endfor)"},
      {"\"a ${~ var.x ~} b\"", "(tpl 'a' ${var.x} 'b')"},
      {"[1, \"b\",]", "[1 (tpl 'b')]"},
      {"{ a = 1, \"b\" = 2\n c: 3 }", "{(tpl 'a') 1 (tpl 'b') 2 (tpl 'c') 3}"},
      {"{ (var.k) = 1 }", "{var.k 1}"},
      {"[for s in var.l : upper(s) if s != \"\"]", "(for-tuple ,s in var.l (upper s) (!= s (tpl)))"},
      {"{for k, v in var.m : k => v...}", "(for-object k,v in var.m k v - ...)"},
      {"var.a ? 1 : 2", "(? var.a 1 2)"},
      {"aws_iam_role.r[*].arn", "(splat aws_iam_role.r .arn)"},
      {"var.l.*.id", "(splat var.l .id)"},
      {"local.m[\"k\"].x[0]", "local.m[(tpl 'k')].x[0]"},
      {"var.t.0", "var.t[0]"},
      {"concat(var.a, [\"b\"])", "(concat var.a [(tpl 'b')])"},
      {"merge(var.l...)", "(merge var.l ...)"},
      {"provider::aws::arn_parse(var.x)", "(provider::aws::arn_parse var.x)"},
      {"1 + 2 * 3", "(+ 1 (* 2 3))"},
      {"!a || b && c == d", "(|| (!a) (&& b (== c d)))"},
      {"-1 - -2", "(- (-1) (-2))"},
      {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
      {"a >= 1 && a < 2", "(&& (>= a 1) (< a 2))"},
      {"aws-name-with-dashes", "aws-name-with-dashes"},
      {"\"x\" # comment", "(tpl 'x')"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(parseOne(c.in) == c.out);
  }
}

TEST_CASE("hcl: blocks, labels, attributes and comments", "[hcl]") {
  const std::string text =
      "# comment\n"
      "resource \"aws_iam_role\" \"r\" {\n"
      "  name = \"x\" // trailing\n"
      "  /* block\n comment */\n"
      "  inline_policy { name = \"p\" }\n"
      "  dynamic \"statement\" {\n"
      "    for_each = var.s\n"
      "    content {\n"
      "      actions = statement.value\n"
      "    }\n"
      "  }\n"
      "}\n"
      "locals {}\n";
  hcl::File f = hcl::parse(text);
  REQUIRE(f.problems.empty());
  REQUIRE(f.root().blocks.size() == 2);
  const hcl::Block& r = f.root().blocks[0];
  CHECK(r.type == "resource");
  REQUIRE(r.labels.size() == 2);
  CHECK(r.labels[1].text == "r");
  const hcl::Body& body = f.bodies[r.body];
  REQUIRE(body.attributes.size() == 1);
  CHECK(body.attributes[0].name == "name");
  REQUIRE(body.blocks.size() == 2);
  CHECK(body.blocks[0].type == "inline_policy");
  CHECK(f.bodies[body.blocks[0].body].attributes.at(0).name == "name");
  const hcl::Body& dyn = f.bodies[body.blocks[1].body];
  CHECK(dyn.find("for_each") != nullptr);
  CHECK(f.bodies[dyn.blocks.at(0).body].attributes.at(0).name == "actions");
  CHECK(f.root().blocks[1].type == "locals");
}

TEST_CASE("hcl: heredocs, <<- indentation and CRLF map back to the source", "[hcl]") {
  const std::string text = "p = <<-EOT\r\n    {\r\n      \"Effect\": \"${var.e}\"\r\n    }\r\n    EOT\r\nq = 1\r\n";
  hcl::File f = hcl::parse(text);
  REQUIRE(f.problems.empty());
  REQUIRE(f.root().attributes.size() == 2);
  const hcl::Expr& e = f.expr(f.root().attributes[0].expr);
  REQUIRE(e.kind == hcl::ExprKind::Template);
  CHECK(e.heredoc);
  REQUIRE(e.parts.size() == 3);
  CHECK(e.parts[0].text == "{\n  \"Effect\": \"");
  CHECK(e.parts[2].text == "\"\n}\n");
  // The '"' before Effect sits on line 3, column 7 of the file.
  const size_t quote = e.parts[0].text.find('"');
  const core::Pos p = f.position(e.parts[0].origin[quote]);
  CHECK(p.line == 3);
  CHECK(p.column == 7);
  CHECK(show(f, f.root().attributes[1].expr) == "1");
  // A plain heredoc keeps its indentation.
  hcl::File g = hcl::parse("p = <<EOT\n  x\nEOT\n");
  REQUIRE(g.problems.empty());
  CHECK(g.expr(g.root().attributes[0].expr).parts.at(0).text == "  x\n");
}

TEST_CASE("hcl: positions are lines and UTF-16 columns of every node", "[hcl]") {
  hcl::File f = hcl::parse("t = { \"é😀\" = [var.x, \"y\"] }\n");
  REQUIRE(f.problems.empty());
  const hcl::Expr& obj = f.expr(f.root().attributes[0].expr);
  const hcl::Expr& tup = f.expr(obj.kids[1]);
  const hcl::Expr& y = f.expr(tup.kids[1]);
  const core::Pos p = f.position(y.begin);
  CHECK(p.line == 1);
  // t = { "é😀" = [var.x, "y"] }: é is one UTF-16 unit, 😀 two.
  CHECK(p.column == 23);
  CHECK(f.position(f.root().attributes[0].nameBegin).column == 1);
  CHECK(hcl::traversalText(f, tup.kids[0]) == "var.x");
}

TEST_CASE("hcl: malformed input gives located problems", "[hcl]") {
  struct Case {
    std::string in;
    hcl::ProblemCode code;
    uint32_t line, column;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"a = \"abc\nb = 1\n", hcl::ProblemCode::Syntax, 1, 5, "unterminated string"},
      {"a = <<EOF\nxx\n", hcl::ProblemCode::Syntax, 1, 5, "unterminated heredoc"},
      {"a = \"\xff\"\n", hcl::ProblemCode::Encoding, 1, 6, "invalid UTF-8"},
      {"x = 1\na = b c\n", hcl::ProblemCode::Syntax, 2, 7, "expected a newline"},
      {"resource \"x\" {\n  a = 1\n", hcl::ProblemCode::Syntax, 1, 14, "unterminated block"},
      {"a = [1, 2\n", hcl::ProblemCode::Syntax, 2, 1, "expected ',' or ']'"},
      {"a = \"%{if x}y\"\n", hcl::ProblemCode::Syntax, 1, 6, "%{if} without %{endif}"},
      {"a = \"\\q\"\n", hcl::ProblemCode::Syntax, 1, 6, "invalid escape"},
      {"a = /* x\n", hcl::ProblemCode::Syntax, 1, 5, "unterminated comment"},
      {std::string("a = 1\0", 6), hcl::ProblemCode::Encoding, 1, 6, "NUL"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    hcl::File f = hcl::parse(c.in);
    REQUIRE(!f.problems.empty());
    CHECK(f.problems[0].code == c.code);
    const core::Pos p = f.position(f.problems[0].begin);
    CHECK(p.line == c.line);
    CHECK(p.column == c.column);
    CHECK(f.problems[0].message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("hcl: deep nesting is a located problem, not a stack overflow", "[hcl]") {
  for (const std::string& open : {std::string("["), std::string("{a="), std::string("(")}) {
    std::string text = "a = ";
    for (int k = 0; k < 100000; ++k) text += open;
    hcl::File f = hcl::parse(text);
    REQUIRE(f.problems.size() == 1);
    CHECK(f.problems[0].code == hcl::ProblemCode::TooDeep);
    CHECK(f.position(f.problems[0].begin).line == 1);
  }
  std::string blocks;
  for (int k = 0; k < 100000; ++k) blocks += "b {\n";
  hcl::File g = hcl::parse(blocks);
  REQUIRE(g.problems.size() == 1);
  CHECK(g.problems[0].code == hcl::ProblemCode::TooDeep);
  std::string tpl = "a = ";
  for (int k = 0; k < 50000; ++k) tpl += "\"${";
  hcl::File h = hcl::parse(tpl);
  REQUIRE(h.problems.size() == 1);
  CHECK(h.problems[0].code == hcl::ProblemCode::TooDeep);
  // Valid but deep nesting within the limit still reads.
  std::string ok = "a = ";
  for (int k = 0; k < 60; ++k) ok += "[";
  for (int k = 0; k < 60; ++k) ok += "]";
  CHECK(hcl::parse(ok + "\n").problems.empty());
}

TEST_CASE("hcl: items before a syntax error are kept", "[hcl]") {
  hcl::File f = hcl::parse("a = 1\nb = \"x\"\nc = = 2\n");
  REQUIRE(f.problems.size() == 1);
  CHECK(f.root().attributes.size() == 2);
}
