// Shared by the libFuzzer targets: the input layer and the model builder over
// bytes given in memory, with file:// references confined to a directory that
// does not exist (nothing outside is ever read).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "input/input.h"
#include "model/model.h"

namespace rolelint::fuzz {

inline constexpr const char* kNowhere = "/nonexistent-fuzz-boundary";

// Reads `text` as the file `displayPath` (".yaml" for the YAML reader). With
// `format`, a top-level object is read as that format, as --input-format does.
inline model::Unit build(input::Loader& loader, const uint8_t* data, size_t size, const std::string& displayPath,
                         std::optional<input::Format> format) {
  auto file = loader.loadText(displayPath, std::string(reinterpret_cast<const char*>(data), size), kNowhere, kNowhere);
  if (format && file.tree && file.tree->root() != nullptr && file.tree->root()->isObject()) file.format = *format;
  return model::build(std::make_shared<const input::LoadedFile>(std::move(file)), loader, {});
}

}  // namespace rolelint::fuzz
