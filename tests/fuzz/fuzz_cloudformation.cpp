// libFuzzer target: CloudFormation templates in YAML, through the input loader
// (the YAML reader, short-form tags, aliases) and the CloudFormation builder.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rolelint::input::Loader loader;
  const auto unit =
      rolelint::fuzz::build(loader, data, size, "template.yaml", rolelint::input::Format::CloudFormation);
  (void)rolelint::model::dump(unit);
  return 0;
}
