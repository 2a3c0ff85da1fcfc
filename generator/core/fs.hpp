// File input and the one sink every output goes through.
//
// Outputs are never written in place while a build runs. Changed files go to
// a staging folder beside each output root (site/, private/practices/, ...)
// and are renamed into place, file by file, only after every product has
// rendered without error. A failed build therefore leaves the previous output
// byte-identical, and each file changes in one step.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/sharded.hpp"

namespace gpress {

namespace fs = std::filesystem;

/// Whole file as bytes; throws InternalError if it cannot be read.
std::string read_file(const fs::path& path);

/// A file's bytes, mapped read-only rather than copied into memory, and
/// unmapped when the last holder lets go; read into memory where the file
/// system cannot map files. Only for files that are replaced by renaming a new
/// file over them (write_file_atomic), never rewritten in place: a mapped file
/// keeps the bytes it had when opened, and one cut short under a reader would
/// fault it.
class MappedFile {
 public:
  /// Null when the file is missing or cannot be read.
  static std::shared_ptr<const MappedFile> open(const fs::path& path);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  std::string_view bytes() const { return bytes_; }

 private:
  MappedFile() = default;
  void* mapped_ = nullptr;
  std::string read_;  ///< the bytes, where they could not be mapped
  std::string_view bytes_;
};

/// Writes `bytes` to `path` through a temporary file (`path`.tmp<pid>, never
/// through a link) and rename, creating parent folders. Throws InternalError
/// naming the file and the system's reason ("No space left on device").
void write_file_atomic(const fs::path& path, std::string_view bytes);

/// What the file system says of a file's identity and last change. Any write
/// to a file moves its change time (ctime), which no program can set back, so
/// an unchanged stamp means unchanged bytes: a build need not read the file
/// again to hash it. The decision to rebuild is still made on content hashes.
struct FileStamp {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;
  /// False for a file that could not be looked at, or was written too
  /// recently for its stamp to be trusted (see stamp_of).
  bool known() const { return inode != 0; }
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// `path`'s stamp; an unknown one when it cannot be read, or when it changed
/// in the last two seconds: a write in the same tick of the file system's
/// clock as the one seen would leave the stamp as it was.
FileStamp stamp_of(const fs::path& path);

/// Hash of every file under `folder`, by relative path and bytes; 0 when
/// there is no such folder.
std::uint64_t hash_folder(const fs::path& folder);

/// True when `file` (under `project`) is a symbolic link to something outside
/// the project folder.
bool links_outside(const fs::path& project, const fs::path& file);

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
  /// Files whose bytes changed (or are new), and files left as they were.
  virtual std::size_t files_changed() const { return 0; }
  virtual std::size_t files_unchanged() const { return 0; }
  /// An empty folder in `root`'s staging area, for a tool run after the
  /// outputs moved into place to write into; and the step that puts it at
  /// `relative` as part of the same commit. Only sinks on disk have them.
  virtual fs::path scratch_folder(const std::string& root, const std::string& name);
  virtual void replace_folder(const std::string& relative, const fs::path& built);
};

/// Keeps outputs in memory, for tests.
class MemorySink : public OutputSink {
 public:
  void write(const std::string& relative, std::string_view bytes) override;
  /// Snapshot of everything written, by path.
  std::map<std::string, std::string> files() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
};

/// Writes a build's changed outputs into staging folders beside their roots
/// and moves them into place only when the whole build has succeeded: a
/// failed build leaves the previous output byte-identical. Outputs whose
/// bytes did not change are never touched, so a rebuild after one edit costs
/// one file, and unchanged files keep their identity (inode and time).
///
/// The move is one transaction across every root: each step is recorded, and
/// when one fails (a read-only folder, a full disk) or a tool run after it
/// fails, every step is undone. Staging sits beside each root, or inside it
/// when the root is a mount point, so every move stays on one file system.
/// Output roots are gpress's own: a symbolic link in or above one is refused
/// before anything is written, so nothing is written or removed outside them.
class StagedDiskSink : public OutputSink {
 public:
  /// `base` is the project folder; `roots` are the output folders this build
  /// writes into (e.g. "site", "private/practices"); `owned` says which
  /// existing files this build is responsible for: those it does not produce
  /// again are removed on commit, the rest are left alone. Throws InputError
  /// for a symbolic link in or above a root.
  StagedDiskSink(fs::path base, std::vector<std::string> roots, std::function<bool(const std::string&)> owned);
  /// Undoes a commit that was not finished.
  ~StagedDiskSink() override;
  StagedDiskSink(const StagedDiskSink&) = delete;
  StagedDiskSink& operator=(const StagedDiskSink&) = delete;

