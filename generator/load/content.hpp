// content/**/*.md: front matter and Markdown body into Pages, validated.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "load/content_cache.hpp"
#include "model/content.hpp"

namespace gpress {

struct ContentSet {
  PageList items;          ///< toolkit items (report, point of view, tool, case study)
  PageList pages;          ///< standalone pages
  PageList actions;        ///< the menu of support
  std::size_t drafts = 0;  ///< files skipped because `draft: true`
};

/// Parses one Markdown file's front matter and body. `display_path` is how the
/// file is named in messages and is also the source of the slug. Problems go
/// to `diags`; returns nullopt when the file is too broken to use.
std::optional<Page> parse_page(const std::string& display_path, std::string_view text, Diagnostics& diags);

/// Every file under `<project>/content`, parsed on `jobs` threads, checked
/// against the themes (unknown theme, duplicate slug in a theme, a standalone
/// page whose slug would collide with a generated folder).
ContentSet load_content(const std::filesystem::path& project, const std::vector<Theme>& themes, unsigned jobs,
                        Diagnostics& diags, ContentCache* cache = nullptr);

/// Output folder names a standalone page may not take.
const std::vector<std::string>& reserved_page_slugs();

}  // namespace gpress
