// Runs independent work across cores. Results land in caller-owned slots by
// index, so output order never depends on scheduling and `--jobs 1` and
// `--jobs N` give the same bytes.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace gpress {

/// Worker count for `--jobs 0` (all cores).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls fn(i) for every i in [0, n) on up to `jobs` threads. The first
/// exception thrown is rethrown on the calling thread after all workers stop.
template <typename Fn>
void parallel_for(std::size_t n, unsigned jobs, Fn&& fn) {
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = n;  // stop handing out work
      }
    }
  };
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  std::vector<std::thread> threads;
  threads.reserve(count - 1);
  for (unsigned t = 1; t < count; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace gpress