  void write(const std::string& relative, std::string_view bytes) override;
  bool reuse(const std::string& relative) override;
  /// With `trusted`, reuse() takes the previous build's file to be there as
  /// it was left instead of checking (for a server that wrote it itself).
  void trust_kept_outputs(bool trusted) { trust_kept_ = trusted; }
  std::size_t files_changed() const override { return changed_.size(); }
  std::size_t files_unchanged() const override { return unchanged_; }
  /// Files removed by commit() because this build no longer produces them.
  std::size_t files_removed() const { return removed_.size(); }
  const std::vector<std::string>& removed() const { return removed_; }

  /// Every path this build produced, written or kept, in no set order
  /// (pointing into the sink: valid while it lives).
  std::vector<const std::string*> produced() const;

  /// Moves the staged files into place, then moves aside owned files this
  /// build did not produce: those listed in `previous_outputs` (the last
  /// build's manifest) or, when that is empty, any found under the roots.
  /// Before anything moves, an output that needs a folder where another
  /// output is a file is an InputError. When a move fails, the ones before it
  /// are undone and InternalError says what failed.
  void commit(const std::vector<const std::string*>& previous_outputs);
  /// An empty folder in `root`'s staging area (on the root's file system) for
  /// a tool to write into after commit().
  fs::path scratch_folder(const std::string& root, const std::string& name) override;
  /// Puts the folder `built` (from scratch_folder) at `relative`, replacing
  /// what is there, as one more step of the commit.
  void replace_folder(const std::string& relative, const fs::path& built) override;
  /// Ends the commit: it can no longer be undone, and what it replaced or
  /// removed is deleted with the staging folders.
  void finish();
  /// Undoes every step of the commit, last first. Returns what could not be
  /// put back (empty when the previous output is whole again).
  std::string rollback();

 private:
  /// One step of the commit, and how to undo it.
  struct Step {
    enum class Kind { kMoved, kExchanged, kMadeFolder } kind;
    fs::path from, to;
  };
  /// The output folder `relative` is in; null (find_root) or InternalError
  /// (root_of) when it is in none of this build's.
  const std::string* find_root(const std::string& relative) const;
  const std::string& root_of(const std::string& relative) const;
  bool is_fresh(const std::string& root) const;
  const fs::path& staging_dir(const std::string& root) const;
  void record(const std::string& relative, std::string staged);
  void check_outputs_fit() const;
  /// Opens an output by its path from the project, refusing (InputError) a
  /// link on the way; -1 when it is not there.
  int open_output(const std::string& relative, int flags) const;
  /// Refuses a link at or above `relative`, up to the project folder.
  void check_no_links(const std::string& relative) const;
  void move_into_place(const fs::path& from, const fs::path& to);
  void make_folders(const fs::path& folder);
  void move_aside(const std::string& relative);

  fs::path base_;
  std::vector<std::string> roots_;
  std::vector<fs::path> staging_;  ///< each root's staging folder, by index in roots_
  std::function<bool(const std::string&)> owned_;
  int base_fd_ = -1;  ///< the project folder, so kept outputs are looked up by their short relative path
  bool trust_kept_ = false;
  mutable std::mutex mutex_;                              ///< for changed_ and real_folders_
  mutable std::unordered_set<std::string> real_folders_;  ///< output folders seen not to be links
  Sharded<std::unordered_set<std::string>> produced_;
  /// (output path, its file in the staging folder). Staged files sit flat in
  /// one folder per root, numbered: folders are costly to create and remove
  /// on some disks, and the live tree already has most of them.
  std::vector<std::pair<std::string, std::string>> changed_;
  /// Roots with no output yet (a first or clean build). Their staging folder
  /// is laid out as the final tree and renamed into place whole, one rename
  /// instead of one per file.
  std::vector<std::string> fresh_roots_;
  std::atomic<std::size_t> next_staged_{0};
  std::vector<std::string> removed_;
  std::atomic<std::size_t> unchanged_{0};
  std::vector<Step> steps_;  ///< the commit so far
  bool committing_ = false;  ///< between commit() and finish()
};

}  // namespace gpress
