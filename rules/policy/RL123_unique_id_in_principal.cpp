// RL123 unique-id-in-principal: IAM stores principals as unique IDs and shows
// the ID (AROA… for roles, AIDA… for users) when the named role or user was
// deleted; the ID never matches a re-created principal.
// Source: IAM User Guide, IAM JSON policy elements: Principal, "IAM role principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles)
// and IAM identifiers, "Unique identifiers"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

bool isUniqueId(const std::string& t, std::string_view prefix) {
  if (t.size() < 16 || t.rfind(prefix, 0) != 0) return false;
  for (char c : t) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

class UniqueIdInPrincipal final : public engine::Rule {
 public:
  UniqueIdInPrincipal()
      : engine::Rule({.id = "RL123",
                      .name = "unique-id-in-principal",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "A trust policy principal is a role or user unique ID (AROA…, AIDA…) instead of an ARN.",
                      .equivalents = {"access-analyzer:INVALID_ROLE_REFERENCE",
                                      "access-analyzer:INVALID_USER_REFERENCE"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!policy::isTrust(p) || !s.principal) return;
    for (const policy::PrincipalValue& v : policy::principalValues(*s.principal)) {
      if (v.entry->type != "AWS") continue;
      const json::Text& t = v.item->value;
      const bool role = isUniqueId(t, "AROA");
      if (!role && !isUniqueId(t, "AIDA")) continue;
      const std::string what = role ? "role" : "user";
      r.report(p, *v.item->node,
               "\"" + t + "\" is the unique ID of an IAM " + what + ", not its ARN: IAM shows this when the " + what +
                   " was deleted, and a re-created " + what + " with the same name gets a new ID, so it can no "
                   "longer assume the role",
               "Replace it with the " + what + "'s ARN (arn:aws:iam::ACCOUNT:" + what + "/NAME) or remove it");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL123() { return engine::makeRule<UniqueIdInPrincipal>(); }

}  // namespace rolelint::rules
