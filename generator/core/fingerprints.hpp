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
#include <vector>

namespace gpress {

class Fingerprints {
 public:
  /// Reads the previous build's fingerprints; a missing or unreadable file
  /// means "nothing known", so everything is rendered.
  explicit Fingerprints(std::filesystem::path file);

  /// True when `path` was last built from inputs hashing to `hash`. Records
  /// `hash` as the path's fingerprint for this build either way.
  bool unchanged(const std::string& path, std::uint64_t hash);

  /// Every output the previous build wrote (the manifest), sorted.
  std::vector<std::string> previous_outputs() const;

  /// Notes an output of this build that has no fingerprint of its own.
  void record_output(const std::string& path);
  /// Drops an output this build removed.
  void forget(const std::string& path);

  /// Writes this build's outputs and fingerprints, keeping those of outputs
  /// this build neither produced nor removed (other products'), atomically.
  void save() const;

 private:
  std::filesystem::path file_;
  std::unordered_map<std::string, std::uint64_t> previous_;
  std::unordered_map<std::string, std::uint64_t> current_;
  std::unordered_map<std::string, bool> forgotten_;
  mutable std::mutex mutex_;
};

}  // namespace gpress
