// RL217 invalid-arn-region: the Region field of a Resource/NotResource ARN is
// not a Region of the ARN's partition. Sources: IAM User Guide, "IAM
// identifiers" (ARN format arn:partition:service:region:account-id:resource,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns),
// AWS General Reference, "AWS Regions" (Region codes, each in one partition,
// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html);
// Access Analyzer check INVALID_ARN_REGION. Data: rules/catalog/regions.txt
// (the AWS SDK's partitions data, see docs/catalog-format.md).
#include "analysis/arn_template.h"
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/regions.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class InvalidArnRegion final : public engine::Rule {
 public:
  InvalidArnRegion()
      : engine::Rule({.id = "RL217",
                      .name = "invalid-arn-region",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Error,
                      .summary = "The Region field of a resource ARN is not a Region of the ARN's partition.",
                      .equivalents = {"access-analyzer:INVALID_ARN_REGION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!checksPolicy(p) || p.kind == model::PolicyKind::Trust) return;
    for (const model::StringList* list : {&s.resource, &s.notResource}) {
      for (const auto& item : list->items) {
        if (item.node != nullptr) check(r.catalog(), item.value, *item.node, p, r);
      }
    }
  }

 private:
  // True if RL211 reports this ARN's Region as not allowed (ARN_REGION_NOT_ALLOWED):
  // the service is known, the ARN matches none of its formats, and would match
  // one without the Region (an S3 bucket or IAM role ARN with a Region).
  static bool regionNotAllowed(const catalog::Catalog* c, const analysis::ArnParts& a, std::string_view arn) {
    if (c == nullptr || hasWildcard(a.service) || hasVariable(a.service)) return false;
    const catalog::Service* svc = c->findService(a.service);
    if (svc == nullptr) return false;
    const std::string withoutRegion = "arn:" + std::string(a.partition) + ":" + std::string(a.service) + "::" +
                                      std::string(a.account) + ":" + std::string(a.resource);
    bool asIs = false, without = false;
    for (const catalog::ResourceType& rt : svc->resourceTypes()) {
      for (const std::string_view t : rt.arnTemplates) {
        const auto tp = analysis::splitArn(t);
        if (!tp || tp->service != a.service) continue;
        asIs = asIs || analysis::arnMatchesTemplate(arn, t);
        without = without || analysis::arnMatchesTemplate(withoutRegion, t);
      }
    }
    return !asIs && without;
  }

  static std::string example(const Partition& p) {
    return p.knows("us-east-1") || p.regions.empty() ? std::string("us-east-1") : p.regions.front();
  }

  void check(const catalog::Catalog* c, std::string_view arn, const json::Value& node, const model::PolicyDocument& p,
             engine::Reporter& r) const {
    const auto parts = analysis::splitArn(arn);
    if (!parts) return;
    const std::string_view region = parts->region;
    if (region.empty() || hasWildcard(region) || hasVariable(region)) return;
    // The Region data only when an ARN names a Region: parsing it compiles a pattern per partition.
    const RegionData* found = embeddedRegions();
    if (found == nullptr) return;
    const RegionData& data = *found;
    const bool partitionLiteral = !hasWildcard(parts->partition) && !hasVariable(parts->partition);
    const Partition* own = partitionLiteral ? data.find(parts->partition) : nullptr;
    // An unknown literal partition is RL132's finding; a Region where the
    // service's ARNs have none is RL211's (checked last: it scans ARN formats).
    if (partitionLiteral && own == nullptr) return;
    // Only known Regions count: a code of the right shape such as "us-east-7" is no Region
    // (Access Analyzer reports it; issue 17, item 1). A Region launched after the data was
    // taken is reported until the data is refreshed; the message names the data's version.
    if (own != nullptr ? own->knows(region) : data.knownOwner(region) != nullptr) return;
    if (regionNotAllowed(c, *parts, arn)) return;

    const std::string quoted = "`" + std::string(region) + "`";
    const std::string where =
        own != nullptr ? "the `" + own->id + "` partition" : "any AWS partition";
    const std::string tail = " (Regions: " + data.source() + " " + data.version() + "), so the ARN matches nothing";
    std::string message;
    std::string help;
    if (const Partition* other = data.knownOwner(region); other != nullptr && own != nullptr) {
      message = quoted + " is a Region of `" + other->id + "`, not of `" + own->id + "`" + tail;
      help = "Write `arn:" + other->id + ":` or a Region of `" + own->id + "` such as `" + example(*own) + "`";
    } else if (const std::string low = lower(region);
               low != region && (own != nullptr ? own->knows(low) : data.knownOwner(low) != nullptr)) {
      message = quoted + " is not a Region of " + where + tail + "; Region codes are lowercase";
      help = "Write `" + low + "`";
    } else {
      std::string hint = own != nullptr ? own->nearest(region) : data.nearest(region);
      message = quoted + " is not a Region of " + where + tail;
      help = hint.empty() ? "Write a Region code such as `" +
                                (own != nullptr ? example(*own) : std::string("us-east-1")) +
                                "`, or `*` for every Region"
                          : "Did you mean `" + hint + "`?";
    }
    r.report(p, node, std::move(message), std::move(help));
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL217() { return engine::makeRule<InvalidArnRegion>(); }

}  // namespace rolelint::rules
