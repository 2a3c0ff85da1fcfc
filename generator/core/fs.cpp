#include "core/fs.hpp"

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <ctime>
#include <fstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/hash.hpp"

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
  ::close(fd);  // a mapping keeps the file
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

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw InternalError(fmt::format("{}: cannot create folder: {}", path.parent_path().string(), ec.message()));
  fs::path tmp = path;
  tmp += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw InternalError(fmt::format("{}: cannot write: {}", tmp.string(), std::strerror(errno)));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw InternalError(fmt::format("{}: write failed", tmp.string()));
  }
  fs::rename(tmp, path, ec);
  if (ec) throw InternalError(fmt::format("{}: cannot rename into place: {}", path.string(), ec.message()));
}

FileStamp stamp_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  const auto ns = [](const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec; };
  timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  if (ns(now) - ns(st.st_ctim) < 2'000'000'000) return {};
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_size),
          ns(st.st_mtim), ns(st.st_ctim)};
}

std::uint64_t hash_folder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(folder, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
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
// write itself. The folder is created only when the first try says it is missing.
void write_new_file(const fs::path& path, std::string_view bytes) {
  const auto open = [&] { return std::fopen(path.c_str(), "wb"); };
  std::FILE* f = open();
  if (!f && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    f = open();
  }
  if (!f) throw InternalError(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) throw InternalError(fmt::format("{}: write failed", path.string()));
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

void MemorySink::write(const std::string& relative, std::string_view bytes) {
  if (!is_safe_relative_path(relative)) throw InternalError("refusing to write outside the output folders: " + relative);
  std::lock_guard lock(mutex_);
  files_[relative] = std::string(bytes);
}

std::map<std::string, std::string> MemorySink::files() const {
  std::lock_guard lock(mutex_);
  return files_;
}

namespace {

bool same_bytes(const fs::path& file, std::string_view bytes) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || size != bytes.size()) return false;
  std::ifstream in(file, std::ios::binary);
  std::string existing(bytes.size(), '\0');
  in.read(existing.data(), static_cast<std::streamsize>(existing.size()));
  return in && existing == bytes;
}

}  // namespace

StagedDiskSink::StagedDiskSink(fs::path base, std::vector<std::string> roots, std::function<bool(const std::string&)> owned)
    : base_(std::move(base)), roots_(std::move(roots)), owned_(std::move(owned)) {
  base_fd_ = ::open(base_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  for (const auto& root : roots_) {
    std::error_code ec;
    fs::remove_all(staging_dir(root), ec);  // left by a build that was killed
    if (!fs::exists(base_ / root, ec)) fresh_roots_.push_back(root);
  }
}

StagedDiskSink::~StagedDiskSink() {
  if (base_fd_ >= 0) ::close(base_fd_);
  for (const auto& root : roots_) {
    std::error_code ec;
    fs::remove_all(staging_dir(root), ec);
  }
}

fs::path StagedDiskSink::staging_dir(const std::string& root) const {
  fs::path p = base_ / root;
  p += ".staging";
  return p;
}

const std::string& StagedDiskSink::root_of(const std::string& relative) const {
  for (const auto& root : roots_) {
    if (relative.size() > root.size() && relative.compare(0, root.size(), root) == 0 && relative[root.size()] == '/')
      return root;
  }
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
  if (!is_safe_relative_path(relative)) throw InternalError("refusing to write outside the output folders: " + relative);
  const std::string& root = root_of(relative);
  if (is_fresh(root)) {
    std::string staged = (staging_dir(root) / std::string_view(relative).substr(root.size() + 1)).string();
    write_new_file(staged, bytes);
    record(relative, std::move(staged));
    return;
  }
  if (same_bytes(base_ / relative, bytes)) {
    record(relative, {});
    return;
  }
  std::string staged = (staging_dir(root) / std::to_string(next_staged_++)).string();
  write_new_file(staged, bytes);
  record(relative, std::move(staged));
}

bool StagedDiskSink::reuse(const std::string& relative) {
  if (!is_safe_relative_path(relative)) return false;
  const std::string& root = root_of(relative);  // throws for a path outside this build's folders
  // One stat(2) per kept page, from the project folder: std::filesystem's
  // status, or a walk down the whole absolute path, costs several times more.
  // A root that is gone (deleted while serving) holds nothing to trust.
  if (!trust_kept_ || is_fresh(root)) {
    struct stat st {};
    const int found = base_fd_ >= 0 ? ::fstatat(base_fd_, relative.c_str(), &st, 0) : ::stat((base_ / relative).c_str(), &st);
    if (found != 0 || !S_ISREG(st.st_mode)) return false;
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

void StagedDiskSink::commit(const std::vector<const std::string*>& previous_outputs) {
  for (const auto& root : fresh_roots_) {
    const fs::path target = base_ / root;
    std::error_code ec;
    if (!fs::exists(staging_dir(root), ec)) continue;  // the build wrote nothing there
    fs::create_directories(target.parent_path(), ec);
    fs::rename(staging_dir(root), target, ec);
    if (ec) throw InternalError(fmt::format("{}: cannot move into place: {}", target.string(), ec.message()));
  }
  std::sort(changed_.begin(), changed_.end());
  for (const auto& [relative, staged] : changed_) {
    if (is_fresh(root_of(relative))) continue;  // moved with its root
    const fs::path target = base_ / relative;
    std::error_code ec;
    fs::rename(staged, target, ec);
    if (ec == std::errc::no_such_file_or_directory) {  // a new folder in the output
      fs::create_directories(target.parent_path(), ec);
      fs::rename(staged, target, ec);
    }
    if (ec) throw InternalError(fmt::format("{}: cannot move into place: {}", target.string(), ec.message()));
  }
  std::vector<std::string> found;  // without a manifest: every file under the roots
  if (previous_outputs.empty()) {
    for (const auto& root : roots_) {
      std::error_code ec;
      // A fresh root holds only what this build produced.
      if (is_fresh(root) || !fs::is_directory(base_ / root)) continue;
      const std::size_t base_length = (base_ / root).generic_string().size() - root.size();
      for (auto it = fs::recursive_directory_iterator(base_ / root, ec); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) found.push_back(it->path().generic_string().substr(base_length));
    }
  }
  auto remove_if_stale = [&](const std::string& path) {
    if (produced_.with(path, [&](const auto& produced) { return produced.count(path) > 0; }) || !owned_(path)) return;
    std::error_code ec;
    if (fs::remove(base_ / path, ec)) removed_.push_back(path);
  };
  for (const std::string* path : previous_outputs) remove_if_stale(*path);
  for (const std::string& path : found) remove_if_stale(path);
  // Folders emptied by removals go too, so a deleted item leaves no trace.
  std::sort(removed_.begin(), removed_.end());
  for (auto it = removed_.rbegin(); it != removed_.rend(); ++it) {
    for (fs::path dir = (base_ / *it).parent_path(); dir != base_; dir = dir.parent_path()) {
      std::error_code ec;
      if (!fs::is_empty(dir, ec) || ec || !fs::remove(dir, ec)) break;
    }
  }
}

}  // namespace gpress

