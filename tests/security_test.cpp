// The promises of docs/security.md, each tested against a hostile checkout:
// writes only --output (safely), reads only inside the trees given, escapes
// every input-derived string in the output, bounded work on hostile input.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "support.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using rolelint::test::readFile;
using rolelint::test::runRolelint;
using rolelint::test::tempDir;
using rolelint::test::writeFile;

namespace {

const char* kNoVersion = R"({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})";

// Runs a shell command line in `dir` where $ROLELINT is the binary; returns its exit code.
int shell(const std::string& dir, const std::string& line) {
  const std::string cmd = "cd '" + dir + "' && ROLELINT='" + rolelint::test::binary() + "' NO_COLOR=1 sh -c '" + line + "'";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

size_t entries(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n;
}

}  // namespace

// ---- Writes ----------------------------------------------------------------

TEST_CASE("security: a link planted at a temporary name does not redirect --output", "[security][writes]") {
  const std::string dir = tempDir("sec-tmp-link");
  writeFile(dir + "/nover.json", kNoVersion);
  writeFile(dir + "/victim", "precious\n");
  // The fixed temporary name of earlier versions, committed as a link.
  fs::create_symlink(dir + "/victim", dir + "/.out.txt.rolelint-tmp");
  const auto r = runRolelint({"check", "--no-config", "--output", "out.txt", "nover.json"}, dir);
  CHECK(r.exitCode == 0);
  CHECK(readFile(dir + "/victim") == "precious\n");
  CHECK(fs::is_regular_file(fs::symlink_status(dir + "/out.txt")));
  CHECK_THAT(readFile(dir + "/out.txt"), Contains("[RL101 missing-version]"));
  CHECK(entries(dir) == 4);  // nover.json, victim, the planted link, out.txt: no temporary file left
  fs::remove_all(dir);
}

TEST_CASE("security: --output that is a symbolic link is refused, its target untouched", "[security][writes]") {
  const std::string dir = tempDir("sec-out-link");
  writeFile(dir + "/nover.json", kNoVersion);
  writeFile(dir + "/victim", "precious\n");
  fs::create_symlink(dir + "/victim", dir + "/out.txt");
  const auto r = runRolelint({"check", "--no-config", "--output", "out.txt", "nover.json"}, dir);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Contains("out.txt is a symbolic link"));
  CHECK(readFile(dir + "/victim") == "precious\n");
  CHECK(fs::is_symlink(fs::symlink_status(dir + "/out.txt")));
  fs::remove_all(dir);
}

