// RL121 invalid-service-principal: a service principal is the service's
// lowercase DNS-style name, e.g. "mediaconvert.amazonaws.com" (case-sensitive).
// Source: IAM User Guide, IAM JSON policy elements: Principal, "AWS service principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services).
#include "core/unknown.h"
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

class InvalidServicePrincipal final : public engine::Rule {
 public:
  InvalidServicePrincipal()
      : engine::Rule({.id = "RL121",
                      .name = "invalid-service-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Service principal (or a service-principal condition value) is not a lowercase service "
                                 "name such as \"mediaconvert.amazonaws.com\".",
                      .equivalents = {"access-analyzer:INVALID_SERVICE_PRINCIPAL_FORMAT"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    // Principal values: trust policies only (in identity policies the Principal itself is RL114's finding).
    if (policy::isTrust(p)) {
      for (const auto* pr : {&s.principal, &s.notPrincipal}) {
        if (!pr->has_value()) continue;
        for (const policy::PrincipalValue& v : policy::principalValues(**pr)) {
          if (v.entry->type != "Service") continue;
          // A value with a part known only at deployment (a template's states.${AWS::Region}
          // form, a mapping look-up) is no syntax finding (docs/architecture.md, unknowns).
          if (core::hasUnknown(v.item->value) || policy::hasVariable(v.item->value)) continue;
          const Problem pb = problem(v.item->value);
          if (pb.fix.empty()) continue;
          r.report(p, *v.item->node,
                   "\"" + v.item->value + "\" is not a valid service principal, so IAM rejects the trust policy (or "
                       "no service matches it)" + pb.why,
                   pb.fix);
        }
      }
    }
    // Condition keys whose values are service principals, under String operators.
    for (const model::Condition& c : s.conditions) {
      if (policy::familyOf(c.parsedOp.base) != policy::OperatorFamily::String) continue;
      bool servicePrincipalKey = false;
      for (std::string_view k : {"aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "iam:PassedToService",
                                 "iam:AWSServiceName"}) {
        servicePrincipalKey = servicePrincipalKey || policy::iequals(c.key, k);
      }
      if (!servicePrincipalKey) continue;
      for (const json::Value* v : c.values) {
        if (!v->isString() || (policy::hasVariable(v->text) || core::hasUnknown(v->text))) continue;
        const Problem pb = problem(v->text);
        if (pb.fix.empty()) continue;
        r.report(p, *v,
                 "\"" + v->text + "\" is not a valid service principal, so the \"" + c.key +
                     "\" condition never matches it" + pb.why,
                 pb.fix);
      }
    }
  }

 private:
  // What is wrong with a service principal (": …" for the message, or "") and how to fix it,
  // or an empty fix when it is well-formed (or has wildcards: RL119).
  struct Problem {
    std::string why;
    std::string fix;
  };
  static Problem problem(const std::string& t) {
    if (core::findWildcard(t) != std::string::npos || policy::isLowerHostname(t)) return {};
    const std::string l = policy::lower(t);
    if (t.rfind("arn:", 0) == 0) {
      return {": a service principal is the service's name, not an ARN",
              "Write the service's name, e.g. \"mediaconvert.amazonaws.com\""};
    }
    if (policy::isLowerHostname(l)) return {": service principals are case-sensitive", "Write \"" + l + "\""};
    if (l.find_first_of(". ") == std::string::npos && !l.empty()) {
      return {"", "Write the full service principal, e.g. \"" + l + ".amazonaws.com\""};
    }
    return {"", "Write the service's principal as documented, e.g. \"mediaconvert.amazonaws.com\""};
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL121() { return engine::makeRule<InvalidServicePrincipal>(); }

}  // namespace rolelint::rules
