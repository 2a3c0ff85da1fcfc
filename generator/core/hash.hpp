// Content hashes for incremental builds: an output is rebuilt when the hash
// of what it is made from changes, never because a file's time changed.
#pragma once

#include <cstdint>
#include <string_view>

namespace gpress {

/// 64-bit FNV-1a of `bytes`: fast, stable across runs and machines.
constexpr std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL) {
  std::uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Folds `value` into `seed` (boost's hash_combine, widened to 64 bits).
constexpr std::uint64_t hash_combine(std::uint64_t seed, std::uint64_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

}  // namespace gpress
