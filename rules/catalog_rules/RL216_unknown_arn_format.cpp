// RL216 unknown-arn-format: a Resource ARN whose service is unknown, or whose
// resource part matches none of the service's ARN formats. Sources: IAM User
// Guide, "IAM JSON policy elements: Resource"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
// and the Service Authorization Reference (ARN formats of each resource type,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
// Access Analyzer checks INVALID_ARN_RESOURCE and INVALID_SERVICE.
#include "analysis/arn_template.h"
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

// "`a`, `b` or `c`", or "`a`, `b`, `c`, `d`, `e`, …" when the list was cut at six.
std::string typeList(std::vector<std::string> names) {
  if (names.size() < 6) return quoteList(names, "or");
  names.pop_back();
  std::string out;
  for (const std::string& n : names) out += "`" + n + "`, ";
  return out + "…";
}

class UnknownArnFormat final : public engine::Rule {
 public:
  UnknownArnFormat()
      : engine::Rule({.id = "RL216",
                      .name = "unknown-arn-format",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "A resource ARN names an unknown service or matches none of its service's ARN "
                                 "formats.",
                      .equivalents = {"access-analyzer:INVALID_ARN_RESOURCE", "access-analyzer:INVALID_SERVICE"}}) {}

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
  void check(const catalog::Catalog& c, std::string_view arn, const json::Value& node, const model::PolicyDocument& p,
             engine::Reporter& r) const {
    const auto parts = analysis::splitArn(arn);
    if (!parts || parts->service.empty() || hasWildcard(parts->service) || hasVariable(parts->service)) return;
    // Service segments are lowercase; another case is another rule's finding.
    for (const char ch : parts->service) {
      if (ch >= 'A' && ch <= 'Z') return;
    }
    const catalog::Service* svc = c.findService(parts->service);
    const catalogrules::ServiceFormats& formats = catalogrules::serviceFormats(c, svc, parts->service);
    const std::vector<std::string_view>& templates = formats.templates;
    const std::vector<std::string>& typeNames = formats.typeNames;
    if (templates.empty()) {
      if (svc != nullptr) return;  // a service whose ARNs use another segment
      std::string msg = "`" + std::string(parts->service) + "` in `" + std::string(arn) +
                        "` is the service of no ARN format " + dataNote(c) +
                        ", so the ARN matches no resource and the statement has no effect on it";
      const auto hint = c.suggestServices(parts->service, 3);
      std::string help = hint.empty() ? std::string() : "Did you mean " + quoteList(hint) + "?";
      r.report(p, node, std::move(msg), std::move(help));
      return;
    }
    auto anyMatch = [&](std::string_view candidate) {
      for (const std::string_view t : templates) {
        if (analysis::arnMatchesTemplate(candidate, t)) return true;
      }
      return false;
    };
    if (catalogrules::matchesSomeFormat(c, formats, arn)) return;
    // An AWS-owned resource (account `aws`, e.g. a CloudFormation transform): the
    // reference may list no format for it.
    if (catalogrules::isAwsOwnedAccount(arn)) return;
    // Wrong Region/account only: RL211's finding. Probes use concrete values,
    // since a `*` would also span the other fields.
    const std::string head = "arn:" + std::string(parts->partition) + ":" + std::string(parts->service) + ":";
    const std::string res(parts->resource);
    for (const std::string& variant :
         {head + ":" + std::string(parts->account) + ":" + res, head + std::string(parts->region) + "::" + res,
          head + "::" + res, head + "us-east-1:" + std::string(parts->account) + ":" + res,
          head + std::string(parts->region) + ":111122223333:" + res,
          head + "us-east-1:111122223333:" + res}) {
      if (anyMatch(variant)) return;
    }
    r.report(p, node,
             "`" + std::string(arn) + "` matches none of the ARN formats of " + std::string(parts->service) +
                 " resource types " + dataNote(c) + ", so it matches no resource and the statement has no effect on it",
             "Check the resource part against the formats of " + typeList(typeNames) +
                 " in the Service Authorization Reference");
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL216() { return engine::makeRule<UnknownArnFormat>(); }

}  // namespace rolelint::rules
