// RL210 action-resource-mismatch: an action listed with resources none of
// which is of a resource type the action applies to. Sources: Service
// Authorization Reference (each action's "Resource types" column and each
// resource type's ARN format,
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
// and IAM User Guide, "IAM JSON policy elements: Resource"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html:
// actions without resource-level permissions need "Resource": "*").
#include "analysis/arn_template.h"
#include "rules/registry.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::rules {
namespace {
using namespace catalogrules;

class ActionResourceMismatch final : public engine::Rule {
 public:
  ActionResourceMismatch()
      : engine::Rule({.id = "RL210",
                      .name = "action-resource-mismatch",
                      .category = engine::Category::Catalog,
                      .severity = core::Severity::Warning,
                      .summary = "An action is listed only with resources of types it does not apply to.",
                      .equivalents = {"parliament:RESOURCE_MISMATCH", "cfn-lint:I3510"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    const catalog::Catalog* c = r.catalog();
    if (c == nullptr || !checksPolicy(p) || p.kind == model::PolicyKind::Trust) return;
    if (!s.action.present() || !s.resource.present() || s.resource.items.empty()) return;
    for (const auto& res : s.resource.items) {
      if (res.value == "*" || res.value.rfind("arn:", 0) != 0) return;  // "*" fits all; malformed is another rule's
      // An AWS-owned resource (account `aws`, such as the CloudFormation transform
      // arn:aws:cloudformation:REGION:aws:transform/Serverless-2016-10-31 that
      // cloudformation:CreateChangeSet is allowed on): its type may be missing from
      // the reference, so which actions apply to it cannot be told.
      if (isAwsOwnedAccount(res.value)) return;
    }
    // The texts only for a finding (most actions fit their resources).
    auto listedText = [&] {
      std::string listed;
      for (std::size_t i = 0; i < s.resource.items.size() && i < 3; ++i) {
        listed += (i > 0 ? ", `" : "`") + s.resource.items[i].value + "`";
      }
      if (s.resource.items.size() > 3) listed += ", …";
      return listed;
    };
    for (const auto& item : s.action.items) {
      if (item.node == nullptr || hasWildcard(item.value)) continue;
      const catalog::Action* a = c->findAction(item.value);
      if (a == nullptr) continue;
      auto nameOf = [&] { return std::string(a->service->prefix()) + ":" + std::string(a->name); };
      if (a->resources.empty()) {
        // Only fully specific ARNs: how IAM treats a wildcard ARN (arn:aws:s3:::*)
        // for such actions is not documented, and AWS's own policies rely on it.
        bool specific = true;
        for (const auto& res : s.resource.items) specific = specific && !hasWildcard(res.value);
        if (!specific) continue;
        r.report(p, *item.node,
                 "`" + nameOf() + "` supports no resource-level permissions " + dataNote(*c) +
                     ": IAM authorizes it only by a statement with \"Resource\": \"*\", so listing it with " + listedText() +
                     " grants or denies nothing",
                 "Move it to a statement with \"Resource\": \"*\"");
        continue;
      }
      bool matched = false;
      for (const auto& res : s.resource.items) {
        if (actionFitsArn(*c, *a, res.value)) {
          matched = true;
          break;
        }
      }
      if (matched) continue;
      std::vector<std::string> formats;
      for (const catalog::ActionResource& ar : a->resources) {
        if (ar.type == nullptr) continue;
        for (const std::string_view t : ar.type->arnTemplates)
          if (formats.size() < 3) formats.push_back(std::string(ar.type->name) + ": " + std::string(t));
      }
      r.report(p, *item.node,
               "`" + nameOf() + "` applies to none of the statement's resources, " + listedText() + " " + dataNote(*c) +
                   ": IAM never matches it with them, so the statement grants or denies nothing for it",
               "List a resource of a type it applies to: " + quoteList(formats));
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL210() { return engine::makeRule<ActionResourceMismatch>(); }

}  // namespace rolelint::rules
