// What each output was last built from, so the next build re-renders only
// the outputs whose inputs changed. Kept in <project>/.gpress/fingerprints.tsv
// (not output, not committed): one line per output,
// "path<TAB>hash<TAB>inputs".
//
// Two levels: `inputs` is a cheap key of the source files an output is made
// from, known before anything is assembled; `hash` is the hash of what the
// output shows (its template and context). An output whose inputs key is
// unchanged is kept without assembling it; one whose inputs changed is
// assembled, and written only if its hash changed too.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/sharded.hpp"

namespace gpress {

class Fingerprints {
 public:
  /// Reads the previous build's fingerprints; a missing or unreadable file
  /// means "nothing known", so everything is rendered.
  explicit Fingerprints(std::filesystem::path file);

  /// True when `path` was last built from inputs hashing to `hash`. Records
  /// `hash` (and `inputs`) as the path's fingerprint for this build either way.
  bool unchanged(const std::string& path, std::uint64_t hash, std::uint64_t inputs = 0);

  /// True when `path` was last built from the same `inputs` key (never for 0,
  /// "not known"); the previous fingerprint then carries over to this build.
  bool inputs_unchanged(const std::string& path, std::uint64_t inputs);

  /// Every output the previous build wrote (the manifest), in no set order.
  std::vector<const std::string*> previous_outputs() const;

  /// The inputs key `path` was last built from; 0 when not known.
  std::uint64_t previous_inputs(const std::string& path) const;

  /// Notes an output of this build, with the inputs key it was made from
  /// when that is known only for the output's product as a whole.
  void record_output(const std::string& path, std::uint64_t inputs = 0);
  /// Drops an output this build removed.
  void forget(const std::string& path);

  /// Writes this build's outputs and fingerprints, keeping those of outputs
  /// this build neither produced nor removed (other products'), atomically.
  void save() const;

 private:
  std::filesystem::path file_;
  struct Entry {
    std::uint64_t hash = 0;
    std::uint64_t inputs = 0;
  };
  struct Previous {
    Entry entry;
    /// Has an entry in current_ too: save() need not look for it there.
    mutable std::atomic<bool> recorded{false};
  };
  // Read only once loaded (but for `recorded`), so looked up without a lock.
  std::unordered_map<std::string, Previous> previous_;
  Sharded<std::unordered_map<std::string, Entry>> current_;
  Sharded<std::unordered_set<std::string>> forgotten_;
};

}  // namespace gpress
