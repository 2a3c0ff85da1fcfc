// What a build asks of the products, and what their validation settles.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress.hpp"

namespace gpress {

struct ToolkitIndex;

/// What the user asked of the products (`gpress build`'s choices); the build's
/// own settings extend it (BuildOptions in build.hpp).
struct ProductRequest {
  /// Products to build: toolkit, packs, options, thematic. Empty means all.
  std::vector<std::string> what;
  std::string quarter;                 ///< YYYY-Qn, or empty for the latest in the data
  std::vector<std::string> practices;  ///< ODS codes; empty means every practice
  /// Thematic report variant: "local-office", "wider", or empty for both.
  std::string audience;
  /// Print data packs and options reports to PDF too (--pdf; [pdf] enabled
  /// turns it on too: BuildPlan::pdf says what was settled).
  bool pdf = false;
  /// Rebuild the search index when the site changed. `gpress serve` turns it
  /// off after its first build: Pagefind reads the whole site, too slow for
  /// rebuild-on-save.
  bool search_index = true;
  /// The toolkit's structure from the last build, kept by `gpress serve`:
  /// reused while no item's listed fields changed, and replaced by this
  /// build's. May be null.
  std::shared_ptr<const ToolkitIndex>* toolkit_index = nullptr;
  /// Run the programs a project names ([search] pagefind, [pdf] browser, its
  /// own node_modules/.bin): off by default, so a build runs no code that
  /// came with the project; gpress's own Pagefind is used instead.
  bool allow_project_tools = false;
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

/// What validation settled from the request and the data, for owns() and
/// render() to read. Each product's validate() returns its own part, and the
/// build settles the PDFs (validate_pdf).
struct BuildPlan {
  /// The thematic report's quarter (YYYY-Qn), from --quarter or the data.
  std::string thematic_quarter;
  /// Whether data packs and options reports are printed to PDF (--pdf or
  /// [pdf] enabled), and the browser that prints them.
  bool pdf = false;
  std::string pdf_browser;

  /// Adds what `part` settled (what it left empty stays as it is).
  void add(const BuildPlan& part) {
    if (!part.thematic_quarter.empty()) thematic_quarter = part.thematic_quarter;
    pdf = pdf || part.pdf;
    if (!part.pdf_browser.empty()) pdf_browser = part.pdf_browser;
  }
};

}  // namespace gpress
