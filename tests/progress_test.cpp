// The progress line of long runs (driver/progress.h): drawn only when enabled and
// after the delay, redrawn in place, erased at the end.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <thread>

#include "driver/progress.h"

using rolelint::driver::Progress;
using namespace std::chrono_literals;

TEST_CASE("progress: the line names the phase and the count", "[progress]") {
  CHECK(Progress::line("checking files", 3, 10) == "rolelint: checking files 3/10");
  CHECK(Progress::line("reading dump.json", 0, 1) == "rolelint: reading dump.json");
  CHECK(Progress::line("checking files", 12, 10) == "rolelint: checking files 10/10");
}

TEST_CASE("progress: drawn after the delay, erased when stopped", "[progress]") {
  std::ostringstream out;
  {
    Progress p(out, true, 0ms, 2ms);
    p.phase("checking files", 10);
    p.step();
    p.step();
    p.step();
    std::this_thread::sleep_for(60ms);
    p.stop();
  }
  const std::string s = out.str();
  CHECK(s.find("\r\x1b[Krolelint: checking files 3/10") != std::string::npos);
  REQUIRE(s.size() >= 4);
  CHECK(s.substr(s.size() - 4) == "\r\x1b[K");
}

TEST_CASE("progress: nothing when disabled or when the run ends before the delay", "[progress]") {
  std::ostringstream off;
  {
    Progress p(off, false, 0ms, 1ms);
    p.phase("checking files", 2);
    std::this_thread::sleep_for(20ms);
  }
  CHECK(off.str().empty());
  std::ostringstream quick;
  {
    Progress p(quick, true, 10s, 1ms);
    p.phase("checking files", 2);
    std::this_thread::sleep_for(20ms);
  }
  CHECK(quick.str().empty());
}
