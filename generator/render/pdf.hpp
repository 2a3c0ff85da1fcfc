// Pages printed to PDF by headless Chromium (`chromium --headless
// --print-to-pdf`): A4 from the pages' own print CSS, with a footer naming
// the document and page numbers added for the PDF.
//
// Chromium rather than WeasyPrint: on one data pack it took about half of
// WeasyPrint's time, it draws the page as the browser tests check it (same
// engine, scripts run, all of the print CSS understood: WeasyPrint ignores
// some), and it is already what the tests need. WeasyPrint's PDF is a fifth
// of the size. bench/RESULTS.md has the figures.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gpress {

/// The browser to print with: `configured` ([pdf] browser) when set and
/// present, else chromium, chromium-browser or google-chrome on PATH.
std::optional<std::filesystem::path> find_pdf_browser(const std::string& configured);

/// A CSS string literal (quotes included) saying `text`: every ASCII
/// character but letters, digits and spaces is a CSS escape ("\3a " for
/// ':'), so the result is also safe inside HTML.
std::string css_string(std::string_view text);

/// Prints a self-contained page to PDF and returns the PDF's bytes. `css` is
/// added to the page for printing only (a stylesheet the page links to, the
/// footer). The PDF's creation and modification dates are fixed, so the same
/// page gives the same bytes. Throws InternalError when the browser fails.
std::string print_pdf(const std::filesystem::path& browser, std::string_view html, std::string_view css,
                      const std::string& footer);

}  // namespace gpress
