// RL168 userid-pattern-too-permissive: a wildcard (* or ?) or a policy variable
// in a value of the aws:userid condition key that is not on the right side of a
// colon and is not the only thing on the left side of the colon.
// Sources: IAM Access Analyzer policy check reference, "Error – Wildcard usage too
// permissive" and "Error – Variable usage too permissive", third message of each
// ("Overly permissive use of wildcard with aws:userID. Use the wildcard on the right
// side of colon or as the only character on the left side of a colon."; "use
// `AIDACKCEVSQ6C2EXAMPLE:*` or `*:*` instead of `*`"; for variables
// "`AIDACKCEVSQ6C2EXAMPLE:${aws:userid}` or `${aws:userid}:*` instead of `${aws:userid}`")
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-wildcard-usage-too-permissive,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-variable-usage-too-permissive);
// the aws:userid value is the unique ID of the principal, "role-id:caller-specified-role-name"
// for a role session (IAM User Guide, policy variables, "Request information that you can
// use for policy variables",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-infotouse);
// * and ? are wildcards only under StringLike/StringNotLike
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String);
// policy variables are replaced only in a policy with Version 2012-10-17, and ${*}, ${?}
// and ${$} are the literal characters (reference_policies_variables.html).
//
// Not encoded, for want of a documented key list: the first two messages of these
// checks (a wildcard or variable "not preceded by 6 consecutive characters", and
// wildcards/variables in "sensitive" keys). The check reference names neither set of
// keys, and the global condition keys page it points to marks no key as sensitive.
#include <optional>

#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

// One piece of a condition value: a literal character, a wildcard character or a
// policy variable "${…}".
struct Piece {
  enum Kind { Literal, Wildcard, Variable } kind = Literal;
  size_t pos = 0;
  size_t len = 1;
};

std::vector<Piece> pieces(const std::string& s, bool likeOperator, bool variablesApply) {
  std::vector<Piece> out;
  const auto vars = policy::variables(s);
  size_t next = 0;  // index into vars
  for (size_t i = 0; i < s.size();) {
    while (next < vars.size() && vars[next].pos < i) ++next;
    if (next < vars.size() && vars[next].pos == i && vars[next].closed) {
      const policy::Variable& v = vars[next];
      // ${*}, ${?} and ${$} stand for the literal character.
      const bool escape = v.body == "*" || v.body == "?" || v.body == "$";
      out.push_back({variablesApply && !escape ? Piece::Variable : Piece::Literal, i, v.len});
      i += v.len;
      continue;
    }
    const bool wild = likeOperator && (s[i] == '*' || s[i] == '?');
    out.push_back({wild ? Piece::Wildcard : Piece::Literal, i, 1});
    ++i;
  }
  return out;
}

// The wildcard or variable that makes the value too broad, and whether the value
// has a colon at all.
struct Offence {
  Piece piece;
  bool hasColon = false;
};

std::optional<Offence> offending(const std::string& s, const std::vector<Piece>& ps) {
  size_t colon = ps.size();  // first literal ':' (a ':' inside "${aws:userid}" is not one)
  for (size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].kind == Piece::Literal && ps[i].len == 1 && s[ps[i].pos] == ':') {
      colon = i;
      break;
    }
  }
  const bool hasColon = colon < ps.size();
  if (hasColon && colon == 1 && ps[0].kind != Piece::Literal) return std::nullopt;  // "*:…", "${aws:userid}:…"
  for (size_t i = 0; i < colon; ++i) {
    if (ps[i].kind != Piece::Literal) return Offence{ps[i], hasColon};
  }
  return std::nullopt;
}

class UseridPatternTooPermissive final : public engine::Rule {
 public:
  UseridPatternTooPermissive()
      : engine::Rule({.id = "RL168",
                      .name = "userid-pattern-too-permissive",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "An aws:userid condition value has a wildcard or policy variable before the colon "
                                 "that is not the whole left side.",
                      .equivalents = {"access-analyzer:WILDCARD_USAGE_TOO_PERMISSIVE",
                                      "access-analyzer:VARIABLE_USAGE_TOO_PERMISSIVE"},
                      .securitySeverity = 6.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const bool variablesApply = p.version != nullptr && p.version->isString() && p.version->text == "2012-10-17";
    for (const model::Condition& c : s.conditions) {
      if (!policy::iequals(c.key, "aws:userid")) continue;
      const policy::Operator o = c.parsedOp;
      if (policy::familyOf(o.base) != policy::OperatorFamily::String) continue;
      const bool like = o.base == "StringLike" || o.base == "StringNotLike";
      for (const json::Value* v : c.values) {
        if (!v->isString()) continue;
        const auto ps = pieces(v->text, like, variablesApply);
        const auto bad = offending(v->text, ps);
        if (!bad) continue;
        const Piece& piece = bad->piece;
        const std::string token = v->text.substr(piece.pos, piece.len);
        const bool variable = piece.kind == Piece::Variable;
        std::string msg = std::string(variable ? "the policy variable `" : "the wildcard `") + token + "` in the `" +
                          c.op + "` value `" + v->text + "` of `" + c.key + "` is " +
                          (bad->hasColon ? "before the colon but not the whole left side"
                                         : "not after a colon (the value has none)") +
                          ": aws:userid is the caller's unique ID (`role-id:session-name` for a role session), and ";
        msg += variable ? "a variable in the ID part takes its value from the request, so the caller rather than "
                          "the policy decides which ID matches (an effective wildcard)"
                        : "a wildcard in the ID part matches the IDs of principals the policy does not name";
        std::string help =
            variable ? "Put the variable after the colon, behind the literal unique ID (`AROAEXAMPLEID:" + token +
                           "`), or use it alone before the colon (`" + token + ":*`)"
                     : "Write the unique ID before the colon and the wildcard after it (`AROAEXAMPLEID:*`), "
                       "or use the wildcard alone before the colon (`*:*`)";
        r.reportSubstring(p, *v, piece.pos, piece.len, std::move(msg), std::move(help));
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL168() { return engine::makeRule<UseridPatternTooPermissive>(); }

}  // namespace rolelint::rules
