// RL162 invalid-region-format: aws:RequestedRegion values are Region codes such
// as "eu-west-1", "us-gov-west-1" or "cn-north-1": lowercase words joined by
// hyphens, ending in a number; and a code of that shape must be a known Region
// (rules/catalog/regions.txt, the AWS SDK's partitions data: "eu-westt-1" is none).
// Source: IAM User Guide, AWS global condition context keys, aws:RequestedRegion
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion)
// and AWS General Reference, Regions (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
#include "core/unknown.h"
#include "core/wildcard.h"
#include "rules/registry.h"
#include "analysis/policy_util.h"
#include "analysis/regions.h"

#include <cctype>

namespace rolelint::rules {
namespace {

// prefix(2-4 letters) ("-" word)+ "-" digits, all lowercase: us-east-1, us-gov-west-1, eusc-de-east-1.
bool regionShape(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dash = s.find('-', start);
    parts.push_back(s.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() < 3) return false;
  auto letters = [](std::string_view p) {
    if (p.empty()) return false;
    for (char c : p) {
      if (c < 'a' || c > 'z') return false;
    }
    return true;
  };
  if (!letters(parts.front()) || parts.front().size() < 2 || parts.front().size() > 4) return false;
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    if (!letters(parts[i])) return false;
  }
  const std::string_view last = parts.back();
  if (last.empty()) return false;
  for (char c : last) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

class InvalidRegionFormat final : public engine::Rule {
 public:
  InvalidRegionFormat()
      : engine::Rule({.id = "RL162",
                      .name = "invalid-region-format",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "An aws:RequestedRegion condition value is not a Region code (e.g. \"eu-west-1\"): wrong "
                                 "shape or no known Region.",
                      .equivalents = {"access-analyzer:INVALID_REGION"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    for (const model::Condition& c : s.conditions) {
      if (!policy::iequals(c.key, "aws:RequestedRegion")) continue;
      const std::string base = c.parsedOp.base;
      if (policy::familyOf(base) != policy::OperatorFamily::String) continue;
      const bool ignoreCase = base.find("IgnoreCase") != std::string::npos;
      for (const json::Value* v : c.values) {
        if (!v->isString() || core::findWildcard(v->text) != std::string::npos || (policy::hasVariable(v->text) || core::hasUnknown(v->text))) {
          continue;
        }
        const std::string value = ignoreCase ? policy::lower(v->text) : v->text.str();
        if (regionShape(value)) {
          // The right shape is not enough: "eu-westt-1" is no Region (issue 17, item 1).
          const catalogrules::RegionData* data = catalogrules::embeddedRegions();
          if (data == nullptr || data->knownOwner(value) != nullptr) continue;
          const std::string hint = data->nearest(value);
          r.report(p, *v,
                   "\"" + v->text + "\" is not a Region (Regions: " + data->source() + " " + data->version() +
                       "), so the Region of a request never matches it",
                   hint.empty() ? std::string("Write a Region code such as \"eu-west-1\"")
                                : "Did you mean \"" + hint + "\"?");
          continue;
        }
        std::string why;
        std::string help = "Write a Region code such as \"eu-west-1\"";
        if (regionShape(policy::lower(v->text))) {
          why = ": Region codes are lowercase";
          help = "Write \"" + policy::lower(v->text) + "\"";
        } else if (v->text.find(' ') != std::string::npos ||
                   (!v->text.empty() && std::isupper(static_cast<unsigned char>(v->text[0])))) {
          help = "Use the Region code, not its name (e.g. \"eu-west-1\" for Europe (Ireland))";
        }
        r.report(p, *v,
                 "\"" + v->text + "\" is not a Region code, so the Region of a request never matches it" + why,
                 help);
      }
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL162() { return engine::makeRule<InvalidRegionFormat>(); }

}  // namespace rolelint::rules
