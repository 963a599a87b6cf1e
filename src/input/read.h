// Bounded, confined reading (docs/security.md): what the input layer reads from
// disk, with its limits. Kept out of input.h so that the headers most of the
// project includes stay as they are.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rolelint::input {

inline constexpr size_t kMaxInputBytes = size_t{1} << 30;       // a file or stdin given, or found by walking
inline constexpr size_t kMaxReferencedBytes = size_t{16} << 20;  // file:// documents, config files and policies
static_assert(kMaxInputBytes < (size_t{1} << 32), "core::Pos keeps byte offsets in 32 bits");

// Reads at most `maxBytes` of `path` ("-" = stdin) and returns the bytes. With
// `regularOnly`, anything but a regular file (a FIFO, a device) is refused
// without blocking. An Error "PATH: reason" on any failure.
core::Result<std::string> readFileBounded(const std::string& path, size_t maxBytes, bool regularOnly);

// A path's extension as std::filesystem::path::extension() gives it (".yaml",
// "" for ".hidden"), as a view into `path`: no path object built (this runs for
// every file a walk meets and every file read).
std::string_view extensionOf(std::string_view path);

// Whether `path`, with every link resolved, is inside `directory` (also resolved).
bool insideDirectory(const std::filesystem::path& path, const std::filesystem::path& directory);

// walkJson (input.h) that also reports what it cannot read: a directory or a
// link that cannot be read is added to `errors` ("PATH: reason"), and the walk
// goes on. Symbolic links are never followed into directories; a link that
// points outside `dir` is listed (whatever its name) so that Loader::load
// reports it as skipped (RL010) without reading it. With `gitignore`, inside a
// git work tree, files and directories its .gitignore files ignore are not
// walked (input/gitignore.h; --no-ignore turns it off).
std::vector<std::string> walkTree(const std::string& dir, std::vector<std::string>* errors, bool gitignore = true);

}  // namespace rolelint::input
