// File input and the one sink every output goes through.
//
// Outputs are never written in place. A build writes each output root (site/,
// private/practices/, ...) into a staging folder beside it and, once every
// product has been rendered without error, swaps the staging folder in with a
// single rename. A failed build therefore leaves the previous output
// byte-identical, and a reader never sees a half-written site.
#pragma once

#include <filesystem>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gpress {

namespace fs = std::filesystem;

/// Whole file as bytes; throws InternalError if it cannot be read.
std::string read_file(const fs::path& path);

/// Writes `bytes` to `path` through a temporary file and rename, creating
/// parent folders. Throws InternalError on failure.
void write_file_atomic(const fs::path& path, std::string_view bytes);

/// True when `relative` is a plain relative path that stays inside its root:
/// no `..`, no absolute part, no empty or hidden components.
bool is_safe_relative_path(std::string_view relative);

/// Where rendered files go. Paths are relative to the project's output area,
/// e.g. "site/index.html" or "private/practices/A81001/data-pack.html".
/// Implementations are safe to call from several threads.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void write(const std::string& relative, std::string_view bytes) = 0;
  /// Keeps the previous build's file at `relative` as it is, when its inputs
  /// have not changed. Returns false when there is none to keep: the caller
  /// then renders and writes it.
  virtual bool reuse(const std::string& /*relative*/) { return false; }
  /// Files whose bytes changed (or are new) and files left as they were.
  virtual std::size_t files_changed() const { return 0; }
  virtual std::size_t files_unchanged() const { return 0; }
};

/// Keeps outputs in memory: for tests and for `gpress check`.
class MemorySink : public OutputSink {
 public:
  void write(const std::string& relative, std::string_view bytes) override;
  /// Snapshot of everything written, by path.
  std::map<std::string, std::string> files() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
};

/// Writes outputs into staging folders beside their roots and swaps them in on
/// commit(). Destroying an uncommitted StagedDiskSink removes the staging
/// folders, leaving the previous output untouched.
class StagedDiskSink : public OutputSink {
 public:
  /// `base` is the project folder; `roots` are the output folders this build
  /// replaces whole, relative to base (e.g. "site", "private/practices").
  StagedDiskSink(fs::path base, std::vector<std::string> roots);
  ~StagedDiskSink() override;
  StagedDiskSink(const StagedDiskSink&) = delete;
  StagedDiskSink& operator=(const StagedDiskSink&) = delete;

  /// Writes into the staging folder; when the live file already holds these
  /// exact bytes it is linked instead, so an unchanged output keeps its
  /// identity (inode and time) across builds.
  void write(const std::string& relative, std::string_view bytes) override;
  bool reuse(const std::string& relative) override;
  std::size_t files_changed() const override;
  std::size_t files_unchanged() const override;

  /// The staging folder that stands in for `root` until commit.
  fs::path staging_dir(const std::string& root) const;

  /// Hard-links (or copies) the current files of `root` that `keep` accepts
  /// into its staging folder, so a build of one product keeps another's files
  /// that share the folder.
  template <typename Predicate>
  void carry_over(const std::string& root, Predicate keep);

  /// Swaps every staging folder in for its root.
  void commit();

 private:
  const std::string& root_of(const std::string& relative) const;
  void carry_over_file(const fs::path& from, const fs::path& to);

  fs::path base_;
  std::vector<std::string> roots_;
  bool committed_ = false;
  std::atomic<std::size_t> changed_{0};
  std::atomic<std::size_t> unchanged_{0};
};

/// Writes changed files straight into the live output folders, for `gpress
/// serve`, where a rebuild must land in milliseconds and a half-finished
/// state is harmless. commit() removes files this build did not produce.
class InPlaceDiskSink : public OutputSink {
 public:
  /// `keep_prefixes`: paths under these prefixes survive commit() untouched
  /// (the search index, which serve does not rebuild on every change).
  InPlaceDiskSink(fs::path base, std::vector<std::string> roots, std::vector<std::string> keep_prefixes);
  void write(const std::string& relative, std::string_view bytes) override;
  bool reuse(const std::string& relative) override;
  std::size_t files_changed() const override { return changed_; }
  std::size_t files_unchanged() const override { return unchanged_; }
  void commit();

 private:
  void touch(const std::string& relative);
  fs::path base_;
  std::vector<std::string> roots_, keep_prefixes_;
  std::mutex mutex_;
  std::set<std::string> touched_;
  std::atomic<std::size_t> changed_{0};
  std::atomic<std::size_t> unchanged_{0};
};

template <typename Predicate>
void StagedDiskSink::carry_over(const std::string& root, Predicate keep) {
  const fs::path live = base_ / root;
  if (!fs::is_directory(live)) return;
  for (const auto& entry : fs::recursive_directory_iterator(live)) {
    if (!entry.is_regular_file()) continue;
    const fs::path rel = fs::relative(entry.path(), live);
    if (keep(rel.generic_string())) carry_over_file(entry.path(), staging_dir(root) / rel);
  }
}

}  // namespace gpress
