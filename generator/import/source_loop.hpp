// The one loop every importer runs (design.md, "Data files"): an importer is
// a column specification plus a row function.
//
// The loop opens each file (CSV, or a sheet of an .xlsx workbook), matches
// the specification's columns against the header by every name they have had
// over the years, and calls the row function for each row. The row function
// reads its cells and either says the row is not a practice's (a national
// total, a breakdown by age) with skip(), or asks accept() whether to keep
// it. accept() applies the rules every source shares: unassigned rows,
// practices not in the register, --icb, and "listed twice". The loop counts
// every row into one of these, so an import ends with where each row went.
//
// A file of the wrong kind (JSON, a workbook, another publication's CSV)
// gives one error naming what it looks like; errors are capped per file.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "import/common.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

/// One column an importer reads.
struct ColumnSpec {
  /// Every header it has had over the years, folded (lower case, single
  /// spaces, footnote markers such as "[7]" removed); a name ending in '*'
  /// matches any header that starts with the rest. For a file without a
  /// header, the one name is the field's 0-based position ("12").
  std::vector<std::string> names{};
  bool required = true;
};

/// Where the period of a file's rows comes from.
enum class FilePeriod {
  kRows,      ///< the row function sets it from a cell (--period overrides)
  kFileName,  ///< a financial year in the file name, or --period
  kOption,    ///< only --period
};

/// What an importer reads from each file.
struct SourceSpec {
  std::string kind{};                 ///< "a QOF points-achieved file", for messages
  std::vector<ColumnSpec> columns{};  ///< indexed by the importer's own column enum
  std::size_t code = 0;               ///< the column holding the practice's ODS code
  bool has_header = true;
  std::size_t fields = 0;  ///< a headerless file's field count (epraccur: 27)
  std::string sheet{};     ///< a workbook's sheet; empty for CSV
  FilePeriod period = FilePeriod::kRows;
  std::string period_example = "2022-23";
  /// A practice appears at most once per period (and part): false where a
  /// source lists several locations of one practice (CQC).
  bool once_per_period = true;
  /// Rows attach to practices of data/practices.csv (all but epraccur, which
  /// makes the register, and the sub-ICB lookup).
  bool needs_register = true;
  /// Rows are practices' (all but the sub-ICB lookup, whose code column holds
  /// sub-ICB codes).
  bool practice_rows = true;
};

/// Where the rows of an import went.
struct RowCounts {
  std::size_t read = 0;                      ///< data rows read, in every file
  std::size_t kept = 0;                      ///< rows kept
  std::size_t refused = 0;                   ///< rows of practices not in the register
  std::size_t outside = 0;                   ///< rows of practices outside --icb
  std::size_t uncovered = 0;                 ///< rows of practices not in a register limited to some ICBs
  std::size_t unassigned = 0;                ///< rows the source assigns to no practice
  std::size_t no_data = 0;                   ///< rows of practices with nothing published
  std::size_t bad = 0;                       ///< rows with an error
  std::map<std::string, std::size_t> other;  ///< rows that are not a practice's, by reason
  std::set<std::string> kept_practices;
  std::set<std::string> refused_practices;
  std::set<std::string> periods;
  std::size_t files = 0;
};

class RowReader;

/// One row of a source, as the row function sees it.
class SourceRow {
 public:
  /// The cell of `col`, trimmed; empty when the column is optional and absent.
  std::string_view text(std::size_t col) const;
  /// True when the file has column `col`.
  bool has(std::size_t col) const;
  /// A numeric cell: empty, NA, *, -, .., : and c (the marks for missing or
  /// suppressed) give nullopt; thousands separators are allowed; anything
  /// else is an error at the cell, and the row is not kept.
  std::optional<double> number(std::size_t col);
  SourceLoc loc(std::size_t col) const;
  /// Reports a problem with a cell; the row is not kept.
  void error(std::size_t col, std::string message);
  /// A warning at a cell; the row is still kept.
  void warning(std::size_t col, std::string message);
  bool ok() const { return ok_; }
  /// The practice code (the spec's code column).
  const std::string& ods() const { return ods_; }
  /// The period of the row: the file's, or what set_period gave.
  const std::string& period() const { return period_; }
  void set_period(std::string period) { period_ = std::move(period); }
  /// Which of the specs given to the loop this file matched.
  std::size_t layout() const { return layout_; }
  /// The row is not a practice's (a total, another breakdown): counted under
  /// `reason`, never kept.
  void skip(std::string_view reason);
  /// The practice published nothing in this row: counted, not kept.
  void no_data();
  /// True when the row is to be kept: it is ok, it names a practice in the
  /// register (inside --icb), and no earlier row gave the same practice,
  /// period and `part`. Otherwise counts why not (and reports "listed
  /// twice" as an error).
  bool accept(std::string_view part = {});
  /// For the register itself (epraccur): like accept(), with --icb applied
  /// to the row's own ICB code and no register to look in.
  bool accept_in_icb(std::string_view icb);

 private:
  friend class RowReader;
  bool accept_checked(std::string_view part);
  RowReader* reader_ = nullptr;
  std::size_t row_ = 0;
  std::size_t layout_ = 0;
  std::string ods_;
  std::string period_;
  bool ok_ = true;
  bool settled_ = false;
};

using RowFunction = std::function<void(SourceRow&)>;

/// Runs `fn` over every row of every file of the import (ctx.options().files)
/// read with the first of `specs` whose required columns the file has.
/// Errors go to ctx.diags; returns the counts.
RowCounts read_rows(ImportContext& ctx, const std::vector<const SourceSpec*>& specs, const RowFunction& fn);
inline RowCounts read_rows(ImportContext& ctx, const SourceSpec& spec, const RowFunction& fn) {
  return read_rows(ctx, std::vector<const SourceSpec*>{&spec}, fn);
}

/// Every importer's specifications, by SOURCE name, for "this looks like"
/// messages (import.cpp fills it).
const std::vector<std::pair<std::string, const SourceSpec*>>& known_specs();

/// "2017-18 to 2022-23", "2020-21", or empty: the periods a source gave, for sources.csv.
std::string period_span(const std::set<std::string>& periods);

/// The lines that end an import: where every row went.
std::string describe_counts(std::string_view source, const RowCounts& counts, const ImportContext& ctx);

/// Refuses an import that keeps no rows, or that drops (refuses or finds
/// unassigned) more than kMaxDroppedShare of the practice rows it read,
/// unless --force was given.
void check_dropped(ImportContext& ctx, std::string_view source, const RowCounts& counts);

/// The share of a source's practice rows an import may drop without --force.
constexpr double kMaxDroppedShare = 0.05;

}  // namespace gpress::import_detail
