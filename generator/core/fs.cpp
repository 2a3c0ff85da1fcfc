#include "core/fs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"

namespace gpress {

// Plain POSIX calls: a build reads every content file each time (to hash
// it), and iostreams cost several times the read itself on small files.
std::string read_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InternalError(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  struct stat st {};
  // One byte over the size, so the read that meets the end needs no growth.
  std::string out(::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) + 1 : 4096, '\0');
  std::size_t have = 0;
  for (;;) {
    if (have == out.size()) out.resize(out.size() * 2);
    const ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      throw InternalError(fmt::format("{}: cannot read: {}", path.string(), std::strerror(error)));
    }
    have += static_cast<std::size_t>(n);
  }
  out.resize(have);
  ::close(fd);
  return out;
}

std::shared_ptr<const MappedFile> MappedFile::open(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  std::shared_ptr<MappedFile> file(new MappedFile);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data != MAP_FAILED) {
      file->mapped_ = data;
      file->bytes_ = {static_cast<const char*>(data), size};
    }
  }
  ::close(fd);           // a mapping keeps the file
  if (!file->mapped_) {  // empty, or on a file system that cannot map files
    try {
      file->read_ = read_file(path);
    } catch (const InternalError&) {
      return nullptr;
    }
    file->bytes_ = file->read_;
  }
  return file;
}

MappedFile::~MappedFile() {
  if (mapped_) ::munmap(mapped_, bytes_.size());
}

namespace {

// All of `bytes` to `fd`; false (with errno set) when the disk refuses some.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

[[noreturn]] void cannot_write(const fs::path& path, int error) {
  throw InternalError(fmt::format("{}: cannot write: {}", path.string(), std::strerror(error)));
}

// Writes a new file at `path`, never through a link. Returns 0, or the
// system's error; a file cut short (by a full disk) is removed.
int write_new(const fs::path& path, std::string_view bytes, int flags) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | flags, 0666);
  if (fd < 0) return errno;
  int error = write_all(fd, bytes) ? 0 : errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) ::unlink(path.c_str());
  return error;
}

}  // namespace

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw InternalError(fmt::format("{}: cannot create folder: {}", path.parent_path().string(), ec.message()));
  fs::path tmp = path;
  tmp += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  ::unlink(tmp.c_str());  // one this process left behind
  if (const int error = write_new(tmp, bytes, O_EXCL)) cannot_write(path, error);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    throw InternalError(fmt::format("{}: cannot rename into place: {}", path.string(), std::strerror(error)));
  }
}

FileStamp stamp_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  const auto ns = [](const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec; };
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  if (ns(now) - ns(st.st_ctim) < 2'000'000'000) return {};
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim)};
}

std::uint64_t hash_folder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(folder, ec); it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path().generic_string());
  std::sort(files.begin(), files.end());
  std::uint64_t h = files.size();
  for (const auto& f : files)
    h = hash_combine(hash_combine(h, hash_bytes(std::string_view(f).substr(folder.generic_string().size()))),
                     hash_bytes(read_file(f)));
  return h;
}

namespace {

// Staging is private to the build, so a file goes straight to its final name
// there: no temporary and rename, which on a slow disk costs as much as the
// write itself. The folder is created only when the first try says it is
// missing. Messages name the output, and the staged file it was going to.
void write_new_file(const fs::path& path, std::string_view bytes, const std::string& output) {
  int error = write_new(path, bytes, O_TRUNC);
  if (error == ENOENT) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    error = ec ? ec.value() : write_new(path, bytes, O_TRUNC);
  }
  if (error) cannot_write(fmt::format("{} (staged at {})", output, path.string()), error);
}

}  // namespace

bool is_safe_relative_path(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view part = relative.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.find('\\') != std::string_view::npos ||
        part.find('\0') != std::string_view::npos)
      return false;
    start = end + 1;
  }
  return true;
}

fs::path OutputSink::scratch_folder(const std::string& root, const std::string&) {
  throw InternalError("no folder on disk for a tool's output in " + root);
}

