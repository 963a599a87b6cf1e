// A progress line on stderr for long runs (audits of large dumps): shown only
// when stderr is a terminal and the run has taken more than a second, updated
// in place, and erased when the run ends, so that piped and CI output never
// contains it.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace rolelint::driver {

class Progress {
 public:
  // Draws on `out` every `interval` once `delay` has passed, if `enabled`.
  Progress(std::ostream& out, bool enabled, std::chrono::milliseconds delay = std::chrono::seconds(1),
           std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  ~Progress();  // stops and erases the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a phase: "reading" 0/total files, "checking" 0/total rules…
  void phase(std::string what, std::size_t total);
  // One more step of the current phase done (thread-safe).
  void step() { done_.fetch_add(1, std::memory_order_relaxed); }
  std::atomic<std::size_t>& counter() { return done_; }
  // Stops now (idempotent); erases the line if it was drawn.
  void stop();

  // The line drawn for a phase: "rolelint: checking 3/10 rules".
  static std::string line(const std::string& what, std::size_t done, std::size_t total);

 private:
  void run();
  std::ostream& out_;
  std::chrono::milliseconds delay_, interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool drawn_ = false;
  std::string what_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  std::thread thread_;
};

// Whether stderr is a terminal (then the progress line may be shown).
bool stderrIsTerminal();

}  // namespace rolelint::driver
