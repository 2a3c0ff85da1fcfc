#include "load/csv.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/gzip.hpp"
#include "core/input_text.hpp"

namespace gpress {

namespace {

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Length of the valid UTF-8 sequence at `p`, or 0 when the byte there does
// not start one (overlong forms and surrogates count as invalid).
std::size_t utf8_sequence(const unsigned char* p, std::size_t left) {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned int min = 0;
  unsigned int cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = c & 0x07u;
  } else {
    return 0;
  }
  if (left < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Code points of Windows-1252 bytes 0x80-0x9F; the rest of the upper half is
// the same as Latin-1. The five undefined bytes map to themselves (C1 controls),
// which is what Windows' own converter does.
constexpr std::array<unsigned int, 32> kCp1252High = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, unsigned int cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

unsigned int cp1252(unsigned char c) { return (c >= 0x80 && c < 0xA0) ? kCp1252High[c - 0x80u] : c; }

// Converts only the bytes that are not valid UTF-8, so a file that is mostly
// UTF-8 with a few pasted Windows-1252 characters keeps its good characters.
std::string repair_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 16);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::size_t len = utf8_sequence(p + i, bytes.size() - i);
    if (len == 0) {
      append_utf8(out, cp1252(p[i]));
      ++i;
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(p + i, bytes.size() - i);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::string windows_1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) append_utf8(out, cp1252(static_cast<unsigned char>(c)));
  return out;
}

std::string fold_header(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += lower_ascii(c);
  }
  return out;
}

std::string_view CsvRow::operator[](std::size_t column) const {
  if (column >= count_) return {};
  const CsvField& f = table_->fields_[first_ + column];
  return std::string_view(table_->buffer_).substr(f.offset, f.size);
}

SourceLoc CsvRow::loc(std::size_t column) const {
  if (count_ == 0) return SourceLoc{table_->path_, 0, 0};
  const CsvField& f = table_->fields_[first_ + (column < count_ ? column : 0)];
  return SourceLoc{table_->path_, f.line, f.column};
}

std::uint32_t CsvRow::line() const { return count_ == 0 ? 0 : table_->fields_[first_].line; }

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  const std::string folded = fold_header(name);
  for (std::size_t i = 0; i < folded_header_.size(); ++i)
    if (folded_header_[i] == folded) return i;
  return std::nullopt;
}

std::optional<std::size_t> CsvTable::column_starting(std::string_view prefix) const {
  const std::string folded = fold_header(prefix);
  for (std::size_t i = 0; i < folded_header_.size(); ++i)
    if (folded_header_[i].compare(0, folded.size(), folded) == 0) return i;
  return std::nullopt;
}

SourceLoc CsvTable::header_loc(std::size_t column) const {
  if (column >= header_fields_.size()) return header_line_loc();
  return SourceLoc{path_, header_fields_[column].line, header_fields_[column].column};
}

namespace {

// The file's text as UTF-8, without a BOM. Bytes that are not UTF-8 are read
// as Windows-1252 into `repaired`: a warning where the options allow it, an
// error at the first such byte otherwise.
std::string_view utf8_text(const std::string& path, std::string_view bytes, Diagnostics& diags,
                           const CsvOptions& options, std::string& repaired) {
  // A BOM is an encoding mark, not text: Excel writes one, no user typed it.
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::size_t bad = 0;
  if (is_valid_utf8(bytes, &bad)) return bytes;
  SourceLoc where = locate(path, std::string(bytes.substr(0, bad + 1)), bad);
  const auto byte = static_cast<unsigned char>(bytes[bad]);
  if (options.allow_windows_1252) {
    diags.warning(where, fmt::format("byte 0x{:02X} is not UTF-8; reading the file as Windows-1252", byte));
  } else {
    diags.error(where, fmt::format("byte 0x{:02X} is not UTF-8 (save the file as UTF-8; it looks like "
                                   "Windows-1252, which would make it '{}')",
                                   byte, windows_1252_to_utf8(bytes.substr(bad, 1))));
  }
  repaired = repair_to_utf8(bytes);
  return repaired;
}

}  // namespace

// Reads a file's records into a table, one field at a time, reporting each
// malformed record at its place and reading on from the next.
class CsvParser {
 public:
  static CsvTable parse(std::string path, std::string_view bytes, Diagnostics& diags, const CsvOptions& options) {
    CsvTable table;
    table.path_ = std::move(path);
    std::string repaired;
    const std::string_view text = utf8_text(table.path_, bytes, diags, options, repaired);
    CsvParser(table, text, diags, options).read_all();
    return table;
  }

