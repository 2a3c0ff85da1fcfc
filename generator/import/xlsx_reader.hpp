// Just enough of an .xlsx reader for NHS England's publication workbooks:
// the zip's stored and deflated entries (through zlib), the workbook's sheet
// list, shared strings and one sheet's cell values. No styles, formulas or
// dates: a date is the number Excel stores (days since 1899-12-30).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace gpress::import_detail {

/// One worksheet's values: rows[r][c] is the text of the cell in row r+1,
/// column c+1 (empty when blank). Numbers are Excel's own text ("0.548",
/// "45992"); `\r\n` and `_x000D_` inside strings become "\n".
struct XlsxSheet {
  std::string path;  ///< the workbook, for messages
  std::string name;
  std::vector<std::vector<std::string>> rows;

  const std::string& cell(std::size_t row, std::size_t col) const;
  /// Where a cell is in messages: row as the line, column as the column (1-based).
  SourceLoc loc(std::size_t row, std::size_t col) const {
    return SourceLoc{path, static_cast<std::uint32_t>(row + 1), static_cast<std::uint32_t>(col + 1)};
  }
};

/// Reads the sheet called `sheet` from the workbook at `file`. Reports a
/// file that is not a workbook, or has no such sheet (listing those it has),
/// and returns nullopt.
std::optional<XlsxSheet> read_xlsx_sheet(const std::filesystem::path& file, const std::string& sheet,
                                         Diagnostics& diags);

/// An Excel serial date (days since 1899-12-30) as "YYYY-MM".
std::optional<std::string> excel_serial_month(double serial);

}  // namespace gpress::import_detail
