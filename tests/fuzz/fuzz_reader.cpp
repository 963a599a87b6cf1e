// libFuzzer target: the located JSON reader, the input layer (format detection,
// embedded documents) and the model builder must never crash, leak or trip a
// sanitizer on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "input/input.h"
#include "json/reader.h"
#include "model/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = rolelint::json::read(text);
  if (doc.root) (void)rolelint::json::pointerOf(*doc.root);
  rolelint::input::Loader loader;
  // file:// references resolve inside an empty boundary: nothing outside is read.
  auto file = loader.loadText("fuzz.json", text, "/nonexistent-fuzz-boundary", "/nonexistent-fuzz-boundary");
  auto shared = std::make_shared<const rolelint::input::LoadedFile>(std::move(file));
  auto unit = rolelint::model::build(shared, loader, {});
  (void)rolelint::model::dump(unit);
  return 0;
}