TEST_CASE("security: a FIFO given as --output is written through, not replaced", "[security][writes]") {
  const std::string dir = tempDir("sec-fifo");
  writeFile(dir + "/nover.json", kNoVersion);
  REQUIRE(::mkfifo((dir + "/pipe").c_str(), 0600) == 0);
  // A reader on the FIFO; if rolelint replaced it, the reader would give up after the timeout.
  const int rc = shell(dir, "timeout 30 cat pipe > got.txt & \"$ROLELINT\" check --no-config --output pipe "
                            "nover.json; rc=$?; wait; exit $rc");
  CHECK(rc == 0);
  struct stat st {};
  REQUIRE(::lstat((dir + "/pipe").c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK_THAT(readFile(dir + "/got.txt"), Contains("[RL101 missing-version]"));
  fs::remove_all(dir);
}

TEST_CASE("security: a failed write to stdout or --output exits 2 with a message", "[security][writes]") {
  const std::string dir = tempDir("sec-full");
  writeFile(dir + "/nover.json", kNoVersion);
  CHECK(shell(dir, "\"$ROLELINT\" check --no-config nover.json > /dev/full 2> err.txt") == 2);
  CHECK_THAT(readFile(dir + "/err.txt"), Contains("rolelint: cannot write to standard output"));
  CHECK(shell(dir, "\"$ROLELINT\" rules > /dev/full 2> err.txt") == 2);
  CHECK_THAT(readFile(dir + "/err.txt"), Contains("cannot write to standard output"));
  const auto r = runRolelint({"check", "--no-config", "--output", "/dev/full", "nover.json"}, dir);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Contains("cannot write /dev/full"));
  struct stat st {};
  REQUIRE(::lstat("/dev/full", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  fs::remove_all(dir);
}

TEST_CASE("security: --output keeps the mode of the file it replaces", "[security][writes]") {
  const std::string dir = tempDir("sec-mode");
  writeFile(dir + "/nover.json", kNoVersion);
  writeFile(dir + "/out.txt", "old\n");
  REQUIRE(::chmod((dir + "/out.txt").c_str(), 0640) == 0);
  CHECK(runRolelint({"check", "--no-config", "--output", "out.txt", "nover.json"}, dir).exitCode == 0);
  struct stat st {};
  REQUIRE(::stat((dir + "/out.txt").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK_THAT(readFile(dir + "/out.txt"), Contains("RL101"));
  fs::remove_all(dir);
}

// ---- Reads -----------------------------------------------------------------

namespace {
const char* kSecret = R"({"Version": "2012-10-17", "Statement": [{"Sid": "SECRETTOKEN", "Effect": "Allow",
  "Action": "s3:GetObject", "Resource": "*"}]})";
}  // namespace

TEST_CASE("security: the walk does not follow links out of the tree, it says so", "[security][reads]") {
  const std::string outside = tempDir("sec-walk-outside");
  writeFile(outside + "/secret.json", kSecret);
  writeFile(outside + "/dir/secret.json", kSecret);
  const std::string dir = tempDir("sec-walk");
  writeFile(dir + "/nover.json", kNoVersion);
  fs::create_symlink(outside + "/secret.json", dir + "/link.json");
  fs::create_symlink(outside + "/dir", dir + "/linkdir");
  // A link inside the tree is read where it points.
  fs::create_directories(dir + "/sub");
  writeFile(dir + "/sub/real.json", kNoVersion);
  fs::create_symlink("sub/real.json", dir + "/inside.json");
  const auto r = runRolelint({"check", "--no-config", "--select", "RL0,RL101", "--color", "never", "."}, dir);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("SECRETTOKEN") == std::string::npos);
  CHECK_THAT(r.out, Contains("link.json:1:1: note: skipped: a symbolic link that points outside the directory tree "
                             "being linted; links are not followed out of the tree [RL010 skipped-file]"));
  CHECK_THAT(r.out, Contains("linkdir:1:1: note: skipped: a symbolic link that points outside"));
  CHECK_THAT(r.out, Contains("inside.json:1:1: warning:"));
  CHECK_THAT(r.out, Contains("sub/real.json:1:1: warning:"));
  fs::remove_all(dir);
  fs::remove_all(outside);
}

TEST_CASE("security: an unreadable entry is an error naming it, the rest is linted", "[security][reads]") {
  const std::string dir = tempDir("sec-unreadable");
  writeFile(dir + "/nover.json", kNoVersion);
  fs::create_symlink("loop.json", dir + "/loop.json");  // a link to itself: cannot be followed
  const auto r = runRolelint({"check", "--no-config", "--color", "never", "."}, dir);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Contains("rolelint: loop.json: cannot follow the symbolic link"));
  CHECK_THAT(r.out, Contains("nover.json:1:1: warning:"));
  if (::geteuid() != 0) {  // root reads every directory
    fs::create_directories(dir + "/locked");
    writeFile(dir + "/locked/x.json", kNoVersion);
    fs::permissions(dir + "/locked", fs::perms::none);
    const auto l = runRolelint({"check", "--no-config", "--color", "never", "."}, dir);
    fs::permissions(dir + "/locked", fs::perms::owner_all);
    CHECK(l.exitCode == 2);
    CHECK_THAT(l.err, Contains("rolelint: locked: cannot read the directory"));
    CHECK_THAT(l.out, Contains("nover.json:1:1: warning:"));
  }
  fs::remove_all(dir);
}

