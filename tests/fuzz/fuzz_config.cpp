// libFuzzer target: .rolelint.json (rule settings, conventions, quotas,
// policies, suppressions with their globs) checked against the real registry.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/config.h"
#include "engine/glob.h"
#include "engine/registry.h"
#include "rules/registry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const rolelint::engine::Registry* registry = [] {
    auto* r = new rolelint::engine::Registry();
    rolelint::rules::registerAll(*r);
    return r;
  }();
  const auto cfg =
      rolelint::engine::parseConfig(".rolelint.json", std::string(reinterpret_cast<const char*>(data), size), registry);
  // The suppressions' path globs, compiled as the engine compiles them.
  for (const auto& s : cfg.suppressions) (void)rolelint::engine::PathGlob(s.path).matches("roles/legacy/a.json");
  return 0;
}