void OutputSink::replace_folder(const std::string& relative, const fs::path&) {
  throw InternalError("no folder on disk for a tool's output at " + relative);
}

void MemorySink::write(const std::string& relative, std::string_view bytes) {
  if (!is_safe_relative_path(relative))
    throw InternalError("refusing to write outside the output folders: " + relative);
  std::lock_guard lock(mutex_);
  files_[relative] = std::string(bytes);
}

std::map<std::string, std::string> MemorySink::files() const {
  std::lock_guard lock(mutex_);
  return files_;
}

namespace {

// Whether the file open at `fd` (which this closes) holds `bytes`.
bool same_bytes(int fd, std::string_view bytes) {
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) == bytes.size();
  if (same) {
    std::string existing(bytes.size(), '\0');
    std::size_t have = 0;
    while (have < existing.size()) {
      const ssize_t n = ::read(fd, existing.data() + have, existing.size() - have);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      have += static_cast<std::size_t>(n);
    }
    same = have == existing.size() && existing == bytes;
  }
  ::close(fd);
  return same;
}

// A root's staging folder when the root is a mount point: inside it, hidden,
// so that renames stay on its file system.
constexpr const char* kInnerStaging = ".gpress-staging";

[[noreturn]] void refuse_link(const std::string& relative) {
  throw InputError({relative},
                   "is a symbolic link: gpress writes its output folders itself and follows no link it "
                   "did not make; replace it with a folder, or delete it for the next build to write again");
}

}  // namespace

bool links_outside(const fs::path& project, const fs::path& file) {
  std::error_code ec, ec_project;
  if (!fs::is_symlink(file, ec)) return false;
  const fs::path target = fs::weakly_canonical(file, ec);
  const fs::path inside = fs::weakly_canonical(project, ec_project);
  if (ec || ec_project) return true;  // cannot tell where it leads: not published
  const auto [end, ignored] = std::mismatch(inside.begin(), inside.end(), target.begin(), target.end());
  return end != inside.end();
}