TEST_CASE("security: file:// reads only regular files of bounded size inside the tree", "[security][reads]") {
  const std::string outside = tempDir("sec-ref-outside");
  writeFile(outside + "/secret.json", kSecret);
  const std::string dir = tempDir("sec-ref");
  REQUIRE(::mkfifo((dir + "/fifo.json").c_str(), 0600) == 0);
  fs::create_symlink(outside + "/secret.json", dir + "/escape.json");
  fs::create_symlink("/dev/zero", dir + "/zero.json");
  {
    // A sparse file just over the limit for referenced documents (16 MiB).
    writeFile(dir + "/big.json", "");
    fs::resize_file(dir + "/big.json", (16u << 20) + 1);
  }
  writeFile(dir + "/role.json", R"({"RoleName": "r", "AssumeRolePolicyDocument": "file://fifo.json",
  "Policies": [{"PolicyName": "a", "PolicyDocument": "file://escape.json"},
               {"PolicyName": "b", "PolicyDocument": "file://zero.json"},
               {"PolicyName": "c", "PolicyDocument": "file://big.json"}]})");
  const auto r = runRolelint({"check", "--no-config", "--select", "RL005,RL006", "--color", "never", "role.json"}, dir);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("SECRETTOKEN") == std::string::npos);
  CHECK_THAT(r.out, Contains("cannot read \"file://fifo.json\": not a regular file"));
  CHECK_THAT(r.out, Contains("\"file://escape.json\" points outside the directory tree"));
  CHECK_THAT(r.out, Contains("\"file://zero.json\" points outside the directory tree"));
  CHECK_THAT(r.out, Contains("cannot read \"file://big.json\": larger than the 16 MiB limit"));
  fs::remove_all(dir);
  fs::remove_all(outside);
}

TEST_CASE("security: the config's policies stay in its directory, FIFOs and devices are not read",
          "[security][reads]") {
  const std::string outside = tempDir("sec-pol-outside");
  writeFile(outside + "/boundary.json", kSecret);
  const std::string dir = tempDir("sec-pol");
  fs::create_directories(dir + "/.git");
  fs::create_symlink(outside + "/boundary.json", dir + "/link.json");
  REQUIRE(::mkfifo((dir + "/fifo.json").c_str(), 0600) == 0);
  writeFile(dir + "/.rolelint.json", R"({"policies": {
    "arn:aws:iam::111122223333:policy/Link": "link.json",
    "arn:aws:iam::111122223333:policy/Fifo": "fifo.json",
    "arn:aws:iam::111122223333:policy/Zero": "/dev/zero"}})");
  writeFile(dir + "/roles/role.json", R"({"RoleName": "r",
  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "mediaconvert.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
  "ManagedPolicyArns": ["arn:aws:iam::111122223333:policy/Link", "arn:aws:iam::111122223333:policy/Fifo"]})");
  const auto r = runRolelint({"check", "--select", "RL007,RL902", "--color", "never", "roles"}, dir);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("SECRETTOKEN") == std::string::npos);
  CHECK_THAT(r.out, Contains("must be a relative path inside the configuration file's directory [RL902"));
  CHECK_THAT(r.out, Contains("arn:aws:iam::111122223333:policy/Link"));
  CHECK_THAT(r.out, Contains("arn:aws:iam::111122223333:policy/Fifo"));
  fs::remove_all(dir);
  fs::remove_all(outside);
}

TEST_CASE("security: inputs over the size limit are refused without reading them", "[security][reads]") {
  const std::string dir = tempDir("sec-big");
  writeFile(dir + "/nover.json", kNoVersion);
  writeFile(dir + "/huge.json", "");
  fs::resize_file(dir + "/huge.json", (std::uintmax_t{1} << 30) + 1);  // sparse: no disk used
  const auto r = runRolelint({"check", "--no-config", "--color", "never", "huge.json", "nover.json"}, dir);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Contains("rolelint: huge.json: larger than the 1024 MiB limit"));
  CHECK_THAT(r.out, Contains("nover.json:1:1: warning:"));
  fs::remove_all(dir);
}

// ---- Configuration discovery -------------------------------------------------

