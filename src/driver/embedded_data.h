// The IAM catalog and the AWS managed policies embedded in the binary, parsed
// once per process (the index only: services and documents are parsed on first
// use) and shared by every command: check, effective, simulate and diff.
#pragma once
#include <string>

#include "catalog/catalog.h"
#include "core/result.h"

namespace rolelint::driver {

// The embedded IAM catalog: null when this build has none (a build without the
// catalog runs the rules that need none), an Error when it does not parse.
core::Result<const catalog::Catalog*> embeddedCatalog();

// The embedded AWS managed policies; null when this build has none.
const catalog::ManagedPolicies* embeddedManagedPolicies();

}  // namespace rolelint::driver
