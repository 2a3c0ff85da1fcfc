// What every importer shares: the project's current data files, the rows a
// source replaces in them, and the rules for reading a publication's cells.
//
// An import reads the whole publication first, collecting every problem;
// only when there is none does commit() rewrite data/*.csv, each file
// atomically, with rows sorted so the same inputs give the same bytes.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "import/import.hpp"
#include "load/csv.hpp"
#include "model/practice_data.hpp"

namespace gpress::import_detail {

namespace fs = std::filesystem;

/// A practice as practices.csv stores it (design.md column order).
struct PracticeRow {
  std::string ods_code, name, postcode, pcn_code, pcn_name, sub_icb_code, sub_icb_name, icb_code, icb_name, region,
      list_size;
  std::string closed_on;         ///< ISO date; empty while open
  std::string groupings_on;      ///< ISO date the PCN, sub-ICB and ICB are as at
  std::string groupings_source;  ///< sources.csv id of the source that gave them
};

/// A practice's PCN, sub-ICB location and ICB as one source gives them.
struct Groupings {
  std::string pcn_code, pcn_name, sub_icb_code, sub_icb_name, icb_code, icb_name;
};

/// Whether a source's row for a practice is kept.
enum class Membership { kKept, kOutsideIcb, kNotInRegister };

/// A values.csv row; numbers are kept as their written text so rows of other
/// sources are carried over byte for byte.
struct ValueRow {
  std::string ods_code, indicator_id, period, value, numerator, denominator;
};

struct IndicatorDef {
  std::string id, name;
  Domain domain;
  std::optional<int> criterion;
  Unit unit;
  Polarity polarity;
  /// How a practice's value is compared (design.md): "wilson" for a
  /// proportion of people (or calls), "byar" for a rate of events, "none" for
  /// points, FTEs, scores, money and ratios. The same in every period.
  std::string interval;
  std::string description;
};

/// A row of data/sources.csv: what the packs print in their footer.
struct SourceInfo {
  std::string id, title, publisher, period, url, attribution;
};
// Its `coverage` column is filled by commit(): the --icb codes, or empty.

/// A sub-ICB location and its ICB (data/sub_icbs.csv, written by icb-lookup).
struct SubIcbRow {
  std::string sub_icb_code, sub_icb_name, icb_code, icb_name;
};

class ImportContext {
 public:
  explicit ImportContext(const ImportOptions& options);

  const ImportOptions& options() const { return options_; }
  Diagnostics diags;

  /// The register as it is in data/practices.csv (possibly empty).
  std::map<std::string, PracticeRow>& practices() { return practices_; }
  bool has_register() const { return has_register_; }
  /// The ICB codes the register was limited to (`--icb` when epraccur was
  /// imported), space-separated; empty when it holds every English practice.
  const std::string& register_coverage() const { return register_coverage_; }
  /// Reports an error (once) unless data/practices.csv exists; sources other
  /// than epraccur attach their rows to its practices.
  bool require_register();
  /// Whether rows of `ods` are kept: in the register and, with --icb, in one
  /// of those ICBs.
  Membership membership(std::string_view ods) const;
  /// `source`'s groupings of a practice as at `on` (ISO date). They replace
  /// the register's when they are at least as new; epraccur names no PCN, so
  /// any other source beats it whatever its date (an empty PCN from another
  /// source means the practice is in none). The ICB comes from
  /// data/sub_icbs.csv where the offer has none; a name is kept while its
  /// code is unchanged, so the case of names does not flip between sources.
  void offer_groupings(const std::string& ods, Groupings g, const std::string& on, const std::string& source);
  /// Checks each --icb code against `known` ICB codes, with a suggestion.
  void check_icbs(const std::set<std::string>& known, std::string_view where);
  void practices_changed() { practices_dirty_ = true; }

  /// The sub-ICB lookup as it is in data/sub_icbs.csv (possibly empty).
  std::map<std::string, SubIcbRow>& sub_icbs() { return sub_icbs_; }
  void sub_icbs_changed() { sub_icbs_dirty_ = true; }

  /// The publication's row of sources.csv (replacing the row of the same id).
  void set_source(const SourceInfo& source) { source_ = source; }
  /// This source's rows of values.csv and indicators.csv replace the previous
  /// ones of the same indicator ids (call set_source too).
  void set_values(const std::vector<IndicatorDef>& indicators, std::vector<ValueRow> rows);
  /// Replaces the whole of cqc.csv (design.md column order, one row each).
  void set_cqc(std::vector<std::vector<std::string>> rows);
  /// Replaces data/age_sex.csv with these rows (ods_code, period, sex,
  /// age_band, patients), already in the order to write.
  void set_age_sex(std::vector<std::vector<std::string>> rows);

