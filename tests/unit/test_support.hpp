// Shared by the unit tests: temporary folders and whole-tree comparisons.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "core/fs.hpp"

namespace gpress::test {

namespace fs = std::filesystem;

/// A fresh folder under the system temp folder, removed when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("gpress-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline fs::path source_dir() { return fs::path(GPRESS_SOURCE_DIR); }
inline fs::path fixture(const std::string& name) { return source_dir() / "tests/fixtures" / name; }

/// Copies a project folder (everything but its expected/ tree) into `to`.
inline void copy_project(const fs::path& from, const fs::path& to) {
  for (const auto& entry : fs::directory_iterator(from)) {
    if (entry.path().filename() == "expected") continue;
    fs::copy(entry.path(), to / entry.path().filename(), fs::copy_options::recursive);
  }
}

/// Every file under `root`, by path relative to it.
inline std::map<std::string, std::string> read_tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[fs::relative(e.path(), root).generic_string()] = read_file(e.path());
  return files;
}

/// A file's text; "" if missing.
inline std::string slurp(const fs::path& p) { return fs::exists(p) ? read_file(p) : std::string(); }

/// Writes a text file, creating folders.
inline void put(const fs::path& p, const std::string& text) { write_file_atomic(p, text); }

struct Run {
  int code;
  std::string out;  // stdout and stderr together
};

/// Runs the gpress executable with `args` (shell syntax) and collects what it printed.
inline Run run_gpress(const std::string& args) {
  const std::string cmd = std::string(GPRESS_EXE) + " " + args + " 2>&1";
  Run r{-1, {}};
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace gpress::test
