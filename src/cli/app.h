// The command line (design.md §4): check, rules, explain, --version.
#pragma once

namespace rolelint::cli {
// Runs rolelint with the given arguments; returns the process exit code
// (0 nothing at or above --fail-on, 1 findings, 2 usage/config/unreadable/internal).
int run(int argc, char** argv);
// The git commit rolelint was built from ("unknown" outside a git checkout), written at
// build time by cmake/BuildInfo.cmake.
const char* buildCommit();
}  // namespace rolelint::cli
