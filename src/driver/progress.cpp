#include "driver/progress.h"

#include <unistd.h>

namespace rolelint::driver {

bool stderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }

Progress::Progress(std::ostream& out, bool enabled, std::chrono::milliseconds delay, std::chrono::milliseconds interval)
    : out_(out), delay_(delay), interval_(interval) {
  if (enabled) thread_ = std::thread([this] { run(); });
}

Progress::~Progress() { stop(); }

void Progress::phase(std::string what, std::size_t total) {
  std::lock_guard<std::mutex> lock(mu_);
  what_ = std::move(what);
  total_ = total;
  done_.store(0, std::memory_order_relaxed);
}

std::string Progress::line(const std::string& what, std::size_t done, std::size_t total) {
  std::string s = "rolelint: " + what;
  if (total > 1) s += " " + std::to_string(done < total ? done : total) + "/" + std::to_string(total);
  return s;
}

void Progress::run() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    if (std::chrono::steady_clock::now() - start < delay_ || what_.empty()) continue;
    // \r and "erase to end of line": redraw in place.
    out_ << "\r\x1b[K" << line(what_, done_.load(std::memory_order_relaxed), total_) << std::flush;
    drawn_ = true;
  }
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
}

void Progress::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rolelint::driver
