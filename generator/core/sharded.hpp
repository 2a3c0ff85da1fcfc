// A container split into shards by key, each with its own lock, so the
// threads of a build that record ten thousand outputs side by side seldom
// wait for one another (one lock over the whole container made them queue).
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <string_view>

#include "core/hash.hpp"

namespace gpress {

template <typename Container, std::size_t kShards = 32>
class Sharded {
 public:
  /// Calls fn(container) for the shard that holds `key`, under its lock.
  template <typename Fn>
  decltype(auto) with(std::string_view key, Fn&& fn) {
    Shard& s = shards_[hash_bytes(key) % kShards];
    std::lock_guard lock(s.mutex);
    return fn(s.items);
  }
  template <typename Fn>
  decltype(auto) with(std::string_view key, Fn&& fn) const {
    const Shard& s = shards_[hash_bytes(key) % kShards];
    std::lock_guard lock(s.mutex);
    return fn(s.items);
  }

  /// Calls fn(container) for every shard in turn, each under its lock.
  template <typename Fn>
  void each(Fn&& fn) const {
    for (const Shard& s : shards_) {
      std::lock_guard lock(s.mutex);
      fn(s.items);
    }
  }

 private:
  struct Shard {
    mutable std::mutex mutex;
    Container items;
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace gpress
