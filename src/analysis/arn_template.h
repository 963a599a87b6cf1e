// Matching policy Resource ARNs against the catalog's ARN templates.
//
// A Resource ARN may hold `*` (any run, also across `/` and `:`) and `?` (one
// character) in every segment, and policy variables `${…}`, which stand for an
// unknown value and are treated like `*` (IAM User Guide, "IAM JSON policy
// elements: Resource" and "Policy variables"). A catalog template such as
// `arn:${Partition}:s3:::${BucketName}/${ObjectName}` has placeholders that
// stand for one or more characters. A placeholder matches no `:`; the last
// placeholder of a template whose resource part already has a `/` or `:`
// before it (`role/${RoleNameWithPath}`, `${BucketName}/${ObjectName}`)
// matches the rest of the ARN; other placeholders of the resource part may
// hold `/` (`log-group:${LogGroupName}:log-stream:…`, log group names have
// slashes), but a resource part that is one bare name (`${BucketName}`,
// `${QueueName}`) holds no `/`. So `arn:aws:s3:::media/*` is an object ARN,
// not a bucket ARN.
#pragma once
#include <optional>
#include <string_view>

#include "core/arn.h"

namespace rolelint::analysis {

// ARN fields (core/arn.h).
using ArnParts = core::ArnFields;
using core::splitArn;

// True if some concrete ARN is both matched by `resourceArn` (a policy
// Resource entry) and an instance of `arnTemplate` (a catalog template).
bool arnMatchesTemplate(std::string_view resourceArn, std::string_view arnTemplate);

}  // namespace rolelint::analysis
