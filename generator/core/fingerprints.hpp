// What each output was last built from, so the next build re-renders only
// the outputs whose inputs changed. Kept in <project>/.gpress/fingerprints.tsv
// (not output, not committed): one line per output, "path<TAB>hash".
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace gpress {

class Fingerprints {
 public:
  /// Reads the previous build's fingerprints; a missing or unreadable file
  /// means "nothing known", so everything is rendered.
  explicit Fingerprints(std::filesystem::path file);

  /// True when `path` was last built from inputs hashing to `hash`. Records
  /// `hash` as the path's fingerprint for this build either way.
  bool unchanged(const std::string& path, std::uint64_t hash);

  /// Writes this build's fingerprints (paths recorded since load), atomically.
  void save() const;

 private:
  std::filesystem::path file_;
  std::unordered_map<std::string, std::uint64_t> previous_;
  std::unordered_map<std::string, std::uint64_t> current_;
  mutable std::mutex mutex_;
};

}  // namespace gpress
