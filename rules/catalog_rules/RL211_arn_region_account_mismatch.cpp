// RL211 arn-region-account-mismatch: a Resource ARN has a Region or account
// where the service's ARNs have none, or lacks a Region the service's ARNs
// need. Sources: IAM User Guide, "IAM identifiers" (ARN formats; S3 bucket
// ARNs have neither Region nor account, IAM ARNs no Region,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html)
// and the Service Authorization Reference (ARN formats per resource type);
// Access Analyzer checks ARN_REGION_NOT_ALLOWED, ARN_ACCOUNT_NOT_ALLOWED,
// MISSING_ARN_REGION and MISSING_ARN_ACCOUNT ("The resource {{resourceName}}
// in the arn is missing an account id. Please provide a 12 digit account id.",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
#include "analysis/arn_template.h"
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

// AWS's documentation account ID, shown in suggested fixes.
constexpr std::string_view kExampleAccount = "111122223333";

class ArnRegionAccountMismatch final : public engine::Rule {
 public:
  ArnRegionAccountMismatch()
      : engine::Rule(
            {.id = "RL211",
             .name = "arn-region-account-mismatch",
             .category = engine::Category::Catalog,
             .severity = core::Severity::Error,
             .summary = "A resource ARN has a Region or account the service's ARNs do not have, or lacks one "
                        "they need.",
             .equivalents = {"access-analyzer:ARN_REGION_NOT_ALLOWED", "access-analyzer:ARN_ACCOUNT_NOT_ALLOWED",
                             "access-analyzer:MISSING_ARN_REGION", "access-analyzer:MISSING_ARN_ACCOUNT"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p) || p.kind == model::PolicyKind::Trust) return;
    for (const model::StringList* list : {&s.resource, &s.notResource}) {
      for (const auto& item : list->items) {
        if (item.node != nullptr) check(*c, item.value, *item.node, p, r);
      }
    }
  }

 private:
  static bool anyMatch(const std::vector<std::string_view>& templates, std::string_view arn) {
    for (const std::string_view t : templates) {
      if (analysis::arnMatchesTemplate(arn, t)) return true;
    }
    return false;
  }

  static std::string rebuild(const analysis::ArnParts& a, std::string_view region, std::string_view account) {
    return "arn:" + std::string(a.partition) + ":" + std::string(a.service) + ":" + std::string(region) + ":" +
           std::string(account) + ":" + std::string(a.resource);
  }

  void check(const catalog::Catalog& c, std::string_view arn, const json::Value& node, const model::PolicyDocument& p,
             engine::Reporter& r) const {
    const auto parts = analysis::splitArn(arn);
    if (!parts || parts->service.empty() || hasWildcard(parts->service) || hasVariable(parts->service)) return;
    const catalog::Service* svc = c.findService(parts->service);
    if (svc == nullptr) return;
    const catalogrules::ServiceFormats& formats = catalogrules::serviceFormats(c, svc, parts->service);
    const std::vector<std::string_view>& templates = formats.templates;
    if (templates.empty()) return;
    if (catalogrules::matchesSomeFormat(c, formats, arn)) return;
    // The texts only for an ARN that matches no format (most match one).
    const std::string svcName(parts->service);
    const std::string tail =
        " " + dataNote(c) + ", so the ARN matches no resource and the statement has no effect on it";
    const bool regionFixed = !parts->region.empty() && !hasWildcard(parts->region) && !hasVariable(parts->region);
    const bool accountFixed = !parts->account.empty() && !hasWildcard(parts->account) && !hasVariable(parts->account);
    if (regionFixed && anyMatch(templates, rebuild(*parts, "", parts->account))) {
      r.report(p, node,
               "`" + std::string(arn) + "` has the Region `" + std::string(parts->region) + "` but " + svcName +
                   " ARNs of this form have no Region" + tail,
               "Write `" + rebuild(*parts, "", parts->account) + "`");
      return;
    }
    if (accountFixed && anyMatch(templates, rebuild(*parts, parts->region, ""))) {
      r.report(p, node,
               "`" + std::string(arn) + "` has the account `" + std::string(parts->account) + "` but " + svcName +
                   " ARNs of this form have no account" + tail,
               "Write `" + rebuild(*parts, parts->region, "") + "`");
      return;
    }
    if (regionFixed && accountFixed && anyMatch(templates, rebuild(*parts, "", ""))) {
      r.report(p, node,
               "`" + std::string(arn) + "` has a Region and an account but " + svcName +
                   " ARNs of this form have neither" + tail,
               "Write `" + rebuild(*parts, "", "") + "`");
      return;
    }
    // Probe with a concrete Region and account: a `*` would also span the
    // other fields.
    if (parts->region.empty() && anyMatch(templates, rebuild(*parts, "us-east-1", parts->account))) {
      r.report(p, node,
               "`" + std::string(arn) + "` has no Region but " + svcName + " ARNs of this form need one" + tail,
               "Add the Region (or `*`): `" + rebuild(*parts, "us-east-1", parts->account) + "`");
      return;
    }
    if (parts->account.empty() && anyMatch(templates, rebuild(*parts, parts->region, kExampleAccount))) {
      r.report(p, node,
               "`" + std::string(arn) + "` has no account but " + svcName + " ARNs of this form need one" + tail,
               "Add the 12-digit account ID (or `*`): `" + rebuild(*parts, parts->region, kExampleAccount) + "`");
      return;
    }
    if (parts->region.empty() && parts->account.empty() &&
        anyMatch(templates, rebuild(*parts, "us-east-1", kExampleAccount))) {
      r.report(p, node,
               "`" + std::string(arn) + "` has neither a Region nor an account but " + svcName +
                   " ARNs of this form need both" + tail,
               "Add them (or `*`): `" + rebuild(*parts, "us-east-1", kExampleAccount) + "`");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL211() {
  return engine::makeRule<ArnRegionAccountMismatch>();
}

}  // namespace rolelint::rules
