// Times each stage of a build for its summary line ("load 0.83s, validate
// 1.21s, ...") and announces it in the log as it starts.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "build.hpp"

namespace gpress {

using BuildClock = std::chrono::steady_clock;

/// Seconds since `start`.
double seconds_since(BuildClock::time_point start);

class StageTimer {
 public:
  StageTimer(BuildReport& report, const std::function<void(const std::string&)>& log) : report_(report), log_(log) {}
  /// Runs `fn` as stage `stage` and returns what it returns. The time is
  /// recorded even when it throws.
  template <typename Fn>
  auto operator()(const std::string& stage, Fn&& fn) {
    const auto start = BuildClock::now();
    if (log_) log_(stage + "...");
    struct Record {
      BuildReport& report;
      const std::string& stage;
      BuildClock::time_point start;
      ~Record() { report.stages.push_back({stage, seconds_since(start)}); }
    } record{report_, stage, start};
    return fn();
  }
  /// A stage timed elsewhere (a product rendered on its own thread).
  void add(std::string stage, double seconds) { report_.stages.push_back({std::move(stage), seconds}); }

 private:
  BuildReport& report_;
  const std::function<void(const std::string&)>& log_;
};

}  // namespace gpress
