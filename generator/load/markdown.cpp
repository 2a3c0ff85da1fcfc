#include "load/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace gpress {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};

// Safe mode is cmark's default (no CMARK_OPT_UNSAFE): raw HTML becomes a
// comment and javascript:, vbscript:, file: and most data: URLs become "".
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharDeleter {
  void operator()(char* s) const { free(s); }  // cmark allocates with the default allocator
};

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// The page title is the h1; a body that also uses `#` would give two.
void demote_headings_if_h1(cmark_node* root) {
  bool has_h1 = false;
  for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n))
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1) has_h1 = true;
  if (!has_h1) return;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(n);
      cmark_node_set_heading_level(n, level < 6 ? level + 1 : 6);
    }
  }
  cmark_iter_free(it);
}

}  // namespace

RenderedMarkdown render_markdown(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  demote_headings_if_h1(doc.get());

  std::unique_ptr<char, CharDeleter> html(
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
  RenderedMarkdown out{html ? std::string(html.get()) : std::string()};
  // Raw HTML is omitted in safe mode, so a literal "<table>" here can only come
  // from cmark itself: authors' text arrives escaped.
  replace_all(out.html, "<table>",
              "<div class=\"gp-table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">"
              "<table class=\"nhsuk-table\">");
  replace_all(out.html, "</table>", "</table></div>");
  return out;
}

}  // namespace gpress
