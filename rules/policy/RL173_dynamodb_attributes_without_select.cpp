// RL173 dynamodb-attributes-without-select: an Allow statement restricts
// dynamodb:Attributes without requiring dynamodb:Select = SPECIFIC_ATTRIBUTES.
// DynamoDB evaluates dynamodb:Attributes only for requests that name the
// attributes to return; a read without a projection expression returns the
// whole item (or an index projection), so the attribute restriction does not
// hold. The documented policy pairs the two keys:
// "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}.
// Sources: IAM Access Analyzer policy check reference, "Security Warning –
// DynamoDB attributes without select" (DYNAMODB_ATTRIBUTES_WITHOUT_SELECT,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html);
// Amazon DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access control"
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html);
// IAM User Guide, "Amazon DynamoDB: Allows access to specific attributes"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_dynamodb_attributes.html).
// The risk is a read that returns whole items, so the rule fires only when the
// statement may allow an action that dynamodb:Select applies to: the Service
// Authorization Reference, "Actions, resources, and condition keys for Amazon
// DynamoDB" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html),
// lists dynamodb:Select for BatchGetItem, GetItem, PartiQLSelect, Query and Scan
// only (rules/catalog/iam-catalog.txt, @dynamodb section, condition key 14).
// A write-only statement such as AWS's "prevent updates on certain attributes"
// example (UpdateItem) is not reported.
#include <array>
#include <string_view>

#include "rules/registry.h"
#include "analysis/policy_grants.h"
#include "analysis/policy_util.h"

namespace rolelint::rules {
namespace {

// The actions whose requests carry dynamodb:Select (Service Authorization Reference).
constexpr std::array<std::string_view, 5> kSelectActions = {
    "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect",
};

// The first read action with dynamodb:Select that the statement's Action
// (literal or pattern such as dynamodb:Get*, dynamodb:*, *) or NotAction
// covers, or "" when it covers none.
std::string_view selectActionCovered(const model::Statement& s) {
  for (std::string_view a : kSelectActions) {
    if (policy::coversAction(s, a).cover != policy::ActionCover::None) return a;
  }
  return {};
}

// A condition that sets dynamodb:Select to SPECIFIC_ATTRIBUTES: StringEquals
// (with or without IfExists) whose every value is "SPECIFIC_ATTRIBUTES".
bool requiresSpecificAttributes(const model::Condition& c) {
  if (!policy::iequals(c.key, "dynamodb:Select")) return false;
  const policy::Operator op = c.parsedOp;
  if (op.base != "StringEquals" || c.values.empty()) return false;
  for (const json::Value* v : c.values) {
    if (!v->isString() || v->text != "SPECIFIC_ATTRIBUTES") return false;
  }
  return true;
}

class DynamodbAttributesWithoutSelect final : public engine::Rule {
 public:
  DynamodbAttributesWithoutSelect()
      : engine::Rule({.id = "RL173",
                      .name = "dynamodb-attributes-without-select",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Warning,
                      .summary = "An Allow statement restricts dynamodb:Attributes without requiring dynamodb:Select "
                                 "to be SPECIFIC_ATTRIBUTES.",
                      .equivalents = {"access-analyzer:DYNAMODB_ATTRIBUTES_WITHOUT_SELECT"},
                      .securitySeverity = 5.0}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.effect != model::Effect::Allow) return;
    const std::string_view read = selectActionCovered(s);
    if (read.empty()) return;  // no read that dynamodb:Select applies to: nothing to project
    for (const model::Condition& c : s.conditions) {
      if (requiresSpecificAttributes(c)) return;
    }
    for (const model::Condition& c : s.conditions) {
      if (c.keyMember == nullptr || !policy::iequals(c.key, "dynamodb:Attributes")) continue;
      if (c.parsedOp.base == "Null") continue;  // tests presence, restricts nothing
      r.reportKey(p, c.keyMember->value,
                  "\"" + c.key + "\" is restricted without \"dynamodb:Select\" set to SPECIFIC_ATTRIBUTES: DynamoDB "
                  "checks the attributes only when a request names the attributes to return, so a read without a "
                  "projection expression returns the whole item, and this statement allows " + std::string(read) +
                      ", a read that carries dynamodb:Select",
                  "Add \"StringEqualsIfExists\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"} to this statement");
    }
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL173() { return engine::makeRule<DynamodbAttributesWithoutSelect>(); }

}  // namespace rolelint::rules
