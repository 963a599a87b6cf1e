// RL133 invalid-variable-syntax: a policy variable is "${key}" or
// "${key, 'default'}" with no spaces in the key; "${*}", "${?}" and "${$}" are escapes.
// Source: IAM User Guide, IAM policy elements: Variables and tags
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class InvalidVariableSyntax final : public engine::Rule {
 public:
  InvalidVariableSyntax()
      : engine::Rule({.id = "RL133",
                      .name = "invalid-variable-syntax",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A policy variable is malformed: no closing brace, empty, a space inside, or an "
                                 "unquoted default.",
                      .equivalents = {"access-analyzer:MISSING_BRACE_IN_VARIABLE",
                                      "access-analyzer:MISSING_QUOTE_IN_VARIABLE",
                                      "access-analyzer:UNSUPPORTED_SPACE_IN_VARIABLE",
                                      "access-analyzer:EMPTY_VARIABLE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    policy::forEachVariableSite(s, [&](const json::Value& v, const model::Condition*) {
      for (const policy::Variable& var : policy::variables(v.text)) {
        const std::string text = v.text.substr(var.pos, var.len);
        std::string why;
        std::string fix;
        if (!var.closed) {
          why = "has no closing '}', so IAM does not substitute it";
          fix = "Close it right after the context key, as in \"${aws:username}\"";
        } else if (var.body.empty()) {
          why = "is empty";
          fix = "Write a context key such as \"${aws:username}\"";
        } else if (var.body == "*" || var.body == "?" || var.body == "$") {
          continue;
        } else {
          const size_t comma = var.body.find(',');
          const std::string key = var.body.substr(0, comma);
          if (key.find(' ') != std::string::npos) {
            std::string trimmed;
            for (char c : key) {
              if (c != ' ') trimmed += c;
            }
            why = "has a space in the key, which IAM does not support";
            fix = "Write \"${" + trimmed + (comma == std::string::npos ? "" : var.body.substr(comma)) + "}\"";
          } else if (comma != std::string::npos) {
            std::string def = var.body.substr(comma + 1);
            def.erase(0, def.find_first_not_of(' '));
            if (def.size() < 2 || def.front() != '\'' || def.back() != '\'') {
              std::string bare = def;
              while (!bare.empty() && (bare.front() == '\'' || bare.front() == '"')) bare.erase(0, 1);
              while (!bare.empty() && (bare.back() == '\'' || bare.back() == '"')) bare.pop_back();
              why = "has a default value that is not in single quotes";
              fix = "Write \"${" + key + ", '" + bare + "'}\"";
            }
          }
        }
        if (why.empty()) continue;
        r.reportSubstring(p, v, var.pos, var.len, "the policy variable \"" + text + "\" " + why, fix);
      }
    });
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL133() { return engine::makeRule<InvalidVariableSyntax>(); }

}  // namespace rolelint::rules