  /// The path of `file` as the user gave it, for messages.
  static std::string display(const fs::path& file) { return file.generic_string(); }
  /// `project`/data/`name` for messages.
  std::string data_display(const char* name) const;

  /// Throws InputError when anything was reported; otherwise keeps each data
  /// file it replaces beside it (values.csv.bak), writes every changed data file and returns
  /// `summary`.
  ImportResult commit(std::string summary);

 private:
  void load_existing();

  ImportOptions options_;
  fs::path data_dir_;
  std::map<std::string, PracticeRow> practices_;
  std::map<std::string, SubIcbRow> sub_icbs_;
  bool has_register_ = false;
  std::string register_coverage_;
  bool register_reported_ = false;
  bool practices_dirty_ = false;
  bool sub_icbs_dirty_ = false;
  std::optional<SourceInfo> source_;
  bool values_set_ = false;
  std::vector<IndicatorDef> indicators_;
  std::vector<ValueRow> values_;
  std::optional<std::vector<std::vector<std::string>>> cqc_;
  std::optional<std::vector<std::vector<std::string>>> age_sex_;
};

/// `v` as published, never rounded to a number of decimals: the shortest
/// text that reads back as the same number ("12", "90.42", "17.8753689553392"),
/// to the 15 significant digits a double holds exactly. Pages and workbooks
/// round for display only.
std::string format_number(double v);
std::string format_optional(const std::optional<double>& v);

/// A value row: value = scale(unit) * num / den where both are given and
/// den > 0; otherwise the explicit `value` (or empty). Every number is
/// written with format_number().
ValueRow make_row(std::string_view ods, const IndicatorDef& ind, std::string_view period, std::optional<double> value,
                  std::optional<double> numerator = std::nullopt, std::optional<double> denominator = std::nullopt);

/// The period the files cover: --period if given (checked), else `from_file`
/// (if any), else an error at `file` asking for --period.
std::optional<std::string> period_for(const ImportContext& ctx, const fs::path& file,
                                      const std::optional<std::string>& from_file, Diagnostics& diags,
                                      std::string_view example);

/// A financial year "2022-23" written anywhere in `name` as 2022-23, 22-23 or 2022_23.
std::optional<std::string> financial_year_in(std::string_view name);

/// The last day of `period` as an ISO date (2022-23 -> 2023-03-31,
/// 2025-12 -> 2025-12-31): the date a source's groupings are as at.
std::string period_end_date(std::string_view period);

/// 1234567 -> "1,234,567".
std::string with_thousands(std::size_t n);

/// The ODS region names of epraccur's national grouping codes.
std::string region_name(std::string_view code);

constexpr const char* kOgl = "Open Government Licence v3.0";

// One function per SOURCE; each reads ctx.options().files and records its rows.
ImportResult import_epraccur(ImportContext& ctx);
ImportResult import_icb_lookup(ImportContext& ctx);
ImportResult import_registrations(ImportContext& ctx);
ImportResult import_qof(ImportContext& ctx);
ImportResult import_qof_prevalence(ImportContext& ctx);
ImportResult import_workforce(ImportContext& ctx);
ImportResult import_payments(ImportContext& ctx);
ImportResult import_cqc(ImportContext& ctx);
ImportResult import_imd(ImportContext& ctx);
ImportResult import_gpps(ImportContext& ctx);

struct SourceSpec;
// What each importer reads (for messages that name what a file looks like).
const SourceSpec& epraccur_spec();
const SourceSpec& icb_lookup_spec();
const SourceSpec& registrations_spec();
const SourceSpec& qof_spec();
const SourceSpec& qof_prevalence_spec();
const SourceSpec& workforce_spec();
const SourceSpec& payments_spec();
const SourceSpec& cqc_spec();
const SourceSpec& cqc_overall_spec();
const SourceSpec& imd_spec();
const SourceSpec& gpps_spec();
const SourceSpec& telephony_spec();
const SourceSpec& online_consultations_spec();
ImportResult import_telephony(ImportContext& ctx);
ImportResult import_online_consultations(ImportContext& ctx);

}  // namespace gpress::import_detail
