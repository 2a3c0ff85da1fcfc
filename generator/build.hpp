// The pipeline behind `gpress build` and `gpress check`.
#pragma once

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "load/content.hpp"
#include "products/request.hpp"

namespace gpress {

/// A build's settings: the products asked for and their choices
/// (ProductRequest), and how the build runs.
struct BuildOptions : ProductRequest {
  std::filesystem::path project = ".";
  unsigned jobs = 0;        ///< worker threads; 0 means all cores
  bool check_only = false;  ///< validate everything, write nothing
  /// Parsed content kept between builds by `gpress serve`; may be null.
  ContentCache* content_cache = nullptr;
  /// Outputs the last build recorded are on disk as it left them, so a page
  /// kept as it was is not looked up file by file. `gpress serve` sets it
  /// after its first build: it wrote them itself.
  bool trust_outputs = false;
  /// While another process builds the project: null means refuse ("another
  /// build is running (pid N)"); otherwise it is called with that pid and the
  /// build waits its turn (`gpress serve` does).
  std::function<void(long pid)> waiting_for_lock;
  /// Stage messages; null means silent.
  std::function<void(const std::string&)> log;
};

struct StageTime {
  std::string stage;
  double seconds = 0;
};

struct BuildReport {
  std::size_t files_changed = 0;    ///< new or different bytes
  std::size_t files_unchanged = 0;  ///< kept as they were
  std::size_t files_removed = 0;    ///< no longer produced
  std::vector<StageTime> stages;
  double seconds = 0;
  Diagnostics warnings;  ///< warnings and notes; errors throw instead
  /// Programs the build ran, by path and why (Pagefind), for the summary.
  std::vector<std::string> programs_run;
  /// What the build read and kept track of (parsed content, practice data,
  /// fingerprints), handed back instead of freed on return: a command that
  /// exits next can leave it to the operating system, which is quicker than
  /// freeing ten thousand parsed pages one by one (a tenth of a one-page
  /// rebuild of a large toolkit). Dropping it frees it.
  std::shared_ptr<const void> working_set;
  /// One line: counts and time per stage.
  std::string summary() const;
};

/// The product names `gpress build` accepts, in build order.
const std::vector<std::string>& product_names();

/// Loads and validates the whole project, then (unless check_only) renders
/// every requested product into staging folders and moves the changed files
/// into place. Throws
/// InputError with every problem found, having written nothing.
BuildReport build(const BuildOptions& options);

}  // namespace gpress
