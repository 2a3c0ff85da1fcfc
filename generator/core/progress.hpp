// Progress of a long stage, for the terminal. Workers call step() from any
// thread; the callback runs at most every 100 ms, and once more at the end.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace gpress {

/// (what, done, total), e.g. ("data packs", 1200, 6340).
using ProgressFn = std::function<void(const std::string&, std::size_t, std::size_t)>;

class Progress {
 public:
  Progress(ProgressFn fn, std::string what, std::size_t total)
      : fn_(std::move(fn)), what_(std::move(what)), total_(total) {}
  ~Progress() {
    if (fn_) fn_(what_, done_.load(), total_);
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void step() {
    const std::size_t done = ++done_;
    if (!fn_) return;
    const auto now = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock || now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    fn_(what_, done, total_);
  }

 private:
  ProgressFn fn_;
  std::string what_;
  std::size_t total_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace gpress