StagedDiskSink::StagedDiskSink(fs::path base, std::vector<std::string> roots,
                               std::function<bool(const std::string&)> owned)
    : base_(std::move(base)), roots_(std::move(roots)), owned_(std::move(owned)) {
  base_fd_ = ::open(base_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  for (const auto& root : roots_) {
    // Every folder from the project down to the root is a real folder.
    struct stat st {};
    struct stat parent {};
    bool exists = false;
    for (std::size_t end = root.find('/');; end = root.find('/', end + 1)) {
      const std::string part = root.substr(0, end);
      parent = st;
      exists = ::lstat((base_ / part).c_str(), &st) == 0;
      if (exists && S_ISLNK(st.st_mode)) refuse_link(part);
      if (exists && !S_ISDIR(st.st_mode)) throw InputError({part}, "is not a folder: gpress writes its output there");
      if (!exists || end == std::string::npos) break;
    }
    if (!exists) {
      fresh_roots_.push_back(root);
    } else if (root.find('/') == std::string::npos) {
      ::stat(base_.c_str(), &parent);
    }
    fs::path staging = base_ / root;
    if (exists && st.st_dev != parent.st_dev) staging /= kInnerStaging;
    else staging += ".staging";
    std::error_code ec;
    fs::remove_all(staging, ec);  // left by a build that was killed
    staging_.push_back(std::move(staging));
  }
}

StagedDiskSink::~StagedDiskSink() {
  if (committing_) rollback();
  if (base_fd_ >= 0) ::close(base_fd_);
  for (const auto& staging : staging_) {
    std::error_code ec;
    fs::remove_all(staging, ec);
  }
}

const fs::path& StagedDiskSink::staging_dir(const std::string& root) const {
  const auto at = std::find(roots_.begin(), roots_.end(), root);
  return staging_[static_cast<std::size_t>(at - roots_.begin())];
}

const std::string* StagedDiskSink::find_root(const std::string& relative) const {
  for (const auto& root : roots_) {
    if (relative.size() > root.size() && relative.compare(0, root.size(), root) == 0 && relative[root.size()] == '/')
      return &root;
  }
  return nullptr;
}

const std::string& StagedDiskSink::root_of(const std::string& relative) const {
  if (const std::string* root = find_root(relative)) return *root;
  throw InternalError("output outside this build's folders: " + relative);
}

bool StagedDiskSink::is_fresh(const std::string& root) const {
  return std::find(fresh_roots_.begin(), fresh_roots_.end(), root) != fresh_roots_.end();
}

// `staged` is empty for an output kept as it was.
void StagedDiskSink::record(const std::string& relative, std::string staged) {
  if (!produced_.with(relative, [&](auto& produced) { return produced.insert(relative).second; }))
    throw InternalError("two outputs at the same path: " + relative);
  if (staged.empty()) {
    ++unchanged_;
    return;
  }
  std::lock_guard lock(mutex_);
  changed_.emplace_back(relative, std::move(staged));
}

void StagedDiskSink::write(const std::string& relative, std::string_view bytes) {
  if (!is_safe_relative_path(relative))
    throw InternalError("refusing to write outside the output folders: " + relative);
  const std::string& root = root_of(relative);
  if (is_fresh(root)) {
    std::string staged = (staging_dir(root) / std::string_view(relative).substr(root.size() + 1)).string();
    write_new_file(staged, bytes, relative);
    record(relative, std::move(staged));
    return;
  }
  if (same_bytes(open_output(relative, O_RDONLY), bytes)) {
    record(relative, {});
    return;
  }
  std::string staged = (staging_dir(root) / std::to_string(next_staged_++)).string();
  write_new_file(staged, bytes, relative);
  record(relative, std::move(staged));
}

bool StagedDiskSink::reuse(const std::string& relative) {
  if (!is_safe_relative_path(relative)) return false;
  const std::string& root = root_of(relative);  // throws for a path outside this build's folders
  // Looked up from the project folder: std::filesystem's status, or a walk
  // down the whole absolute path, costs several times more.
  // A root that is gone (deleted while serving) holds nothing to trust.
  if (!trust_kept_ || is_fresh(root)) {
    const int fd = open_output(relative, O_PATH);
    struct stat st {};
    const bool found = fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (fd >= 0) ::close(fd);
    if (!found) return false;
  }
  record(relative, {});
  return true;
}

std::vector<const std::string*> StagedDiskSink::produced() const {
  std::vector<const std::string*> out;
  produced_.each([&](const auto& produced) {
    for (const auto& path : produced) out.push_back(&path);
  });
  return out;
}

// The kernel resolves the path without following any link, and says so
// (ELOOP) when it meets one: then the link is found and refused.
int StagedDiskSink::open_output(const std::string& relative, int flags) const {
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags | O_NOFOLLOW | O_CLOEXEC);
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
  const int fd = static_cast<int>(::syscall(SYS_openat2, base_fd_, relative.c_str(), &how, sizeof how));
  const int error = errno;
  if (fd >= 0 || error == ENOENT) return fd;
  if (error == ELOOP) check_no_links(relative);
  if (error == ENOSYS) return ::openat(base_fd_, relative.c_str(), flags | O_NOFOLLOW | O_CLOEXEC);  // before Linux 5.6
  return -1;
}

void StagedDiskSink::check_no_links(const std::string& relative) const {
  for (std::size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', slash + 1)) {
    const std::string folder = relative.substr(0, slash);
    {
      std::lock_guard lock(mutex_);
      if (real_folders_.count(folder)) continue;
    }
    struct stat st {};
    if (::lstat((base_ / folder).c_str(), &st) != 0) return;  // to be made by the commit
    if (S_ISLNK(st.st_mode)) refuse_link(folder);
    std::lock_guard lock(mutex_);
    real_folders_.insert(folder);
  }
  struct stat st {};
  if (::lstat((base_ / relative).c_str(), &st) == 0 && S_ISLNK(st.st_mode)) refuse_link(relative);
}

