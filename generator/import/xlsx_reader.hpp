// Just enough of an .xlsx reader for NHS England's publication workbooks:
// the zip's stored and deflated entries (through zlib), the workbook's sheet
// list, shared strings and one sheet's cell values. No styles, formulas or
// dates: a date is the number Excel stores (days since 1899-12-30).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace gpress::import_detail {

/// What reading one workbook may unzip, by default (--max-unzipped-mb): the
/// largest sheet NHS England publishes is about 6 MB unzipped.
inline constexpr std::size_t kDefaultMaxUnzippedMb = 256;
/// Cells a sheet may span (rows, and columns up to each row's last value),
/// blanks included.
inline constexpr std::size_t kMaxSheetCells = std::size_t{1} << 22;

/// One worksheet's values: rows[r][c] is the text of the cell in row r+1,
/// column c+1 (empty when blank). Numbers are Excel's own text ("0.548",
/// "45992"); `\r\n` and `_x000D_` inside strings become "\n".
struct XlsxSheet {
  std::string path;  ///< the workbook, for messages
  std::string name;
  std::vector<std::vector<std::string>> rows;

  const std::string& cell(std::size_t row, std::size_t col) const;
  /// Where a cell is in messages: "file.xlsx:Table 3!B7".
  SourceLoc loc(std::size_t row, std::size_t col) const;
};

/// Reads the sheet called `sheet` from the workbook at `file`. Reports a
/// file that is not a workbook, has no such sheet (listing those it has), or
/// would unzip to more than `max_unzipped_mb`, and returns nullopt. Every cell
/// that cannot be read is reported at its sheet and reference.
std::optional<XlsxSheet> read_xlsx_sheet(const std::filesystem::path& file, const std::string& sheet,
                                         Diagnostics& diags, std::size_t max_unzipped_mb = kDefaultMaxUnzippedMb);

/// The same, from the workbook's bytes; `shown` is its path for messages.
std::optional<XlsxSheet> read_xlsx_bytes(std::string_view zip, const std::string& shown, const std::string& sheet,
                                         Diagnostics& diags, std::size_t max_unzipped_mb = kDefaultMaxUnzippedMb);

/// An Excel serial date (days since 1899-12-30) as "YYYY-MM".
std::optional<std::string> excel_serial_month(double serial);

}  // namespace gpress::import_detail
