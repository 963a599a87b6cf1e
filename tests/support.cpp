#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace rolelint::test {
namespace fs = std::filesystem;

std::string sourceDir() { return ROLELINT_SOURCE_DIR; }

std::string binary() {
  const char* given = std::getenv("ROLELINT_TEST_BINARY");
  if (given == nullptr || *given == '\0') return ROLELINT_BINARY;
  // Relative to the directory ctest was started in: make it absolute, as tests run elsewhere.
  return fs::absolute(given).string();
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string tempDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("rolelint-test-" + std::to_string(getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

static std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

Run runRolelint(const std::vector<std::string>& args, const std::string& cwd, const std::string& stdinText,
                const std::vector<std::string>& env) {
  const std::string dir = tempDir("run");
  const std::string in = dir + "/stdin", out = dir + "/stdout", err = dir + "/stderr";
  writeFile(in, stdinText);
  std::string cmd = "cd " + quote(cwd.empty() ? sourceDir() : cwd) + " && env NO_COLOR=1";
  for (const auto& e : env) cmd += " " + quote(e);
  cmd += " " + quote(binary());
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " <" + quote(in) + " >" + quote(out) + " 2>" + quote(err);
  const int status = std::system(cmd.c_str());
  Run r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = readFile(out);
  r.err = readFile(err);
  fs::remove_all(dir);
  return r;
}

}  // namespace rolelint::test
