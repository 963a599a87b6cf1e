#include "cli/embedded_data.h"

#include <optional>

#include "core/embedded.h"

namespace rolelint::cli {

const catalog::Catalog* embeddedCatalog(std::string* error) {
  struct Loaded {
    std::optional<catalog::Catalog> catalog;
    std::string error;
  };
  static const Loaded loaded = [] {
    Loaded l;
    auto text = embedded::find("rules/catalog/iam-catalog.txt");
    if (!text) {
      l.error = "no IAM catalog in this build";
      return l;
    }
    auto parsed = catalog::Catalog::parse(*text);
    if (parsed) {
      l.catalog.emplace(std::move(*parsed));
    } else {
      l.error = "embedded catalog: " + parsed.error().message;
    }
    return l;
  }();
  if (!loaded.catalog && error != nullptr) *error = loaded.error;
  return loaded.catalog ? &*loaded.catalog : nullptr;
}

const catalog::ManagedPolicies* embeddedManagedPolicies() {
  static const std::optional<catalog::ManagedPolicies> managed = [] {
    std::optional<catalog::ManagedPolicies> m;
    if (auto text = embedded::find("rules/catalog/managed-policies.txt"))
      if (auto parsed = catalog::ManagedPolicies::parse(*text)) m.emplace(std::move(*parsed));
    return m;
  }();
  return managed ? &*managed : nullptr;
}

}  // namespace rolelint::cli
