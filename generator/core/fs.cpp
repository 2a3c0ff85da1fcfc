#include "core/fs.hpp"

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace gpress {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InternalError(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
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

// Exchanges two paths in one step where the kernel can (Linux renameat2 with
// RENAME_EXCHANGE); otherwise falls back to two renames.
void swap_into_place(const fs::path& staging, const fs::path& live) {
  std::error_code ec;
  if (!fs::exists(live)) {
    fs::create_directories(live.parent_path(), ec);
    fs::rename(staging, live, ec);
    if (ec) throw InternalError(fmt::format("{}: cannot move output into place: {}", live.string(), ec.message()));
    return;
  }
#ifdef SYS_renameat2
  constexpr unsigned kRenameExchange = 2;  // RENAME_EXCHANGE from linux/fs.h
  if (::syscall(SYS_renameat2, AT_FDCWD, staging.c_str(), AT_FDCWD, live.c_str(), kRenameExchange) == 0) {
    fs::remove_all(staging, ec);  // now holds the previous output
    return;
  }
#endif
  fs::path old = live;
  old += ".old";
  fs::remove_all(old, ec);
  fs::rename(live, old, ec);
  if (ec) throw InternalError(fmt::format("{}: cannot replace output: {}", live.string(), ec.message()));
  fs::rename(staging, live, ec);
  if (ec) throw InternalError(fmt::format("{}: cannot move output into place: {}", live.string(), ec.message()));
  fs::remove_all(old, ec);
}

}  // namespace

StagedDiskSink::StagedDiskSink(fs::path base, std::vector<std::string> roots)
    : base_(std::move(base)), roots_(std::move(roots)) {
  for (const auto& root : roots_) {
    std::error_code ec;
    fs::remove_all(staging_dir(root), ec);
    fs::create_directories(staging_dir(root), ec);
    if (ec) throw InternalError(fmt::format("{}: cannot create staging folder: {}", staging_dir(root).string(), ec.message()));
  }
}

StagedDiskSink::~StagedDiskSink() {
  if (committed_) return;
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

void StagedDiskSink::write(const std::string& relative, std::string_view bytes) {
  if (!is_safe_relative_path(relative)) throw InternalError("refusing to write outside the output folders: " + relative);
  const std::string& root = root_of(relative);
  const fs::path live = base_ / relative;
  const fs::path staged = staging_dir(root) / relative.substr(root.size() + 1);
  if (same_bytes(live, bytes)) {
    std::error_code ec;
    fs::create_directories(staged.parent_path(), ec);
    fs::create_hard_link(live, staged, ec);
    if (!ec) {
      ++unchanged_;
      return;
    }
  }
  write_file_atomic(staged, bytes);
  ++changed_;
}

bool StagedDiskSink::reuse(const std::string& relative) {
  if (!is_safe_relative_path(relative)) return false;
  const std::string& root = root_of(relative);
  const fs::path live = base_ / relative;
  if (!fs::is_regular_file(live)) return false;
  carry_over_file(live, staging_dir(root) / relative.substr(root.size() + 1));
  ++unchanged_;
  return true;
}

std::size_t StagedDiskSink::files_changed() const { return changed_; }
std::size_t StagedDiskSink::files_unchanged() const { return unchanged_; }

void StagedDiskSink::carry_over_file(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) throw InternalError(fmt::format("{}: cannot carry over: {}", from.string(), ec.message()));
}

void StagedDiskSink::commit() {
  for (const auto& root : roots_) swap_into_place(staging_dir(root), base_ / root);
  committed_ = true;
}


}  // namespace gpress

namespace gpress {

InPlaceDiskSink::InPlaceDiskSink(fs::path base, std::vector<std::string> roots, std::vector<std::string> keep_prefixes)
    : base_(std::move(base)), roots_(std::move(roots)), keep_prefixes_(std::move(keep_prefixes)) {}

void InPlaceDiskSink::touch(const std::string& relative) {
  std::lock_guard lock(mutex_);
  touched_.insert(relative);
}

void InPlaceDiskSink::write(const std::string& relative, std::string_view bytes) {
  if (!is_safe_relative_path(relative)) throw InternalError("refusing to write outside the output folders: " + relative);
  touch(relative);
  if (same_bytes(base_ / relative, bytes)) {
    ++unchanged_;
    return;
  }
  write_file_atomic(base_ / relative, bytes);
  ++changed_;
}

bool InPlaceDiskSink::reuse(const std::string& relative) {
  if (!is_safe_relative_path(relative) || !fs::is_regular_file(base_ / relative)) return false;
  touch(relative);
  ++unchanged_;
  return true;
}

void InPlaceDiskSink::commit() {
  for (const auto& root : roots_) {
    const fs::path dir = base_ / root;
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> stale;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file()) continue;
      const std::string rel = fs::relative(e.path(), base_).generic_string();
      const bool kept = std::any_of(keep_prefixes_.begin(), keep_prefixes_.end(),
                                    [&](const std::string& p) { return rel.rfind(p, 0) == 0; });
      if (!kept && !touched_.count(rel)) stale.push_back(e.path());
    }
    for (const auto& p : stale) {
      std::error_code ec;
      fs::remove(p, ec);
    }
  }
}

}  // namespace gpress
