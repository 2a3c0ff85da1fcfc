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

namespace gpress {

class Assessments;
struct ToolkitIndex;

struct BuildOptions {
  std::filesystem::path project = ".";
  /// Products to build: toolkit, packs, options, thematic. Empty means all.
  std::vector<std::string> what;
  std::string quarter;                 ///< YYYY-Qn, or empty for the latest in the data
  /// The thematic report's quarter once validation has resolved it from
  /// `quarter` or the data; set by the build, not by callers.
  std::string thematic_quarter;
  std::vector<std::string> practices;  ///< ODS codes; empty means every practice
  /// data/assessments/ as the first product to need it read it during
  /// validation, so the others reuse it instead of reading it again; set by
  /// the build, not by callers.
  std::shared_ptr<const Assessments> assessments;
  /// Thematic report variant: "local-office", "wider", or empty for both.
  std::string audience;
  unsigned jobs = 0;                   ///< worker threads; 0 means all cores
  /// Print data packs and options reports to PDF too (--pdf; [pdf] enabled
  /// turns it on during validation).
  bool pdf = false;
  /// The browser that prints them, found during validation; set by the
  /// build, not by callers.
  std::string pdf_browser;
  bool check_only = false;             ///< validate everything, write nothing
  /// Rebuild the search index when the site changed. `gpress serve` turns it
  /// off after its first build: Pagefind reads the whole site, too slow for
  /// rebuild-on-save.
  bool search_index = true;
  /// Parsed content kept between builds by `gpress serve`; may be null.
  ContentCache* content_cache = nullptr;
  /// The toolkit's structure from the last build, kept by `gpress serve`:
  /// reused while no item's listed fields changed, and replaced by this
  /// build's. May be null.
  std::shared_ptr<const ToolkitIndex>* toolkit_index = nullptr;
  /// Outputs the last build recorded are on disk as it left them, so a page
  /// kept as it was is not looked up file by file. `gpress serve` sets it
  /// after its first build: it wrote them itself.
  bool trust_outputs = false;
  /// Run the programs a project names ([search] pagefind, its own
  /// node_modules/.bin): off by default, so a build runs no code that came
  /// with the project; gpress's own Pagefind is used instead.
  bool allow_project_tools = false;
  /// While another process builds the project: null means refuse ("another
  /// build is running (pid N)"); otherwise it is called with that pid and the
  /// build waits its turn (`gpress serve` does).
  std::function<void(long pid)> waiting_for_lock;
  /// Stage messages; null means silent.
  std::function<void(const std::string&)> log;
  /// Progress through long stages (what, done, total); null means none.
  ProgressFn progress;

  /// Whether this build makes product `name` (none named means all).
  bool builds(std::string_view name) const {
    return what.empty() || std::find(what.begin(), what.end(), name) != what.end();
  }
  /// Whether this build covers practice `ods` (no --practice means all).
  bool covers(std::string_view ods) const {
    return practices.empty() || std::find(practices.begin(), practices.end(), ods) != practices.end();
  }
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