TEST_CASE("security: config discovery stops at the top of the git work tree and says what it used",
          "[security][config]") {
  const std::string outer = tempDir("sec-discovery");
  writeFile(outer + "/.rolelint.json", R"({"rules": {"RL101": "off"}})");  // e.g. a shared /tmp or $HOME
  fs::create_directories(outer + "/checkout/.git");
  writeFile(outer + "/checkout/nover.json", kNoVersion);
  writeFile(outer + "/plain/nover.json", kNoVersion);
  const auto r = runRolelint({"check", "--color", "never", "nover.json"}, outer + "/checkout");
  CHECK_THAT(r.out, Contains("[RL101 missing-version]"));
  CHECK(r.err.find("using configuration") == std::string::npos);
  // Outside a git work tree the search goes on upward, and the run names the file.
  const auto p = runRolelint({"check", "--color", "never", "nover.json"}, outer + "/plain");
  CHECK(p.out.find("[RL101 missing-version]") == std::string::npos);
  CHECK_THAT(p.err, Contains("rolelint: using configuration " + fs::path(outer + "/.rolelint.json").generic_string()));
  // The checkout's own configuration applies.
  writeFile(outer + "/checkout/.rolelint.json", R"({"rules": {"RL101": "off"}})");
  const auto c = runRolelint({"check", "--color", "never", "nover.json"}, outer + "/checkout");
  CHECK(c.out.find("[RL101 missing-version]") == std::string::npos);
  CHECK_THAT(c.err, Contains("rolelint: using configuration .rolelint.json"));
  fs::remove_all(outer);
}

// ---- Output hygiene ------------------------------------------------------------

namespace {
bool anyLineStartsWith(const std::string& text, const std::string& prefix) {
  size_t at = 0;
  while (at < text.size()) {
    if (text.compare(at, prefix.size(), prefix) == 0) return true;
    const size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return false;
}
}  // namespace

TEST_CASE("security: input-derived strings are escaped in text and GitHub output", "[security][output]") {
  const std::string dir = tempDir("sec-escape");
  // An action with a newline, a workflow command and an ANSI escape, in a file whose name does too.
  const std::string policy = R"({"Statement": [{"Effect": "Allow",
  "Action": "s3:Get\n::error::pwned\u001b[2J", "Resource": "*"}]})";
  writeFile(dir + "/x\n::warning::name.json", policy);
  writeFile(dir + "/::error::start.json", policy);
  for (const char* format : {"text", "github"}) {
    const auto r = runRolelint({"check", "--no-config", "--select", "RL101,RL202", "--format", format, "--color", "never",
                                "."}, dir);
    INFO(format << "\n" << r.out);
    CHECK(r.exitCode == 0);  // warnings only
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK_FALSE(anyLineStartsWith(r.out, "::error::pwned"));
    CHECK_FALSE(anyLineStartsWith(r.out, "::warning::name"));
    CHECK_FALSE(anyLineStartsWith(r.out, "::error::start"));
    if (std::string(format) == "text") {
      CHECK_THAT(r.out, Contains("./::error::start.json:1:1:"));
      CHECK_THAT(r.out, Contains("x\\n::warning::name.json:1:1:"));
    } else {
      CHECK_THAT(r.out, Contains("file=x\\n%3A%3Awarning%3A%3Aname.json,"));
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("security: notifications on stderr are escaped", "[security][output]") {
  const auto r = runRolelint({"check", "--no-config", "missing\n::error::x.json"});
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Contains("rolelint: missing\\n::error::x.json: no such file or directory"));
  CHECK_FALSE(anyLineStartsWith(r.err, "::error"));
}

// ---- Bounded work ----------------------------------------------------------------

TEST_CASE("security: --jobs is clamped, a huge value runs as usual", "[security][bounded]") {
  const auto one = runRolelint({"check", "--no-config", "--jobs", "1", "examples"});
  const auto many = runRolelint({"check", "--no-config", "--jobs", "100000", "examples"});
  CHECK(many.exitCode == one.exitCode);
  CHECK(many.err == one.err);
  CHECK(many.out == one.out);
}

// ---- Never executes or fetches ---------------------------------------------------

TEST_CASE("security: no code path starts a process or opens a connection", "[security][structure]") {
  // The calls that would: process creation, shells, sockets. The test support
  // code (tests/) runs the binary and is not part of the product.
  const std::regex forbidden(R"(\b(system|popen|execl|execlp|execle|execv|execvp|execve|fork|vfork|posix_spawn|)"
                             R"(posix_spawnp|socket|connect|getaddrinfo|dlopen)\s*\()");
  size_t files = 0;
  for (const char* top : {"src", "rules"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(rolelint::test::sourceDir()) / top)) {
      const auto ext = e.path().extension();
      if (ext != ".cpp" && ext != ".h") continue;
      ++files;
      const std::string text = readFile(e.path().string());
      std::smatch m;
      INFO(e.path().string());
      CHECK_FALSE(std::regex_search(text, m, forbidden));
    }
  }
  CHECK(files > 100);
}
