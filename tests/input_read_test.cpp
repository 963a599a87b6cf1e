// Reading inputs with few system calls (issue 21: 1,000 separate policy files): a
// regular file in one read, no fcntl for it, a walked file's type taken from the
// walk. These tests hold the behaviour those shortcuts must keep.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "input/read.h"
#include "input/terraform.h"
#include "support.h"

namespace fs = std::filesystem;
using rolelint::input::readFileBounded;

TEST_CASE("read: regular files of every size are read whole", "[inputs][reads]") {
  const std::string dir = rolelint::test::tempDir("read-sizes");
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{65536}, size_t{65537}, size_t{300001}}) {
    std::string text(size, 'x');
    for (size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + i % 26);
    const std::string path = dir + "/f" + std::to_string(size);
    rolelint::test::writeFile(path, text);
    INFO(size);
    auto r = readFileBounded(path, size_t{1} << 20, true);
    REQUIRE(r.ok());
    CHECK(*r == text);
  }
}

TEST_CASE("read: a file over the limit is an error that names the limit", "[inputs][reads]") {
  const std::string dir = rolelint::test::tempDir("read-limit");
  rolelint::test::writeFile(dir + "/big", std::string(2048, 'x'));
  rolelint::test::writeFile(dir + "/exact", std::string(1024, 'x'));
  auto big = readFileBounded(dir + "/big", 1024, true);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.find("larger than the 1 KiB limit") != std::string::npos);
  auto exact = readFileBounded(dir + "/exact", 1024, true);
  REQUIRE(exact.ok());
  CHECK(exact->size() == 1024);
}

TEST_CASE("read: a regular file whose size the system does not know is read to its end", "[inputs][reads]") {
  // /proc files are regular with st_size 0: one read of the stated size is not the end.
  if (!fs::exists("/proc/self/status")) return;
  auto r = readFileBounded("/proc/self/status", size_t{1} << 20, true);
  REQUIRE(r.ok());
  CHECK(r->find("Name:") != std::string::npos);
  CHECK(r->find("VmRSS:") != std::string::npos);  // well past the first byte
}

TEST_CASE("terraform: a directory is a module when it holds a regular *.tf file", "[inputs][terraform]") {
  const std::string dir = rolelint::test::tempDir("tf-module-dir");
  fs::create_directories(dir + "/none");
  rolelint::test::writeFile(dir + "/none/.tf", "");           // a hidden file named .tf has no extension
  rolelint::test::writeFile(dir + "/none/main.tf.json", "{}");
  rolelint::test::writeFile(dir + "/none/notes.tfvars", "");
  fs::create_directories(dir + "/none/sub.tf");                 // a directory, not a file
  CHECK_FALSE(rolelint::input::isTerraformModuleDir(dir + "/none"));
  fs::create_directories(dir + "/one");
  rolelint::test::writeFile(dir + "/one/a.tf", "");
  CHECK(rolelint::input::isTerraformModuleDir(dir + "/one"));
  fs::create_directories(dir + "/dots");
  rolelint::test::writeFile(dir + "/dots/x..tf", "");
  CHECK(rolelint::input::isTerraformModuleDir(dir + "/dots"));
}

TEST_CASE("inputs: a path's extension without a path object, as std::filesystem gives it", "[inputs]") {
  for (const char* p : {"a.json", "dir/a.yaml", "dir.d/a", "dir.d/.hidden", "dir/.hidden.yml", "a..b", "a.", ".", "..",
                        "dir/..", "dir/.", "dir/", "", "x.template", "/abs/path/t.template.json", "noext"}) {
    INFO(p);
    CHECK(rolelint::input::extensionOf(p) == fs::path(p).extension().string());
  }
}
