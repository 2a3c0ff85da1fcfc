// The PDFs of the practice documents (`gpress build --pdf`, or [pdf] enabled):
// data-pack.pdf and options-report.pdf beside their pages, printed while the
// pages are rendered, so they are committed, kept and removed with them.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "products/product.hpp"

namespace gpress {

/// Whether PDFs are printed (--pdf or [pdf] enabled) and the browser that
/// prints them; an error naming the fix when there is none.
BuildPlan validate_pdf(const Project& project, const ProductRequest& options, Diagnostics& diags);

/// When this build prints PDFs, prints `html` to `path` (relative to the
/// project) through run.sink, with `footer` at the foot of every page.
/// `css` is added for printing (a stylesheet the page links to).
void write_pdf(ProductRun& run, const std::string& path, std::string_view html, std::string_view css,
               const std::string& footer);

}  // namespace gpress