// Two outputs where one needs a folder at the other's file (a page named
// "404.html" beside the generated 404.html) would fail halfway through the
// move: found here, before anything moves.
void StagedDiskSink::check_outputs_fit() const {
  Diagnostics diags;
  for (const std::string* path : produced()) {
    const std::size_t root_end = root_of(*path).size();
    for (std::size_t slash = path->rfind('/'); slash != std::string::npos && slash > root_end;
         slash = path->rfind('/', slash - 1)) {
      const std::string_view folder = std::string_view(*path).substr(0, slash);
      if (produced_.with(folder, [&](const auto& produced) { return produced.count(std::string(folder)) > 0; }))
        diags.error({std::string(folder)},
                    fmt::format("is generated as a file, and {} needs it to be a folder: a page, item or theme is "
                                "named like a file gpress generates (404.html, sitemap.xml, feed.xml, index.html); "
                                "rename it",
                                *path));
    }
  }
  if (diags.has_errors()) throw InputError(diags);
}

void StagedDiskSink::make_folders(const fs::path& folder) {
  std::vector<fs::path> missing;
  for (fs::path dir = folder; dir != base_ && !dir.empty(); dir = dir.parent_path()) {
    struct stat st {};
    if (::lstat(dir.c_str(), &st) == 0) break;
    missing.push_back(dir);
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0777) != 0) {
      const int error = errno;
      throw InternalError(fmt::format("{}: cannot create folder: {}", it->string(), std::strerror(error)));
    }
    steps_.push_back({Step::Kind::kMadeFolder, {}, *it});
  }
}

// `from` replaces `to` in one step where the file system can exchange two
// names (the previous file lands at `from`, to be put back or deleted);
// otherwise the previous file is moved aside first.
void StagedDiskSink::move_into_place(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0) {
    steps_.push_back({Step::Kind::kExchanged, from, to});
    return;
  }
  int error = errno;
  if (error == ENOENT) {  // nothing there yet, perhaps not even its folder
    make_folders(to.parent_path());
    if (::rename(from.c_str(), to.c_str()) == 0) {
      steps_.push_back({Step::Kind::kMoved, from, to});
      return;
    }
    error = errno;
  } else if (error == EINVAL || error == ENOSYS || error == EOPNOTSUPP) {
    fs::path aside = from;
    aside += ".previous";
    if (::rename(to.c_str(), aside.c_str()) == 0) {
      steps_.push_back({Step::Kind::kMoved, to, aside});
      if (::rename(from.c_str(), to.c_str()) == 0) {
        steps_.push_back({Step::Kind::kMoved, from, to});
        return;
      }
    }
    error = errno;
  }
  throw InternalError(fmt::format("{}: cannot move into place: {}", to.string(), std::strerror(error)));
}

// A file this build no longer produces goes to the staging folder, so that
// the commit can still put it back.
void StagedDiskSink::move_aside(const std::string& relative) {
  const fs::path& staging = staging_dir(root_of(relative));
  std::error_code ec;
  fs::create_directories(staging, ec);
  const fs::path aside = staging / fmt::format("removed-{}", removed_.size());
  if (::rename((base_ / relative).c_str(), aside.c_str()) != 0) {
    const int error = errno;
    if (error == ENOENT) return;  // already gone
    throw InternalError(fmt::format("{}: cannot remove: {}", (base_ / relative).string(), std::strerror(error)));
  }
  steps_.push_back({Step::Kind::kMoved, base_ / relative, aside});
  removed_.push_back(relative);
}

