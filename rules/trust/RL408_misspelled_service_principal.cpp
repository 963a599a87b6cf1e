// RL408 misspelled-service-principal: a Service principal that does not exist
// as written: upper case, `amazon.com` for `amazonaws.com`, a partition suffix
// such as `.amazonaws.com.cn`, or a near miss of a known principal.
// Sources: IAM User Guide, AWS JSON policy elements: Principal, service principals ("service
// principals are case sensitive", form service-name.amazonaws.com)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services);
// AWS services that work with IAM (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html).
// Known principals: rules/profiles/*.json and rules/profiles/service-principals.json.
#include "rules/registry.h"
#include "analysis/trust_common.h"
#include "analysis/trust_profiles.h"

namespace rolelint::rules {
namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class MisspelledServicePrincipal final : public engine::Rule {
 public:
  MisspelledServicePrincipal()
      : engine::Rule({.id = "RL408",
                      .name = "misspelled-service-principal",
                      .category = engine::Category::Trust,
                      .severity = core::Severity::Warning,
                      .summary = "A service principal is misspelled or does not exist (amazon.com, a partition suffix, or a near miss of a known principal)."}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!trust::isTrust(p) || !s.principal) return;
    const auto& set = trust::profiles();
    for (const model::StringItem* v : trust::principalValues(s, "Service")) {
      const std::string& name = v->value;
      if (set.isKnownPrincipal(name) || name.find_first_of("*?$") != std::string::npos) continue;
      const std::string low = trust::lower(name);
      if (low != name) continue;  // not lowercase: RL121 (invalid-service-principal) reports it with the spelling
      std::string candidate = low;
      std::string what;
      std::string suffixWhat;
      if (endsWith(candidate, ".amazonaws.com.cn")) {
        candidate.resize(candidate.size() - 3);
        suffixWhat = "this service's principal takes no partition suffix";
      } else if (endsWith(candidate, ".amazon.com")) {
        candidate = candidate.substr(0, candidate.size() - 11) + ".amazonaws.com";
        suffixWhat = "this service's principal ends in `amazonaws.com`";
      }
      std::string suggestion;
      if (set.isKnownPrincipal(candidate)) {
        suggestion = candidate;
        if (what.empty()) what = suffixWhat;
      } else {
        size_t best = 3;  // suggest only near misses (edit distance 1 or 2)
        for (const std::string& k : set.knownPrincipals) {
          const size_t d = trust::editDistance(candidate, k);
          if (d < best) {
            best = d;
            suggestion = k;
          }
        }
        if (!suggestion.empty() && what.empty()) what = "no AWS service has this principal";
      }
      if (what.empty()) continue;  // well-formed and not close to a known principal: may be a service we do not list
      std::string msg = "`" + name + "` is not a valid service principal: " + what +
                        ". IAM rejects the trust policy (\"Invalid principal in policy\") or the service can never "
                        "assume the role";
      if (!suggestion.empty()) msg += "; did you mean `" + suggestion + "`?";
      r.report(p, *v->node, msg);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL408() { return engine::makeRule<MisspelledServicePrincipal>(); }

}  // namespace rolelint::rules
