// The toolkit site's page tree: which pages exist, where they go, what links
// where, and the template context of each.
//
//   site/
//     index.html                           home: themes, newest items, search
//     <theme>/index.html                   a theme, items grouped by type
//     <theme>/<item>/index.html            an item
//     case-studies/index.html              every case study, filterable
//     case-studies/theme/<theme>/index.html  the same list for one theme (works without JavaScript)
//     case-studies/tag/<tag>/index.html    ... for one tag
//     maturity-framework/index.html        the matrix and the self-assessment
//     tags/index.html, tags/<tag>/index.html
//     <page>/index.html                    standalone pages
//     search/index.html                    full-text search (Pagefind)
//     sitemap.xml, feed.xml, 404.html
//     assets/                              styles and scripts
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "assemble/context.hpp"
#include "config/config.hpp"
#include "load/content.hpp"
#include "model/content.hpp"

namespace gpress {

/// The page (content/pages/accessibility.md) the footer of every page links
/// as the site's accessibility statement.
inline constexpr std::string_view kAccessibilitySlug = "accessibility";

/// One output file: its path under site/, its template, and how to make its
/// context. Contexts are made when rendered, so the whole site never sits in
/// memory at once.
struct PlannedPage {
  std::string output;         ///< "workforce-and-wellbeing/index.html"
  std::string template_name;  ///< "theme.html"
  std::function<nlohmann::json()> context;
  /// A key of the content the context is made from, cheap to know before the
  /// context is: pages with the same key (and template) have the same context.
  std::uint64_t inputs = 0;
};

/// The site's structure worked out from the items' listed fields (everything
/// but their bodies): what each theme lists and in which order, the newest
/// items, tags, neighbours and related items. It holds positions in the item
/// list, not pages, so a rebuild whose items list the same fields reuses it
/// (`gpress serve` keeps it between rebuilds: BuildOptions::toolkit_index).
struct ToolkitIndex {
  struct Tag {
    std::string name;
    std::string slug;
    std::vector<std::size_t> items;  ///< newest first
  };
  std::uint64_t key = 0;                              ///< of the themes' slugs and every item's listed fields, in order
  std::vector<std::vector<std::size_t>> theme_items;  ///< per theme, listing order
  std::vector<std::size_t> item_theme;                ///< item -> theme index
  std::vector<std::size_t> newest;                    ///< items, newest first
  std::vector<std::size_t> case_studies;              ///< newest first
  std::vector<Tag> tags;                              ///< by slug
  std::vector<std::vector<std::size_t>> related;
  std::vector<std::size_t> prev, next;  ///< within the theme; npos at the ends
};

/// Derived structure of the site, built once from the loaded content.
class Toolkit {
 public:
  /// `previous` is the index of an earlier build: used as it is when the
  /// items' listed fields have not changed since, made again otherwise.
  Toolkit(const Config& config, const std::vector<Theme>& themes, const ContentSet& content,
          std::shared_ptr<const ToolkitIndex> previous = nullptr);

  /// The index this toolkit uses, for the next build to reuse.
  const std::shared_ptr<const ToolkitIndex>& index() const { return index_; }

  /// Renders an item's card (partials/card.html) from its context. Each card
  /// is rendered once, when first listed, and reused by every listing and
  /// related-items panel that shows it; set before making any context.
  using CardRenderer = std::function<std::string(const nlohmann::json& card)>;
  void render_cards_with(CardRenderer render_card);

  /// Every page of the site, in a fixed order.
  std::vector<PlannedPage> plan() const;

  /// The variables each template may use (docs/templates.md documents them).
  static const std::vector<std::pair<std::string, TemplateSchema>>& schemas();

 private:
  nlohmann::json common(const std::string& root, const std::string& title, const std::string& folder) const;
  nlohmann::json card(std::size_t item, const std::string& root) const;
  const std::string& card_html(std::size_t item) const;
  /// A listing entry: the item's rendered card, its links made relative to `root`.
  nlohmann::json listed(std::size_t item, const std::string& root) const;
  nlohmann::json item_context(std::size_t item) const;
  nlohmann::json theme_context(std::size_t theme) const;
  nlohmann::json home_context() const;
  nlohmann::json case_studies_context(const std::string& theme, const std::string& tag) const;
  nlohmann::json maturity_context() const;
  nlohmann::json tag_context(const ToolkitIndex::Tag& tag) const;
  nlohmann::json tags_context() const;
  nlohmann::json page_context(std::size_t page) const;
  nlohmann::json simple_context(const std::string& title, const std::string& folder, int depth) const;
  nlohmann::json not_found_context() const;
  nlohmann::json sitemap_context() const;
  nlohmann::json feed_context() const;

  std::string link(const std::string& root, const std::string& folder) const;
  std::string absolute(const std::string& folder) const;
  const Theme& theme_of(std::size_t item) const;

  const Config& config_;
  const std::vector<Theme>& themes_;
  const ContentSet& content_;
  std::shared_ptr<const ToolkitIndex> index_;
  /// Everything the pages show except item bodies: the key of every page
  /// that shows no body, and part of the key of those that do.
  std::uint64_t shared_inputs_ = 0;
  CardRenderer render_card_;
  mutable std::vector<std::string> card_html_;  ///< per item, links from kRootMark
  mutable std::unique_ptr<std::once_flag[]> card_once_;
};

}  // namespace gpress
