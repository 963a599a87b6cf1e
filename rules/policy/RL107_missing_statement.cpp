// RL107 missing-statement: a policy needs a Statement element holding an array
// of statement objects (or one statement object).
// Source: IAM User Guide, IAM JSON policy elements: Statement
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html) and the policy
// grammar (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class MissingStatement final : public engine::Rule {
 public:
  MissingStatement()
      : engine::Rule({.id = "RL107",
                      .name = "missing-statement",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "The policy has no Statement, or its Statement is neither an array nor an object.",
                      .equivalents = {"access-analyzer:MISSING_STATEMENT", "parliament:MALFORMED",
                                      "cfn-lint:E3510"}}) {}

  void checkPolicy(const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (p.root == nullptr || !p.root->isObject()) return;
    if (p.statementNode == nullptr) {
      core::Location loc = p.locate(*p.root);
      loc.range.end = loc.range.begin;
      ++loc.range.end.offset;
      ++loc.range.end.column;
      r.report(std::move(loc),
               "the " + std::string(model::kindName(p.kind)) +
                   " policy has no \"Statement\"; IAM rejects it as malformed",
               p.roleName, p.label, {}, "Add \"Statement\": [ … ] with at least one statement object");
      return;
    }
    const json::Value& st = *p.statementNode;
    if (st.isArray() || st.isObject()) return;
    r.report(p, st,
             "\"Statement\" must be an array of statement objects (or a single statement object), not " +
                 policy::typeName(st) + "; IAM rejects the policy as malformed",
             "Write \"Statement\": [ … ] with the statement objects");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL107() { return engine::makeRule<MissingStatement>(); }

}  // namespace rolelint::rules
