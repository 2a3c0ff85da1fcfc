#include "products/pdf_output.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "render/pdf.hpp"

namespace gpress {

// [pdf] browser is a program chosen by the project: like [search] pagefind,
// run only when the user allows it (--allow-project-tools). The user's own
// choice, outside any project, is GPRESS_PDF_BROWSER; otherwise Chromium on
// PATH.
BuildPlan validate_pdf(const Project& project, const ProductRequest& options, Diagnostics& diags) {
  BuildPlan plan;
  plan.pdf = options.pdf || project.config.pdf.enabled;
  if (!plan.pdf) return plan;
  std::string configured;
  if (!project.config.pdf.browser.empty() && options.allow_project_tools) {
    configured = project.config.pdf.browser;
  } else if (const char* chosen = std::getenv("GPRESS_PDF_BROWSER"); chosen && *chosen) {
    configured = chosen;
  }
  if (!project.config.pdf.browser.empty() && !options.allow_project_tools)
    diags.warning({"gpress.toml"}, fmt::format("[pdf] browser = \"{}\" is a program chosen by the project and is not "
                                               "run without --allow-project-tools; gpress uses Chromium from PATH or "
                                               "GPRESS_PDF_BROWSER",
                                               project.config.pdf.browser));
  if (auto browser = find_pdf_browser(configured)) {
    plan.pdf_browser = browser->string();
  } else if (configured.empty()) {
    diags.error({"--pdf"},
                "PDFs are printed by Chromium, which is not on PATH: install it (`apt-get install "
                "chromium`), or set GPRESS_PDF_BROWSER");
  } else {
    diags.error({"gpress.toml"}, fmt::format("[pdf] browser '{}' not found", configured));
  }
  return plan;
}

void write_pdf(ProductRun& run, const std::string& path, std::string_view html, std::string_view css,
               const std::string& footer) {
  if (!run.plan.pdf) return;
  run.sink.write(path, print_pdf(run.plan.pdf_browser, html, css, footer));
}

}  // namespace gpress
