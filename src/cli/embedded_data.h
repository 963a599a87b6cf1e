// The IAM catalog and the AWS managed policies embedded in the binary, parsed
// once per process (the index only: services and documents are parsed on first
// use) and shared by every command: check, effective, simulate and diff.
#pragma once
#include <string>

#include "catalog/catalog.h"

namespace rolelint::cli {

// The embedded IAM catalog; null when this build has none or it does not parse
// (`error`, when given, then says why).
const catalog::Catalog* embeddedCatalog(std::string* error = nullptr);

// The embedded AWS managed policies; null when this build has none.
const catalog::ManagedPolicies* embeddedManagedPolicies();

}  // namespace rolelint::cli