void StagedDiskSink::commit(const std::vector<const std::string*>& previous_outputs) {
  check_outputs_fit();
  // Owned files this build did not produce: the last build's manifest, or
  // without one every file under the roots. A fresh root holds only this
  // build's.
  std::vector<std::string> stale;
  // The last build's manifest also lists files in folders this build does
  // not write (the thematic report's, when only the toolkit is built): they
  // are not this build's to remove.
  const auto consider = [&](const std::string& path) {
    const std::string* root = find_root(path);
    if (root && !is_fresh(*root) && owned_(path) &&
        !produced_.with(path, [&](const auto& produced) { return produced.count(path) > 0; }))
      stale.push_back(path);
  };
  for (const std::string* path : previous_outputs) consider(*path);
  if (previous_outputs.empty()) {
    for (const auto& root : roots_) {
      std::error_code ec;
      if (is_fresh(root) || !fs::is_directory(base_ / root)) continue;
      const std::size_t base_length = (base_ / root).generic_string().size() - root.size();
      for (auto it = fs::recursive_directory_iterator(base_ / root, ec); it != fs::recursive_directory_iterator();
           ++it) {
        if (it->path() == staging_dir(root)) it.disable_recursion_pending();
        else if (it->is_regular_file()) consider(it->path().generic_string().substr(base_length));
      }
    }
  }
  // Nothing is moved into, or out of, a folder reached through a link.
  for (const auto& [relative, staged] : changed_)
    if (!is_fresh(root_of(relative))) check_no_links(relative);
  for (const auto& path : stale) check_no_links(path);

  committing_ = true;
  try {
    for (const auto& root : fresh_roots_) {
      const fs::path target = base_ / root;
      std::error_code ec;
      if (!fs::exists(staging_dir(root), ec)) continue;  // the build wrote nothing there
      make_folders(target.parent_path());
      if (::rename(staging_dir(root).c_str(), target.c_str()) != 0) {
        const int error = errno;
        throw InternalError(fmt::format("{}: cannot move into place: {}", target.string(), std::strerror(error)));
      }
      steps_.push_back({Step::Kind::kMoved, staging_dir(root), target});
    }
    std::sort(changed_.begin(), changed_.end());
    for (const auto& [relative, staged] : changed_) {
      if (is_fresh(root_of(relative))) continue;  // moved with its root
      move_into_place(staged, base_ / relative);
    }
    for (const auto& path : stale) move_aside(path);
  } catch (const InternalError& e) {
    const std::string left = rollback();
    throw InternalError(std::string(e.what()) + (left.empty() ? "; the previous output was put back as it was"
                                                              : "; could not put back: " + left));
  }
}

fs::path StagedDiskSink::scratch_folder(const std::string& root, const std::string& name) {
  const fs::path folder = staging_dir(root) / name;
  std::error_code ec;
  fs::remove_all(folder, ec);
  fs::create_directories(folder, ec);
  if (ec) throw InternalError(fmt::format("{}: cannot create folder: {}", folder.string(), ec.message()));
  return folder;
}

void StagedDiskSink::replace_folder(const std::string& relative, const fs::path& built) {
  root_of(relative);  // throws for a folder outside this build's roots
  move_into_place(built, base_ / relative);
}

std::string StagedDiskSink::rollback() {
  std::vector<std::string> left;
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
    bool undone = true;
    switch (it->kind) {
      case Step::Kind::kMoved: undone = ::rename(it->to.c_str(), it->from.c_str()) == 0; break;
      case Step::Kind::kExchanged:
        undone = ::renameat2(AT_FDCWD, it->from.c_str(), AT_FDCWD, it->to.c_str(), RENAME_EXCHANGE) == 0;
        break;
      case Step::Kind::kMadeFolder: undone = ::rmdir(it->to.c_str()) == 0; break;
    }
    if (!undone) {
      const int error = errno;
      left.push_back(fmt::format("{} ({})", it->to.string(), std::strerror(error)));
    }
  }
  steps_.clear();
  committing_ = false;
  return join(left);
}

void StagedDiskSink::finish() {
  steps_.clear();
  committing_ = false;
  // Folders emptied by removals go too, so a deleted item leaves no trace.
  std::vector<std::string> removed = removed_;
  std::sort(removed.begin(), removed.end());
  for (auto it = removed.rbegin(); it != removed.rend(); ++it) {
    for (fs::path dir = (base_ / *it).parent_path(); dir != base_; dir = dir.parent_path()) {
      std::error_code ec;
      if (!fs::is_empty(dir, ec) || ec || !fs::remove(dir, ec)) break;
    }
  }
  for (const auto& staging : staging_) {
    std::error_code ec;
    fs::remove_all(staging, ec);
  }
}

}  // namespace gpress
