// libFuzzer target: Terraform plan JSON (planned_values, resource_changes,
// jsonencode'd policies as strings with positions mapped into them).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rolelint::input::Loader loader;
  const auto unit = rolelint::fuzz::build(loader, data, size, "plan.json", rolelint::input::Format::TerraformPlan);
  (void)rolelint::model::dump(unit);
  return 0;
}
