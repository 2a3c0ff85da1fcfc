// Parsed content files by path and content hash, so a build parses only the
// files whose bytes changed since the last one. `gpress serve` keeps one in
// memory between rebuilds; every build keeps one in
// <project>/.gpress/content.cache (not output, not committed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/error.hpp"
#include "model/content.hpp"

namespace gpress {

class ContentCache {
 public:
  struct Entry {
    std::uint64_t hash = 0;
    std::optional<Page> page;
    Diagnostics diags;
  };
  std::map<std::string, Entry> entries;
  /// True once entries differ from what was read: the cache is worth saving.
  bool changed = false;
  /// Set by `serve`'s watcher: the files that changed since the entries were
  /// made. Other files with an entry are then not even read. Used once.
  std::optional<std::set<std::string>> known_changes;

  /// The cache saved by an earlier build; empty when there is none, or when
  /// it was written by another version of gpress or is damaged.
  static ContentCache read(const std::filesystem::path& file);

  /// Saves the files that parsed without any message; the others are parsed
  /// again each time, so their messages are always reported.
  void write(const std::filesystem::path& file) const;
};

}  // namespace gpress
