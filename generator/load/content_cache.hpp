// Parsed content files by path and content hash, so a build parses only the
// files whose bytes changed since the last one. `gpress serve` keeps one in
// memory between rebuilds; every build keeps one in
// <project>/.gpress/content/ (not output, not committed).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "model/content.hpp"

namespace gpress {

class ContentCache {
 public:
  struct Entry {
    std::uint64_t hash = 0;
    PageList::Ptr page;  ///< null when the file is too broken to use
    Diagnostics diags;
    /// The file as it was when read: while its stamp is the same, a build
    /// takes the entry without reading the file (core/fs.hpp, FileStamp).
    FileStamp stamp;
  };
  std::unordered_map<std::string, Entry> entries;
  /// The content files the last build found, sorted (not saved: a build
  /// that reads the cache from disk lists the folder itself).
  std::vector<std::string> files;
  /// Set by `serve`'s watcher: the files that changed since the entries were
  /// made. Other files with an entry are then not even read. Used once.
  std::optional<std::set<std::string>> known_changes;

  /// Notes that `path`'s entry was added, changed or dropped, so its part of
  /// the saved cache is written again.
  void changed(const std::string& path) { dirty_.insert(shard_of(path)); }
  bool changed() const { return !dirty_.empty(); }

  /// The cache saved by earlier builds in `folder`, its parts read on `jobs`
  /// threads. A part that is missing, damaged or written by another version
  /// of gpress is left out: its files are parsed again.
  static ContentCache read(const std::filesystem::path& folder, unsigned jobs);

  /// Saves the parts holding a changed entry, so an edit rewrites a small
  /// part of the cache, not all of it. Only files that parsed without any
  /// message are saved; the others are parsed each time, so their messages
  /// are always reported.
  void write(const std::filesystem::path& folder);

 private:
  static constexpr std::size_t kParts = 32;
  static std::size_t shard_of(const std::string& path);
  std::set<std::size_t> dirty_;
};

}  // namespace gpress