 private:
  CsvParser(CsvTable& table, std::string_view text, Diagnostics& diags, const CsvOptions& options)
      : table_(table),
        diags_(diags),
        options_(options),
        data_(text.data()),
        n_(text.size()),
        header_pending_(options.has_header) {
    // Fields are checked one by one only when the file holds a control
    // character at all: most files hold none, and their fields are then only
    // measured.
    has_control_ = std::any_of(text.begin(), text.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r' && c != '\n';
    });
    table_.buffer_.reserve(n_);
    table_.fields_.reserve(n_ / 8 + 16);
  }

  // Record by record: the first well-formed one is the header where there
  // is one; blank lines and malformed records are left out.
  void read_all() {
    while (pos_ < n_) {
      const Record record = read_record();
      if (record.bad || record.blank) {
        table_.fields_.resize(record.first);
      } else if (header_pending_) {
        header_pending_ = false;
        take_header(record);
      } else if (options_.has_header && options_.check_field_count && record.count != expected_) {
        report_field_count(record);
        table_.fields_.resize(record.first);
      } else {
        table_.rows_.push_back({record.first, record.count});
      }
    }
  }

  struct Record {
    std::size_t first = 0;   ///< its first field in the table's fields
    std::size_t count = 0;   ///< fields
    std::uint32_t line = 0;  ///< where it starts
    bool bad = false;        ///< malformed, already reported
    bool blank = false;      ///< an empty line
  };

  std::uint32_t column_of(std::size_t at) const { return static_cast<std::uint32_t>(at - line_start_ + 1); }
  bool at_field_end() const { return pos_ >= n_ || data_[pos_] == ',' || data_[pos_] == '\n' || data_[pos_] == '\r'; }
  void skip_to_line_end() {
    while (pos_ < n_ && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
  }

  // Fields up to the end of the line (or of the file), each checked.
  Record read_record() {
    Record record;
    record.first = table_.fields_.size();
    record.line = line_;
    const std::size_t record_start = pos_;
    for (;;) {
      CsvField field;
      field.line = line_;
      field.column = column_of(pos_);
      field.offset = static_cast<std::uint32_t>(table_.buffer_.size());
      if (pos_ < n_ && data_[pos_] == '"') {
        if (!read_quoted(field)) record.bad = true;
      } else {
        const std::size_t start = pos_;
        while (!at_field_end()) ++pos_;
        table_.buffer_.append(data_ + start, pos_ - start);
      }
      field.size = static_cast<std::uint32_t>(table_.buffer_.size() - field.offset);
      if (has_control_ || field.size > kMaxFieldChars) check_field(field, table_.fields_.size() - record.first);
      table_.fields_.push_back(field);
      if (pos_ < n_ && data_[pos_] == ',') {
        ++pos_;
        continue;
      }
      break;
    }
    record.blank = pos_ == record_start;
    // End of the record: CRLF, LF or a lone CR.
    if (pos_ < n_ && data_[pos_] == '\r') ++pos_;
    if (pos_ < n_ && data_[pos_] == '\n') ++pos_;
    ++line_;
    line_start_ = pos_;
    record.count = table_.fields_.size() - record.first;
    return record;
  }

  // A quoted field, unquoted into the buffer; false when it is malformed.
  bool read_quoted(const CsvField& field) {
    const std::size_t quote_at = pos_, quote_line_start = line_start_;
    ++pos_;
    if (!read_to_closing_quote()) {
      diags_.error(SourceLoc{table_.path_, field.line, field.column},
                   "unterminated quoted field: the '\"' here is never closed (double any quote inside a "
                   "quoted field: \"\")");
      // Read on from the line after the quote, as if it had closed there:
      // the rows below are most likely fine, and are then still checked.
      pos_ = quote_at;
      skip_to_line_end();
      line_ = field.line;
      line_start_ = quote_line_start;
      return false;
    }
    if (!at_field_end()) {
      diags_.error(SourceLoc{table_.path_, line_, column_of(pos_)},
                   fmt::format("unexpected '{}' after a closing quote (quote the whole field and double "
                               "any quote inside it)",
                               data_[pos_]));
      skip_to_line_end();
      return false;
    }
    return true;
  }

  // The inside of a quoted field, up to and past its closing quote; false
  // when the file ends first.
  bool read_to_closing_quote() {
    while (pos_ < n_) {
      const char c = data_[pos_];
      if (c == '"') {
        if (pos_ + 1 < n_ && data_[pos_ + 1] == '"') {
          table_.buffer_ += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (c == '\r' && pos_ + 1 < n_ && data_[pos_ + 1] == '\n') {
        // A line break inside a cell is one newline whatever the file's line ends.
        table_.buffer_ += '\n';
        pos_ += 2;
        ++line_;
        line_start_ = pos_;
        continue;
      }
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
      table_.buffer_ += c;
      ++pos_;
    }
    return false;
  }

  // Control characters and over-long text, reported at the field; the field
  // is the buffer's tail, so it goes on with its repaired text.
  void check_field(CsvField& field, std::size_t index) {
    const std::string_view what = index < table_.header_.size() ? table_.header_[index] : std::string_view{};
    const std::string_view text = std::string_view(table_.buffer_).substr(field.offset, field.size);
    if (check_text(text, SourceLoc{table_.path_, field.line, field.column}, what, diags_)) return;
    const std::string fixed = repaired_text(text);
    table_.buffer_.resize(field.offset);
    table_.buffer_ += fixed;
    field.size = static_cast<std::uint32_t>(fixed.size());
  }

  void take_header(const Record& record) {
    table_.header_line_ = record.line;
    for (std::size_t i = 0; i < record.count; ++i) {
      const CsvField& f = table_.fields_[record.first + i];
      table_.header_.emplace_back(std::string_view(table_.buffer_).substr(f.offset, f.size));
      table_.folded_header_.push_back(fold_header(table_.header_.back()));
      table_.header_fields_.push_back(f);
    }
    expected_ = record.count;
    table_.fields_.resize(record.first);
    report_duplicate_columns();
  }

  // A column named twice would be read from its first place only.
  void report_duplicate_columns() {
    std::unordered_map<std::string_view, std::size_t> named;
    for (std::size_t i = 0; i < table_.folded_header_.size(); ++i) {
      const std::string& name = table_.folded_header_[i];
      if (name.empty()) continue;
      if (auto [it, inserted] = named.emplace(name, i); !inserted)
        diags_.error(SourceLoc{table_.path_, table_.header_fields_[i].line, table_.header_fields_[i].column},
                     fmt::format("duplicate column '{}' (also column {}): name each column once", table_.header_[i],
                                 it->second + 1));
    }
  }

  void report_field_count(const Record& record) {
    diags_.error(SourceLoc{table_.path_, record.line, 0},
                 fmt::format("row has {} field{} but the header has {} (is a comma missing, or a field "
                             "containing a comma not quoted?)",
                             record.count, record.count == 1 ? "" : "s", expected_));
  }

  CsvTable& table_;
  Diagnostics& diags_;
  const CsvOptions& options_;
  const char* data_;
  std::size_t n_;
  bool has_control_ = false;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;
  bool header_pending_;
  std::size_t expected_ = 0;  ///< fields in the header
};

CsvTable parse_csv(std::string path, std::string_view bytes, Diagnostics& diags, const CsvOptions& options) {
  return CsvParser::parse(std::move(path), bytes, diags, options);
}

CsvTable read_csv(const std::filesystem::path& file, Diagnostics& diags, const CsvOptions& options,
                  std::string display_path) {
  std::string bytes = read_file(file);
  if (display_path.empty()) display_path = file.generic_string();
  if (file.extension() == ".gz") {
    std::string error;
    auto inflated = gzip_decompress(bytes, error);
    if (!inflated) {
      diags.error(SourceLoc{display_path}, error);
      return parse_csv(std::move(display_path), "", diags, options);
    }
    bytes = std::move(*inflated);
  }
  return parse_csv(std::move(display_path), bytes, diags, options);
}

std::filesystem::path data_file(const std::filesystem::path& plain) {
  if (std::filesystem::exists(plain)) return plain;
  std::filesystem::path gz = plain;
  gz += ".gz";
  return std::filesystem::exists(gz) ? gz : plain;
}

std::string csv_escape(std::string_view value) {
  bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ');
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) return std::string(value);
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void CsvWriter::field(std::string_view value) {
  if (row_started_) out_ += ',';
  row_started_ = true;
  out_ += csv_escape(value);
}

void CsvWriter::end_row() {
  out_ += '\n';
  row_started_ = false;
}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (const auto& f : fields) field(f);
  end_row();
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) {
  for (auto f : fields) field(f);
  end_row();
}

}  // namespace gpress
