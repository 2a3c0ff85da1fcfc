// Waits for a project's sources to change, for `gpress serve`. With inotify
// an edit is seen the moment it is saved, and the watcher says which files
// changed, so a rebuild re-reads only those; without it (another kernel, or
// too many folders) it polls names, sizes and times and says "anything".
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace gpress {

class SourceWatcher {
 public:
  explicit SourceWatcher(std::filesystem::path project);
  ~SourceWatcher();
  SourceWatcher(const SourceWatcher&) = delete;
  SourceWatcher& operator=(const SourceWatcher&) = delete;

  /// Blocks until a source changes, then returns once the changes have
  /// settled. The result holds the changed paths relative to the project
  /// ("content/alpha/a.md"), or is nullopt when which files changed is not
  /// known. Returns an empty set if `running` turns false first.
  std::optional<std::set<std::string>> wait(const std::atomic<bool>& running);

 private:
  void watch_tree(const std::filesystem::path& dir);
  std::optional<std::set<std::string>> poll_for_change(const std::atomic<bool>& running);

  std::filesystem::path project_;
  int fd_ = -1;                      ///< inotify, or -1 when polling
  std::map<int, std::string> dirs_;  ///< watch -> folder relative to the project ("" for its root)
  std::string last_scan_;            ///< polling only
};

}  // namespace gpress
