#include "driver/embedded_data.h"

#include <optional>

#include "core/embedded.h"

namespace rolelint::driver {

core::Result<const catalog::Catalog*> embeddedCatalog() {
  struct Loaded {
    std::optional<catalog::Catalog> catalog;
    std::string error;  // empty when the build has no catalog
  };
  static const Loaded loaded = [] {
    Loaded l;
    auto text = embedded::find("rules/catalog/iam-catalog.txt");
    if (!text) return l;
    auto parsed = catalog::Catalog::parse(*text);
    if (parsed) {
      l.catalog.emplace(std::move(*parsed));
    } else {
      l.error = "embedded catalog: " + parsed.error().message;
    }
    return l;
  }();
  if (!loaded.error.empty()) return core::Error{loaded.error};
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

}  // namespace rolelint::driver
