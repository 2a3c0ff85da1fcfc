// gpress.toml: the project's settings.
//
// Parsed with toml++ and checked key by key: an unknown key is an error at its
// line (with a suggestion), so a typo never silently falls back to a default.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.hpp"

namespace gpress {

struct SiteConfig {
  std::string title = "General Practice Resilience Toolkit";
  std::string description;
  /// Absolute URL the site is served from, always ending in '/'. Used for
  /// sitemap.xml, feed.xml and canonical links; page links are relative so the
  /// site also works from a folder or under any path.
  std::string base_url = "http://localhost/";
  std::string language = "en-GB";
  /// Link folders as "theme/" rather than "theme/index.html". Off by default
  /// so the site also works opened straight from disk.
  bool pretty_urls = false;
  /// Items listed on the home page as "newest".
  int newest_items = 6;
};

struct ProgrammeConfig {
  std::string name = "General Practice Resilience Programme";
  std::string local_office;
  std::string support_unit;
};

struct PrivacyConfig {
  /// Counts from 1 to threshold-1 are suppressed in outputs for a wider audience.
  int suppression_threshold = 5;
};

struct SearchConfig {
  /// Pagefind executable; empty means look in node_modules/.bin, then PATH.
  std::string pagefind;
  /// Build the search index at all.
  bool enabled = true;
};

struct Config {
  std::filesystem::path file;  ///< where it was read from
  SiteConfig site;
  ProgrammeConfig programme;
  PrivacyConfig privacy;
  SearchConfig search;
};

/// Reads `path`. Problems go to `diags`; the returned Config holds defaults
/// for anything missing or invalid. A missing file is an error.
Config load_config(const std::filesystem::path& path, const std::string& display_path, Diagnostics& diags);

}  // namespace gpress
