#include "core/project_lock.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace gpress {
namespace {

namespace fs = std::filesystem;

// .gpress/ and every entry in it must be what gpress made: a link there would
// have the content cache or the fingerprints written wherever it points.
void refuse_links(const fs::path& project) {
  const fs::path state = project / ".gpress";
  struct stat st {};
  if (::lstat(state.c_str(), &st) != 0) {
    std::error_code ec;
    fs::create_directories(state, ec);
    if (ec) throw InternalError(fmt::format("{}: cannot create folder: {}", state.string(), ec.message()));
    return;
  }
  const auto refuse = [](const std::string& where) {
    throw InputError({where},
                     "is a symbolic link: gpress does not write through links it did not make; remove it "
                     "(.gpress/ holds only what gpress can make again)");
  };
  if (S_ISLNK(st.st_mode)) refuse(".gpress");
  if (!S_ISDIR(st.st_mode))
    throw InputError({".gpress"}, "is not a folder: remove it (gpress keeps its build state there)");
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(state, ec))
    if (entry.is_symlink(ec)) refuse(".gpress/" + entry.path().filename().string());
}

// write_file_atomic's temporary files are named <file>.tmp<pid>.
bool is_leftover_temporary(const std::string& name) {
  const auto at = name.rfind(".tmp");
  if (at == std::string::npos || at + 4 == name.size()) return false;
  return name.find_first_not_of("0123456789", at + 4) == std::string::npos;
}

void remove_leftover_temporaries(const fs::path& project) {
  for (const char* folder : {".gpress", ".gpress/content", "data", "data/assessments"}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(project / folder, ec)) {
      std::error_code ignored;
      if (entry.is_regular_file(ignored) && is_leftover_temporary(entry.path().filename().string()))
        fs::remove(entry.path(), ignored);
    }
  }
}

// The holder writes its pid just after taking the lock: a build that comes
// in that instant waits for it a little (a tenth of a second at most).
long holder_of(int fd) {
  for (int tries = 0; tries < 20; ++tries) {
    char buf[32] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (const long pid = n > 0 ? std::strtol(buf, nullptr, 10) : 0; pid > 0) return pid;
    ::usleep(5000);
  }
  return 0;
}

std::string running_message(long pid) {
  return pid > 0 ? fmt::format("another build is running (pid {})", pid) : std::string("another build is running");
}

}  // namespace

ProjectLock::ProjectLock(const fs::path& project, bool wait, const std::function<void(long)>& on_wait) {
  refuse_links(project);
  const fs::path file = project / ".gpress/lock";
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd_ < 0) throw InternalError(fmt::format("{}: cannot open: {}", file.string(), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error != EWOULDBLOCK) {
      ::close(fd_);
      throw InternalError(fmt::format("{}: cannot lock: {}", file.string(), std::strerror(error)));
    }
    const long pid = holder_of(fd_);
    if (!wait) {
      ::close(fd_);
      throw InputError({".gpress/lock"}, running_message(pid));
    }
    if (on_wait) on_wait(pid);
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      const int failed = errno;
      ::close(fd_);
      throw InternalError(fmt::format("{}: cannot lock: {}", file.string(), std::strerror(failed)));
    }
  }
  // Who holds it, for the message another build gives: one write of a fixed
  // width over the last holder's, so a reader never sees the file empty.
  const std::string pid = fmt::format("{:<20}\n", static_cast<long>(::getpid()));
  if (::pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    // Only the message would lack the pid; the lock itself holds.
  }
  remove_leftover_temporaries(project);
}

ProjectLock::~ProjectLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

}  // namespace gpress
