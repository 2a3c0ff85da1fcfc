// CSV in and out (RFC 4180), with the place of every field.
//
// The reader keeps one buffer of unquoted field text per table and a small
// record (offset, size, line, column) per field, so a 500,000-row values.csv
// costs a handful of allocations rather than one per field. Every problem is
// reported at its line and column: unterminated quotes, rows whose field count
// differs from the header's, bytes that are not UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace gpress {

struct CsvOptions {
  /// The first record names the columns. Without a header (ODS epraccur) the
  /// columns are only reachable by index and rows may have any field count.
  bool has_header = true;
  /// Text that is not UTF-8 is read as Windows-1252 (what Excel on Windows
  /// writes) and converted, with a warning at the first such byte. When false
  /// it is an error instead: gpress's own data files must be UTF-8.
  bool allow_windows_1252 = false;
  /// Rows whose field count differs from the header's are errors (and are
  /// dropped). When false they are kept as they are.
  bool check_field_count = true;
};

/// Where one field's text lives in its table's buffer, and where it was read.
struct CsvField {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

class CsvTable;
class CsvParser;

/// One record of a table; cheap to copy, valid while its table lives.
class CsvRow {
 public:
  CsvRow(const CsvTable* table, std::size_t first, std::size_t count) : table_(table), first_(first), count_(count) {}
  std::size_t size() const { return count_; }
  /// The field's text, unquoted; empty when the row has no such column.
  std::string_view operator[](std::size_t column) const;
  /// Where the field starts; a missing field points at the row's start.
  SourceLoc loc(std::size_t column) const;
  /// Line on which the record starts.
  std::uint32_t line() const;

 private:
  const CsvTable* table_;
  std::size_t first_;
  std::size_t count_;
};

/// A parsed CSV file: the header (if any) and every well-formed data row.
class CsvTable {
 public:
  /// The path used in messages, as the user would type it.
  const std::string& path() const { return path_; }
  /// Header cells as written (UTF-8, unquoted).
  const std::vector<std::string>& header() const { return header_; }
  /// Index of the column called `name`, compared after folding ASCII case,
  /// trimming and collapsing runs of whitespace (newlines in header cells
  /// included): "Sub ICB Loc \nODS code" is found as "sub icb loc ods code".
  std::optional<std::size_t> column(std::string_view name) const;
  /// The first column whose folded name starts with `prefix` (folded too):
  /// for headers that change their tail every year, such as
  /// "Achievement score (559 max)" / "(635 max)".
  std::optional<std::size_t> column_starting(std::string_view prefix) const;
  std::size_t row_count() const { return rows_.size(); }
  CsvRow row(std::size_t i) const { return {this, rows_[i].first, rows_[i].count}; }
  /// Where the header cell of `column` is (line 1 unless the file has a BOM-only first line).
  SourceLoc header_loc(std::size_t column) const;
  /// Location for messages about a whole column that is missing.
  SourceLoc header_line_loc() const { return SourceLoc{path_, header_line_, 0}; }

 private:
  friend class CsvRow;
  friend class CsvParser;
  struct RowRef {
    std::size_t first;
    std::size_t count;
  };
  std::string path_;
  std::string buffer_;
  std::vector<CsvField> fields_;
  std::vector<RowRef> rows_;
  std::vector<std::string> header_;
  std::vector<std::string> folded_header_;
  std::vector<CsvField> header_fields_;
  std::uint32_t header_line_ = 1;
};

/// Header-name folding used by CsvTable::column: ASCII lower case, trimmed,
/// every run of whitespace made one space.
std::string fold_header(std::string_view name);

/// Parses `bytes` (the whole file). Problems go to `diags` with `path` as
/// the file name; malformed rows are left out of the table.
CsvTable parse_csv(std::string path, std::string_view bytes, Diagnostics& diags, const CsvOptions& options = {});

/// Reads and parses a file; `display_path` names it in messages (defaults to
/// `file` as given). A file whose name ends in `.gz` is inflated first (lines
/// and columns in messages are those of the inflated text). Throws
/// InternalError when the file cannot be read.
CsvTable read_csv(const std::filesystem::path& file, Diagnostics& diags, const CsvOptions& options = {},
                  std::string display_path = {});

/// A project's data file: `plain` (data/values.csv) when it exists, else its
/// compressed twin `plain` + ".gz" when that exists, else `plain`.
std::filesystem::path data_file(const std::filesystem::path& plain);

/// True when `bytes` is valid UTF-8; otherwise `bad_offset` is the first bad byte.
bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset = nullptr);

/// Windows-1252 text converted to UTF-8.
std::string windows_1252_to_utf8(std::string_view bytes);

/// Writes CSV deterministically: fields quoted only when they contain a comma,
/// quote, CR or LF (or start/end with a space), quotes doubled, LF line ends.
class CsvWriter {
 public:
  void row(const std::vector<std::string>& fields);
  void row(std::initializer_list<std::string_view> fields);
  void field(std::string_view value);
  void end_row();
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool row_started_ = false;
};

/// One field as CSV text (quoted when needed).
std::string csv_escape(std::string_view value);

}  // namespace gpress
