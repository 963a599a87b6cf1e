// RL205 unknown-service-condition-key: a service-prefixed condition key that
// the service does not define, or whose prefix is no service. Sources: the
// Service Authorization Reference (each service's "Condition keys" table,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
// and IAM User Guide, "IAM JSON policy elements: Condition"; Access Analyzer
// checks INVALID_SERVICE_CONDITION_KEY and INVALID_SERVICE. Keys of identity
// providers (token.actions.githubusercontent.com:sub, accounts.google.com:aud,
// saml:aud, cognito-identity.amazonaws.com:amr, any issuer host name) are not
// service keys and are never reported.
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/catalog_names.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class UnknownServiceConditionKey final : public engine::Rule {
 public:
  UnknownServiceConditionKey()
      : engine::Rule({.id = "RL205",
                      .name = "unknown-service-condition-key",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "A service condition key is not defined by its service, or its prefix is no service.",
                      .equivalents = {"access-analyzer:INVALID_SERVICE_CONDITION_KEY",
                                      "access-analyzer:INVALID_SERVICE",
                                      "parliament:UNKNOWN_CONDITION_FOR_ACTION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p)) return;
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      const KeyInfo info = resolveKey(*c, cond.key);
      // A key (or service) an AWS managed policy uses exists.
      if (managedPolicyNames().hasConditionKey(cond.key) ||
          (info.kind == KeyKind::UnknownPrefix && managedPolicyNames().hasService(info.prefix))) {
        continue;
      }
      std::string msg;
      std::string help;
      if (info.kind == KeyKind::UnknownService && info.service != nullptr) {
        msg = "`" + cond.key + "` is not a condition key of " + std::string(info.service->name()) + " " +
              dataNote(*c) + ": it is absent from every request context, so positive operators never match and "
              "negated ones always do";
        const auto hint = suggestKeys(info.service->conditionKeys(), cond.key, 3);
        if (!hint.empty()) help = "Did you mean " + quoteList(hint) + "?";
      } else if (info.kind == KeyKind::UnknownPrefix) {
        msg = "`" + std::string(info.prefix) + "` in condition key `" + cond.key + "` is not a service prefix " +
              dataNote(*c) + ", so no request context holds the key";
        const auto hint = c->suggestServices(info.prefix, 3);
        if (!hint.empty()) help = "Did you mean the service " + quoteList(hint) + "?";
      } else {
        continue;
      }
      r.reportKey(p, cond.keyMember->value, std::move(msg), std::move(help));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL205() { return engine::makeRule<UnknownServiceConditionKey>(); }

}  // namespace rolelint::rules
