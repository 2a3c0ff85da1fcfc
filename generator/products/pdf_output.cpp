#include "products/pdf_output.hpp"

#include <fmt/format.h>

#include "build.hpp"
#include "render/pdf.hpp"

namespace gpress {

void validate_pdf(const Project& project, BuildOptions& options, Diagnostics& diags) {
  options.pdf = options.pdf || project.config.pdf.enabled;
  if (!options.pdf || !options.pdf_browser.empty()) return;
  const std::string& configured = project.config.pdf.browser;
  if (auto browser = find_pdf_browser(configured)) {
    options.pdf_browser = browser->string();
  } else if (configured.empty()) {
    diags.error({"--pdf"}, "PDFs are printed by Chromium, which is not on PATH: install it (`apt-get install "
                           "chromium`) or name it in gpress.toml as [pdf] browser");
  } else {
    diags.error({"gpress.toml"}, fmt::format("[pdf] browser '{}' not found", configured));
  }
}

void write_pdf(ProductRun& run, const std::string& path, std::string_view html, std::string_view css,
               const std::string& footer) {
  if (!run.options.pdf) return;
  run.sink.write(path, print_pdf(run.options.pdf_browser, html, css, footer));
}

}  // namespace gpress
