// libFuzzer target: get-account-authorization-details dumps (the dump builder,
// managed policies resolved from the dump, documents URL-encoded in strings).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rolelint::input::Loader loader;
  const auto unit = rolelint::fuzz::build(loader, data, size, "dump.json", rolelint::input::Format::AuthorizationDetails);
  (void)rolelint::model::dump(unit);
  return 0;
}
