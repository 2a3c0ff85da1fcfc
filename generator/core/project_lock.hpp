// One build (or import) at a time per project.
//
// Two builds of one project at once would each stage and move the same
// outputs and remove each other's staging folders, leaving a short tree that
// one of them reports as complete. Every command that writes outputs, the
// content cache or data/ holds the project's lock, an flock(2) on
// .gpress/lock, while it runs. The kernel releases it when the process ends,
// however it ends, so a killed build never leaves the project locked.
#pragma once

#include <filesystem>
#include <functional>

namespace gpress {

class ProjectLock {
 public:
  /// Takes the lock of `project`. Without `wait`, throws InputError
  /// "another build is running (pid N)" when another process holds it; with
  /// `wait`, calls `on_wait` with that pid, then blocks until it is free.
  /// Refuses a .gpress folder that is a symbolic link, or holds one, with
  /// InputError: gpress writes nothing through links it did not make.
  /// Once held, files a killed run left half-written (*.tmp<pid> in .gpress/
  /// and data/) are removed: nobody else can be writing them.
  explicit ProjectLock(const std::filesystem::path& project, bool wait = false,
                       const std::function<void(long pid)>& on_wait = nullptr);
  ~ProjectLock();
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace gpress
