// RL221 condition-key-with-unsupported-services: aws:VpceAccount,
// aws:VpceOrgID or aws:VpceOrgPaths in a statement whose actions include
// services that do not support the key. The IAM User Guide lists, per key, the
// services that put it in the request context ("The following services support
// this key"; IAM only "except for the iam:PassRole action") and warns: "Using
// this key with unsupported services can lead to unintended authorization
// results. Always scope the condition key to supported services in your
// policies." For the other services the key is absent, so a positive operator
// never matches and a negated one (or ...IfExists) always does.
// Sources: IAM User Guide, "AWS global condition context keys", aws:VpceAccount,
// aws:VpceOrgID, aws:VpceOrgPaths
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpceaccount);
// IAM Access Analyzer policy check reference, "General Warning – Use condition key only with supported services"
// (USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
// The lists below are the page's as stored for this project; AWS adds services over time.
// The catalog expands action patterns whose service prefix has a wildcard.
#include <algorithm>
#include <array>
#include <span>

#include "rules/registry.h"
#include "analysis/catalog_lookup.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

// aws:VpceAccount and aws:VpceOrgPaths (the page lists the same services for both).
constexpr std::array<std::string_view, 39> kVpceAccountServices = {
    "acm-pca",     "applicationinsights", "apprunner",  "athena",          "cloudformation", "comprehendmedical",
    "compute-optimizer", "datasync",      "discovery",  "dynamodb",        "ebs",            "ecr",
    "ecs",         "firehose",            "gamelift",   "healthlake",      "iam",            "iotfleetwise",
    "iotwireless", "kinesisanalytics",    "kms",        "lambda",          "medical-imaging", "omics",
    "payment-cryptography", "polly",      "rbin",       "rekognition",     "route53",        "s3",
    "scheduler",   "servicediscovery",    "servicequotas", "shield",       "ssm-contacts",   "storagegateway",
    "textract",    "transcribe",          "transfer",
};

// aws:VpceOrgID.
constexpr std::array<std::string_view, 52> kVpceOrgIdServices = {
    "acm-pca",        "applicationinsights", "apprunner",      "athena",          "b2bi",
    "cassandra",      "cloudformation",      "cognito-identity", "comprehendmedical", "compute-optimizer",
    "datasync",       "discovery",           "dms",            "ds-data",         "dynamodb",
    "ebs",            "ecr",                 "ecs",            "firehose",        "gamelift",
    "healthlake",     "iam",                 "identitystore",  "iotfleetwise",    "iottwinmaker",
    "iotwireless",    "kinesisanalytics",    "kms",            "lambda",          "medical-imaging",
    "network-firewall", "omics",             "payment-cryptography", "polly",     "pricing",
    "rbin",           "rekognition",         "route53",        "s3",              "scheduler",
    "servicediscovery", "servicequotas",     "ses",            "shield",          "sms-voice",
    "sqs",            "ssm-contacts",        "storagegateway", "textract",        "transcribe",
    "transfer",       "workmail",
};

struct ScopedKey {
  std::string_view name;
  std::span<const std::string_view> services;
};

bool supports(std::span<const std::string_view> services, std::string_view prefix, std::string_view action) {
  const std::string p = lower(prefix);
  if (std::find(services.begin(), services.end(), p) == services.end()) return false;
  return !(p == "iam" && iequals(action, "PassRole"));
}

// The statement's Action entries that reach a service (or action) the key does
// not support, each described for the message.
std::vector<std::string> unsupportedEntries(const catalog::Catalog* c, const model::Statement& s,
                                            std::span<const std::string_view> services) {
  std::vector<std::string> out;
  for (const model::StringItem& item : s.action.items) {
    if (item.value == "*") {
      out.push_back("`*` (every service)");
      continue;
    }
    const SplitAction a = splitAction(item.value);
    if (!a.ok || hasVariable(item.value)) continue;
    if (hasWildcard(a.prefix)) {
      if (c == nullptr) continue;
      for (const catalog::ActionRef ref : c->expandActionPattern(item.value)) {
        const catalog::Action* act = c->action(ref);
        if (act == nullptr || supports(services, c->servicePrefixOf(ref), act->name)) continue;
        out.push_back("`" + item.value + "` (matches `" + c->actionName(ref) + "`)");
        break;
      }
      continue;
    }
    const std::string prefix = lower(a.prefix);
    if (std::find(services.begin(), services.end(), prefix) == services.end()) {
      out.push_back("`" + item.value + "`");
    } else if (prefix == "iam" && policy::wildcardMatch(a.name, "PassRole", true)) {
      out.push_back(iequals(a.name, "PassRole") ? "`" + item.value + "`"
                                                 : "`" + item.value + "` (includes `iam:PassRole`)");
    }
  }
  return out;
}

class ConditionKeyWithUnsupportedServices final : public engine::Rule {
 public:
  ConditionKeyWithUnsupportedServices()
      : engine::Rule({.id = "RL221",
                      .name = "condition-key-with-unsupported-services",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "aws:VpceAccount, aws:VpceOrgID or aws:VpceOrgPaths is tested in a statement whose "
                                 "actions include services that do not support the key.",
                      .equivalents = {"access-analyzer:USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (!checksPolicy(p) || s.conditions.empty()) return;
    static const std::array<ScopedKey, 3> kKeys = {{
        {"aws:VpceAccount", kVpceAccountServices},
        {"aws:VpceOrgID", kVpceOrgIdServices},
        {"aws:VpceOrgPaths", kVpceAccountServices},
    }};
    for (const model::Condition& cond : s.conditions) {
      if (cond.keyMember == nullptr) continue;
      const ScopedKey* key = nullptr;
      for (const ScopedKey& k : kKeys) {
        if (iequals(cond.key, k.name)) key = &k;
      }
      if (key == nullptr) continue;
      const std::string tail =
          ": for those actions the key is absent from the request context, so a positive operator never matches "
          "and a negated one or an ...IfExists operator always does";
      const std::string help =
          "Move them to a statement without `" + std::string(key->name) +
          "`, or list only actions of services that support it (see the key in the IAM User Guide's global "
          "condition keys page)";
      if (s.notAction.present()) {
        r.reportKey(p, cond.keyMember->value,
                    "`" + std::string(key->name) + "` works only with the services the IAM User Guide lists, but "
                    "this statement uses NotAction, which covers every other service too" + tail,
                    help);
        continue;
      }
      std::vector<std::string> entries = unsupportedEntries(r.catalog(), s, key->services);
      if (entries.empty()) continue;
      const size_t more = entries.size() > 3 ? entries.size() - 3 : 0;
      if (more > 0) entries.resize(3);
      std::string list;
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) list += (i + 1 == entries.size() && more == 0) ? " and " : ", ";
        list += entries[i];
      }
      if (more > 0) list += " and " + std::to_string(more) + " more";
      r.reportKey(p, cond.keyMember->value,
                  "`" + std::string(key->name) + "` works only with the services the IAM User Guide lists (IAM "
                  "without iam:PassRole), but this statement also has " + list + tail,
                  help);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL221() { return engine::makeRule<ConditionKeyWithUnsupportedServices>(); }

}  // namespace rolelint::rules
