// core::startTask: work started on a thread of its own (std::async), or, when the
// system refuses another thread, work that runs on the thread that asks for its
// result (std::future::get). A run never fails for want of a thread.
#pragma once
#include <future>
#include <memory>
#include <system_error>

namespace rolelint::core {

template <typename F>
auto startTask(F f) {
  // Held apart from the attempt: a refused thread gives back no moved-from work.
  auto work = std::make_shared<F>(std::move(f));
  auto call = [work] { return (*work)(); };
  try {
    return std::async(std::launch::async, call);
  } catch (const std::system_error&) {
    return std::async(std::launch::deferred, call);
  }
}

}  // namespace rolelint::core
