// Helpers shared by the tests: running the built binary, reading files.
#pragma once
#include <string>
#include <vector>

namespace rolelint::test {

struct Run {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs the rolelint binary with `args` (shell-quoted here) in `cwd` (default:
// the source root), with `stdinText` on standard input and extra environment.
Run runRolelint(const std::vector<std::string>& args, const std::string& cwd = "", const std::string& stdinText = "",
                const std::vector<std::string>& env = {});

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);
std::string sourceDir();
// The rolelint binary the end-to-end tests run: $ROLELINT_TEST_BINARY when set (a
// release binary, say: ctest -L e2e), else the one built beside the tests.
std::string binary();
// A fresh empty temporary directory.
std::string tempDir(const std::string& name);

}  // namespace rolelint::test
