#pragma once
// Work handed to the UI thread. The network thread posts; the UI loop drains once per turn, so the
// App is only ever called on the UI thread. An item may carry a time before which it must not run
// (the debug panel's added latency); items still run in the order they were posted.
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace baton::desktop {

class RunQueue {
 public:
  using Clock = std::chrono::steady_clock;

  // Called after each post, from the posting thread (the runner wakes its loop: glfwPostEmptyEvent).
  void set_wake(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
  }

  void post(std::function<void()> work, Clock::time_point not_before = {}) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      items_.push_back({not_before, std::move(work)});
      wake = wake_;
    }
    if (wake) wake();
  }

  // Runs what is due, in order; stops at the first item that is not due yet. Returns how many ran.
  int drain(Clock::time_point now = Clock::now()) {
    int ran = 0;
    for (;;) {
      std::function<void()> work;
      {
        std::lock_guard lock(mutex_);
        if (items_.empty() || items_.front().not_before > now) break;
        work = std::move(items_.front().work);
        items_.pop_front();
      }
      work();  // outside the lock: work may post more
      ++ran;
    }
    return ran;
  }

  // When the first waiting item becomes due (none: nothing is waiting).
  std::optional<Clock::time_point> next_due() const {
    std::lock_guard lock(mutex_);
    if (items_.empty()) return std::nullopt;
    return items_.front().not_before;
  }

 private:
  struct Item {
    Clock::time_point not_before;
    std::function<void()> work;
  };
  mutable std::mutex mutex_;
  std::deque<Item> items_;
  std::function<void()> wake_;
};

}  // namespace baton::desktop
