#include "watch.hpp"

#include <chrono>
#include <thread>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <fmt/format.h>

namespace gpress {
namespace fs = std::filesystem;
namespace {

// The folders a toolkit build reads; gpress.toml sits in the project root.
constexpr const char* kSourceFolders[] = {"content", "templates", "data"};
constexpr std::uint32_t kEvents =
    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MODIFY;
// Editors save in several steps (write a temporary, rename it over the file):
// changes are collected until the folder has been quiet this long.
constexpr int kSettleMs = 5;
constexpr auto kPollInterval = std::chrono::milliseconds(250);

// Names, sizes and times of every source file: the polling fallback.
std::string scan(const fs::path& project) {
  std::string out;
  auto add = [&](const fs::path& p) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    const auto time = fs::last_write_time(p, ec).time_since_epoch().count();
    out += fmt::format("{}|{}|{}\n", p.string(), size, time);
  };
  add(project / "gpress.toml");
  for (const char* dir : kSourceFolders) {
    std::error_code ec;
    if (!fs::is_directory(project / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(project / dir, ec))
      if (e.is_regular_file()) add(e.path());
  }
  return out;
}

}  // namespace

SourceWatcher::SourceWatcher(fs::path project) : project_(std::move(project)) {
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ >= 0) {
    const int root = ::inotify_add_watch(fd_, project_.c_str(), kEvents);
    if (root >= 0) dirs_[root] = "";
    for (const char* dir : kSourceFolders) watch_tree(project_ / dir);
    if (root < 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  if (fd_ < 0) last_scan_ = scan(project_);
}

SourceWatcher::~SourceWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void SourceWatcher::watch_tree(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  auto add = [&](const fs::path& d) {
    const int wd = ::inotify_add_watch(fd_, d.c_str(), kEvents);
    if (wd >= 0) dirs_[wd] = fs::relative(d, project_).generic_string();
  };
  add(dir);
  // Folders linked in are not content (a build's walk does not enter them),
  // so edits in them are not reported either.
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_directory(ec) && !it->is_symlink(ec)) add(it->path());
}

std::optional<std::set<std::string>> SourceWatcher::wait(const std::atomic<bool>& running) {
  if (fd_ < 0) return poll_for_change(running);
  std::set<std::string> changed;
  bool known = true;
  bool seen = false;
  alignas(inotify_event) char buffer[64 * 1024];
  while (running) {
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, seen ? kSettleMs : 250);
    if (ready == 0) {
      if (seen) break;  // settled
      continue;
    }
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) continue;
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & IN_Q_OVERFLOW) {
        known = false;
        seen = true;
        continue;
      }
      auto dir = dirs_.find(event->wd);
      if (dir == dirs_.end()) continue;
      if (event->mask & IN_IGNORED) {
        dirs_.erase(dir);
        continue;
      }
      const std::string name = event->len ? std::string(event->name) : std::string();
      const std::string path = dir->second.empty() ? name : name.empty() ? dir->second : dir->second + "/" + name;
      if (dir->second.empty() && name != "gpress.toml") {
        bool source_folder = false;
        for (const char* f : kSourceFolders) source_folder = source_folder || name == f;
        if (!source_folder) continue;  // the output and everything else in the project root
        if (event->mask & (IN_CREATE | IN_MOVED_TO)) watch_tree(project_ / name);
        known = false;  // a whole source folder came or went
      }
      if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) {
        watch_tree(project_ / path);
        known = false;  // files moved in with it were never seen
      }
      if (event->mask & IN_ISDIR) known = known && !(event->mask & (IN_MOVED_FROM | IN_DELETE));
      changed.insert(path);
      seen = true;
    }
  }
  if (!running) return std::set<std::string>{};
  if (!known) return std::nullopt;
  return changed;
}

std::optional<std::set<std::string>> SourceWatcher::poll_for_change(const std::atomic<bool>& running) {
  while (running) {
    std::this_thread::sleep_for(kPollInterval);
    std::string now = scan(project_);
    if (now == last_scan_) continue;
    last_scan_ = std::move(now);
    return std::nullopt;
  }
  return std::set<std::string>{};
}

}  // namespace gpress
