// gpress.toml: the project's settings.
//
// Parsed with toml++ and checked key by key: an unknown key is an error at its
// line (with a suggestion), so a typo never silently falls back to a default.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

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
  /// [programme] cohort: ICB, sub-ICB, PCN or ODS codes whose practices get
  /// packs, reports, a rank and the thematic report. Empty: every practice.
  struct CohortCode {
    std::string code;
    SourceLoc loc;
  };
  std::vector<CohortCode> cohort;
};

struct PrivacyConfig {
  /// Counts from 1 to threshold-1 are suppressed in outputs for a wider audience.
  int suppression_threshold = 5;
};

struct ThematicConfig {
  /// A PCN where at least this many practices share a finding or recommended
  /// action is an opportunity for collective work.
  int cluster_min_practices = 3;
  /// Opportunities shown on the page and in the workbook's summary, highest
  /// ranked first; the full table follows them.
  int top_opportunities = 5;
  /// The area whose practices share an opportunity: "pcn" or "sub-icb".
  std::string opportunity_area = "pcn";
};

/// The options report (docs/options-report.md).
struct OptionsConfig {
  /// Recommended actions the report leads with, highest priority first; the
  /// rest are listed as also considered.
  int max_actions = 5;
};

struct PacksConfig {
  /// How many practices like each practice its data pack compares it with
  /// (docs/comparators.md, "Practices like yours").
  int peers = 10;
  /// The confidence level, in percent, at which a practice is significantly
  /// better or worse than its areas: 95 or 99.8 (Fingertips' two levels).
  double significance = 95.0;
};

struct PdfConfig {
  /// Print each data pack and options report to PDF too, as --pdf does.
  bool enabled = false;
  /// The Chromium executable; empty means chromium on PATH.
  std::string browser;
};

struct SearchConfig {
  /// Pagefind executable; empty means look in node_modules/.bin, then PATH.
  std::string pagefind;
  /// Build the search index at all.
  bool enabled = true;
};

/// How the options report scores the 16 national criteria
/// (docs/options-report.md gives the reasons for each default).
struct RiskConfig {
  /// Weight of each national criterion 1-16 (index 0 is criterion 1) in the
  /// risk score: the sum of the weights of the criteria met.
  std::array<int, 16> weights = {5, 3, 2, 2, 2, 1, 1, 3, 2, 1, 1, 1, 3, 1, 1, 1};
  /// Comparator an indicator is judged against: pcn, sub-icb, icb or england.
  std::string comparator = "england";
  SourceLoc comparator_loc;
  /// An indicator judged against a fixed value instead of a comparator: met
  /// when the value is on the wrong side of it for the indicator's polarity.
  struct Threshold {
    std::string indicator;
    double value = 0;
    SourceLoc loc;
  };
  std::vector<Threshold> thresholds;
  /// Met criteria named in the ranked list, highest weight first.
  int top_criteria = 3;
};

/// The rules that give a practice its support level, tried in order
/// Manage, Stabilise, Improve, Sustain (docs/options-report.md).
struct SupportConfig {
  std::vector<int> manage_criteria = {1};
  int manage_score = 12;
  std::vector<int> manage_with_criteria = {8};
  std::vector<int> stabilise_criteria = {5, 13};
  int stabilise_score = 7;
  int improve_score = 1;
  /// Readiness for change: the team 360 mean at least this, and the mean
  /// maturity level at least readiness_maturity.
  double readiness_team360 = 3.0;
  char readiness_maturity = 'B';
  /// A practice with no criterion met is Sustain only when its mean maturity
  /// level reaches this; below it the operational model needs improving.
  char sustain_maturity = 'C';
};

/// The team 360 tool (docs/configuration.md).
struct Team360Config {
  /// [team360] dimensions: the tool's dimensions in the order the options
  /// report lists them, as it spells them; then the assessments may name no
  /// other. Empty: whatever data/assessments/team360.csv names, in the order
  /// first seen.
  std::vector<std::string> dimensions;
};

struct Config {
  std::filesystem::path file;  ///< where it was read from
  SiteConfig site;
  ProgrammeConfig programme;
  PrivacyConfig privacy;
  SearchConfig search;
  PdfConfig pdf;
  ThematicConfig thematic;
  OptionsConfig options;
  PacksConfig packs;
  RiskConfig risk;
  SupportConfig support;
  Team360Config team360;
};

/// Reads `path`. Problems go to `diags`; the returned Config holds defaults
/// for anything missing or invalid. A missing file is an error.
Config load_config(const std::filesystem::path& path, const std::string& display_path, Diagnostics& diags);

}  // namespace gpress
