// Plain data for the toolkit: themes with their maturity framework, and the
// Markdown pages (toolkit items, standalone pages, menu-of-support actions).
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/shared_text.hpp"

namespace gpress {

/// The maturity levels, in order.
inline constexpr std::array<char, 4> kLevels = {'A', 'B', 'C', 'D'};

struct MaturityDomain {
  std::string title;
  std::array<std::string, 4> levels;  ///< what the domain looks like at A..D
  SourceLoc loc;
};

struct Theme {
  std::string slug;
  int number = 0;
  std::string title;
  std::string summary;
  std::array<std::string, 4> levels;  ///< key concept of each level A..D
  std::vector<MaturityDomain> domains;
  SourceLoc loc;
};

/// Page types, in the order a theme page lists them.
enum class PageType { kReport, kPointOfView, kTool, kCaseStudy, kPage, kAction };

/// The front-matter spelling ("point-of-view").
std::string_view to_string(PageType type);
std::optional<PageType> page_type_from_string(std::string_view text);
/// "Point of view" / "Points of view".
std::string_view type_label(PageType type);
std::string_view type_plural(PageType type);
bool is_toolkit_type(PageType type);
/// The four toolkit item types in listing order.
inline constexpr std::array<PageType, 4> kToolkitTypes = {PageType::kReport, PageType::kPointOfView, PageType::kTool,
                                                          PageType::kCaseStudy};

/// One `{key: value}` map from an action's `triggers:` list, kept as written so
/// the options report can interpret (and report on) each kind of trigger.
struct RawTrigger {
  SourceLoc loc;
  /// key -> values (one for a scalar, several for a list), with each key's place.
  std::vector<std::pair<std::string, std::vector<std::string>>> fields;
  std::vector<SourceLoc> field_locs;
};

struct Page {
  std::string path;  ///< as shown in messages: "content/<theme>/<slug>.md"
  std::string slug;  ///< file name without .md
  PageType type = PageType::kPage;
  std::string title;
  std::string summary;
  std::string theme;  ///< slug; empty for pages and actions
  std::vector<std::string> tags;
  std::string date;  ///< ISO date or empty
  std::string source;
  std::string organisation;
  int weight = 0;
  bool draft = false;
  // Actions only (content/actions/*.md).
  std::string menu;
  std::string gpfv_domain;
  /// The support levels the action suits, as written ("Manage", ...); empty
  /// means any. Checked when the triggers are compiled.
  std::vector<std::string> levels;
  std::vector<RawTrigger> triggers;

  /// Where each front-matter field's value is, for messages about it.
  std::map<std::string, SourceLoc> field_locs;

  /// The place of `field`'s value, or the file's first line if it has none.
  SourceLoc loc_of(const std::string& field) const {
    auto it = field_locs.find(field);
    return it == field_locs.end() ? SourceLoc{path, 1, 1} : it->second;
  }

  /// Rendered, safe HTML; for a page read from the parsed-content cache, a
  /// view into the cache file.
  SharedText body_html;
  /// Hash of the file's bytes: a key of everything parsed from it.
  std::uint64_t file_hash = 0;
  /// Hash of every field but the body: what listings, cards and navigation
  /// show of the page (listed_fields_hash(), set when the page is read).
  std::uint64_t listed_hash = 0;
};

/// The hash Page::listed_hash holds.
std::uint64_t listed_fields_hash(const Page& page);

/// Pages in a fixed order, each held once and shared: the parsed-content
/// cache and every build made from it hold the same pages, so a rebuild of a
/// large toolkit copies none of them. Reads like a vector of pages.
class PageList {
 public:
  using Ptr = std::shared_ptr<const Page>;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Page;
    using difference_type = std::ptrdiff_t;
    using pointer = const Page*;
    using reference = const Page&;
    const_iterator() = default;
    explicit const_iterator(std::vector<Ptr>::const_iterator it) : it_(it) {}
    const Page& operator*() const { return **it_; }
    const Page* operator->() const { return it_->get(); }
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    const_iterator operator++(int) {
      auto old = *this;
      ++it_;
      return old;
    }
    const_iterator& operator--() {
      --it_;
      return *this;
    }
    const_iterator operator--(int) {
      auto old = *this;
      --it_;
      return old;
    }
    const_iterator& operator+=(difference_type n) {
      it_ += n;
      return *this;
    }
    const_iterator& operator-=(difference_type n) {
      it_ -= n;
      return *this;
    }
    const_iterator operator+(difference_type n) const { return const_iterator(it_ + n); }
    friend const_iterator operator+(difference_type n, const const_iterator& i) { return i + n; }
    const_iterator operator-(difference_type n) const { return const_iterator(it_ - n); }
    difference_type operator-(const const_iterator& o) const { return it_ - o.it_; }
    const Page& operator[](difference_type n) const { return *it_[n]; }
    friend bool operator==(const const_iterator&, const const_iterator&) = default;
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.it_ <=> b.it_; }

   private:
    std::vector<Ptr>::const_iterator it_;
  };

  const Page& operator[](std::size_t i) const { return *pages_[i]; }
  std::size_t size() const { return pages_.size(); }
  bool empty() const { return pages_.empty(); }
  const_iterator begin() const { return const_iterator(pages_.begin()); }
  const_iterator end() const { return const_iterator(pages_.end()); }

  void push_back(Ptr page) { pages_.push_back(std::move(page)); }
  void push_back(Page page) { pages_.push_back(std::make_shared<const Page>(std::move(page))); }

 private:
  std::vector<Ptr> pages_;
};

}  // namespace gpress
