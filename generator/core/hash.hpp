// Content hashes for incremental builds: an output is rebuilt when the hash
// of what it is made from changes, never because a file's time changed.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace gpress {

/// A 64-bit hash of `bytes` (the standard library's, which reads eight bytes
/// at a time). Stable from run to run; a different C++ library may hash
/// differently, which only means one full rebuild.
inline std::uint64_t hash_bytes(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

/// Folds `value` into `seed` (boost's hash_combine, widened to 64 bits).
constexpr std::uint64_t hash_combine(std::uint64_t seed, std::uint64_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

}  // namespace gpress
