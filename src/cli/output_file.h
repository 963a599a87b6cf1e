// Writing the report safely (docs/security.md, "Writes"): --output FILE is
// replaced through a temporary file that is created exclusively, with an
// unpredictable name, in FILE's directory, then renamed over FILE, so that a
// link planted in a checkout cannot redirect the write. A FIFO, device or
// terminal given as FILE is written through, never replaced; a symbolic link is
// refused. Every write is checked, and so is the final flush of stdout.
#pragma once
#include <functional>
#include <ostream>
#include <string>

#include "core/result.h"

namespace rolelint::cli {

// Writes what `write` produces to `path`. An Error when anything failed; a
// temporary file is then removed.
core::Status writeOutputFile(const std::string& path, const std::function<void(std::ostream&)>& write);

// Flushes std::cout and C stdout. An Error when a write to standard output
// failed (a full disk, a closed pipe).
core::Status flushStdout();

}  // namespace rolelint::cli
