// Markdown to safe HTML. The only place that includes cmark-gfm.
#pragma once

#include <string>
#include <string_view>

namespace gpress {

struct RenderedMarkdown {
  std::string html;  ///< safe HTML: raw HTML omitted, unsafe link schemes dropped
};

/// GitHub-flavoured Markdown (tables, strikethrough, autolinks, tagfilter,
/// footnotes) rendered in cmark's safe mode. Headings are shifted down one
/// level when the body uses `#`, because the page title is the page's only h1.
/// Tables get NHS.UK classes and a focusable scroll wrapper for narrow screens.
RenderedMarkdown render_markdown(std::string_view markdown);

}  // namespace gpress
