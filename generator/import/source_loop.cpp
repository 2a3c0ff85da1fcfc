#include "import/source_loop.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/text.hpp"
#include "import/xlsx_reader.hpp"
#include "load/practice_data.hpp"

namespace gpress::import_detail {

namespace {

/// Errors listed per file; the rest are counted in one line.
constexpr std::size_t kMaxErrorsPerFile = 20;
/// Rows of a workbook searched for its header row (title blocks come first).
constexpr std::size_t kHeaderSearchRows = 60;

// A header cell as ColumnSpec names are written: footnote markers removed
// ("Submissions [7]"), then folded ("GP Practice \r\n(ODS_CODE)" ->
// "gp practice (ods_code)").
std::string header_key(std::string_view cell) {
  std::string out;
  int depth = 0;
  for (char c : cell) {
    if (c == '[') ++depth;
    if (depth == 0) out += c;
    if (c == ']' && depth > 0) --depth;
  }
  return fold_header(out);
}

bool name_matches(std::string_view name, const std::string& key) {
  if (!name.empty() && name.back() == '*') return key.starts_with(name.substr(0, name.size() - 1));
  return key == name;
}

// A table of cells: a CSV file, or the rows of a worksheet below its header.
class Grid {
 public:
  virtual ~Grid() = default;
  virtual std::size_t rows() const = 0;
  virtual std::size_t width(std::size_t r) const = 0;
  virtual std::string_view cell(std::size_t r, std::size_t c) const = 0;
  virtual SourceLoc loc(std::size_t r, std::size_t c) const = 0;
  std::vector<std::string> keys;  // header keys
  SourceLoc header_loc;
};

class CsvGrid : public Grid {
 public:
  explicit CsvGrid(CsvTable t) : table(std::move(t)) {
    for (const auto& h : table.header()) keys.push_back(header_key(h));
    header_loc = table.header_line_loc();
  }
  std::size_t rows() const override { return table.row_count(); }
  std::size_t width(std::size_t r) const override { return table.row(r).size(); }
  std::string_view cell(std::size_t r, std::size_t c) const override { return table.row(r)[c]; }
  SourceLoc loc(std::size_t r, std::size_t c) const override { return table.row(r).loc(c); }
  CsvTable table;
};

class SheetGrid : public Grid {
 public:
  SheetGrid(XlsxSheet s, std::size_t header) : sheet(std::move(s)), first(header + 1) {
    for (const auto& c : sheet.rows[header]) keys.push_back(header_key(c));
    header_loc = sheet.loc(header, 0);
  }
  std::size_t rows() const override { return sheet.rows.size() - first; }
  std::size_t width(std::size_t r) const override { return sheet.rows[first + r].size(); }
  std::string_view cell(std::size_t r, std::size_t c) const override { return sheet.cell(first + r, c); }
  SourceLoc loc(std::size_t r, std::size_t c) const override { return sheet.loc(first + r, c); }
  XlsxSheet sheet;
  std::size_t first;
};

// The columns of `spec` found in `keys` (nullopt for an absent optional
// column); `missing` gets the required ones not found.
std::vector<std::optional<std::size_t>> match_columns(const SourceSpec& spec, const std::vector<std::string>& keys,
                                                      std::vector<std::size_t>* missing) {
  std::vector<std::optional<std::size_t>> out;
  for (std::size_t k = 0; k < spec.columns.size(); ++k) {
    const ColumnSpec& col = spec.columns[k];
    std::optional<std::size_t> found;
    if (!spec.has_header) {
      found = static_cast<std::size_t>(std::stoul(col.names.front()));
    } else {
      for (const auto& name : col.names) {
        for (std::size_t c = 0; c < keys.size() && !found; ++c)
          if (name_matches(name, keys[c])) found = c;
        if (found) break;
      }
    }
    if (!found && col.required && missing) missing->push_back(k);
    out.push_back(found);
  }
  return out;
}

bool matches_all(const SourceSpec& spec, const std::vector<std::string>& keys) {
  if (!spec.has_header || !spec.sheet.empty()) return false;
  std::vector<std::size_t> missing;
  match_columns(spec, keys, &missing);
  return missing.empty();
}

// "; this looks like a QOF points-achieved file (`gpress import qof`)" when
// another importer's columns are all in `keys`.
std::string looks_like(const std::vector<const SourceSpec*>& mine, const std::vector<std::string>& keys) {
  for (const auto& [source, spec] : known_specs()) {
    if (std::find(mine.begin(), mine.end(), spec) != mine.end()) continue;
    if (matches_all(*spec, keys)) return fmt::format(": it looks like {} (`gpress import {}`)", spec->kind, source);
  }
  return "";
}

std::string quoted_names(const ColumnSpec& col) {
  std::vector<std::string> names;
  for (const auto& n : col.names)
    names.push_back(fmt::format("'{}'", n.back() == '*' ? n.substr(0, n.size() - 1) + "..." : n));
  return join(names, " or ");
}

// What the bytes of a file that should be CSV look like when they are not.
std::optional<std::string> not_csv(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.starts_with("PK\x03\x04")) return "a zip file (an Excel workbook?)";
  if (bytes.starts_with("\x1F\x8B")) return "a gzip-compressed file";
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  if (bytes[first] == '{' || bytes[first] == '[') return "a JSON file";
  if (bytes[first] == '<') return "an HTML or XML file (a web page saved instead of the download?)";
  return std::nullopt;
}

}  // namespace

/// Reads one import's files; SourceRow calls back into it.
class RowReader {
 public:
  RowReader(ImportContext& ctx, const std::vector<const SourceSpec*>& specs) : ctx_(ctx), specs_(specs) {}

  void run(const RowFunction& fn) {
    for (const auto& file : ctx_.options().files) {
      Diagnostics file_diags;
      diags_ = &file_diags;
      read_file_rows(file, fn);
      append_capped(file_diags);
    }
  }

  RowCounts counts;

 private:
  friend class SourceRow;

  void read_file_rows(const fs::path& file, const RowFunction& fn) {
    const std::string shown = ImportContext::display(file);
    if (!fs::is_regular_file(file)) {
      diags_->error(SourceLoc{shown}, "no such file");
      return;
    }
    const SourceSpec& first_spec = *specs_.front();
    std::unique_ptr<Grid> grid;
    if (!first_spec.sheet.empty()) {
      auto sheet = read_xlsx_sheet(file, first_spec.sheet, *diags_, ctx_.options().max_unzipped_mb);
      if (!sheet) return;
      grid = sheet_grid(std::move(*sheet));
    } else {
      const std::string bytes = read_file(file);
      if (auto what = not_csv(bytes)) {
        diags_->error(SourceLoc{shown}, fmt::format("this is {}, not {} (a CSV file)", *what, first_spec.kind));
        return;
      }
      CsvOptions options;
      options.has_header = first_spec.has_header;
      options.allow_windows_1252 = true;
      grid = std::make_unique<CsvGrid>(parse_csv(shown, bytes, *diags_, options));
    }
    if (!grid) return;
    if (!choose_layout(*grid)) return;
    ++counts.files;
    std::optional<std::string> file_period;
    const SourceSpec& spec = *specs_[layout_];
    if (spec.period != FilePeriod::kRows || !ctx_.options().period.empty()) {
      const auto from_name =
          spec.period == FilePeriod::kFileName ? financial_year_in(file.filename().string()) : std::nullopt;
      file_period = period_for(ctx_, file, from_name, *diags_, spec.period_example);
      if (!file_period) return;
    }
    grid_ = grid.get();
    for (std::size_t r = 0; r < grid->rows(); ++r) {
      bool blank = true;
      for (std::size_t c = 0; c < grid->width(r) && blank; ++c) blank = trim(grid->cell(r, c)).empty();
      if (blank) continue;
      ++counts.read;
      SourceRow row;
      row.reader_ = this;
      row.row_ = r;
      row.layout_ = layout_;
      row.ods_ = std::string(trim(cell(r, spec.code)));
      row.period_ = file_period.value_or("");
      fn(row);
      if (!row.ok_) ++counts.bad;
      else if (!row.settled_) ++counts.no_data;
    }
    grid_ = nullptr;
  }

  std::unique_ptr<Grid> sheet_grid(XlsxSheet sheet) {
    // The header row is the first with the code column's name.
    const ColumnSpec& code = specs_.front()->columns[specs_.front()->code];
    for (std::size_t r = 0; r < sheet.rows.size() && r < kHeaderSearchRows; ++r)
      for (const auto& c : sheet.rows[r])
        for (const auto& name : code.names)
          if (name_matches(name, header_key(c))) return std::make_unique<SheetGrid>(std::move(sheet), r);
    diags_->error(SourceLoc{sheet.path}, fmt::format("no header row with a {} column in sheet '{}': this is not {}",
                                                     quoted_names(code), sheet.name, specs_.front()->kind));
    return nullptr;
  }

  // Picks the first spec whose required columns the file has; otherwise one
  // error naming what is missing and, if it can tell, what the file is.
  bool choose_layout(Grid& grid) {
    const SourceSpec& first = *specs_.front();
    if (!first.has_header) {
      // A headerless file: its first row must have the fields the format has.
      if (grid.rows() > 0 && grid.width(0) != first.fields) {
        std::vector<std::string> keys;
        for (std::size_t c = 0; c < grid.width(0); ++c) keys.push_back(header_key(grid.cell(0, c)));
        diags_->error(grid.loc(0, 0), fmt::format("rows of {} have {} fields; this one has {}{}", first.kind,
                                                  first.fields, grid.width(0), looks_like(specs_, keys)));
        return false;
      }
      layout_ = 0;
      columns_ = match_columns(first, grid.keys, nullptr);
      return true;
    }
    std::vector<std::size_t> missing_first;
    for (std::size_t s = 0; s < specs_.size(); ++s) {
      std::vector<std::size_t> missing;
      auto cols = match_columns(*specs_[s], grid.keys, &missing);
      if (missing.empty()) {
        layout_ = s;
        columns_ = std::move(cols);
        return true;
      }
      if (s == 0) missing_first = std::move(missing);
    }
    std::vector<std::string> names;
    for (auto k : missing_first) names.push_back(quoted_names(first.columns[k]));
    std::string hint = looks_like(specs_, grid.keys);
    if (hint.empty()) hint = fmt::format(" (is this {}?)", first.kind);
    diags_->error(grid.header_loc,
                  fmt::format("no {} column{}{}", join(names, ", no "), names.size() == 1 ? "" : "s", hint));
    return false;
  }

  void append_capped(const Diagnostics& file_diags) {
    const auto all = file_diags.sorted();
    std::size_t errors = 0;
    const Diagnostic* last_shown = nullptr;
    for (const auto& d : all) {
      if (d.severity == Severity::kError && ++errors > kMaxErrorsPerFile) continue;
      ctx_.diags.add(d);
      if (d.severity == Severity::kError) last_shown = &d;
    }
    if (errors > kMaxErrorsPerFile && last_shown)
      ctx_.diags.error(last_shown->loc, fmt::format("... and {} more errors in this file (the first {} are listed)",
                                                    errors - kMaxErrorsPerFile, kMaxErrorsPerFile));
  }

  std::string_view cell(std::size_t r, std::size_t k) const {
    const auto& c = columns_[k];
    return c ? grid_->cell(r, *c) : std::string_view{};
  }

  ImportContext& ctx_;
  const std::vector<const SourceSpec*>& specs_;
  Diagnostics* diags_ = nullptr;
  Grid* grid_ = nullptr;
  std::size_t layout_ = 0;
  std::vector<std::optional<std::size_t>> columns_;
  std::map<std::tuple<std::string, std::string, std::string>, SourceLoc> seen_;
};

std::string_view SourceRow::text(std::size_t col) const { return trim(reader_->cell(row_, col)); }

bool SourceRow::has(std::size_t col) const { return reader_->columns_[col].has_value(); }

SourceLoc SourceRow::loc(std::size_t col) const {
  const auto& c = reader_->columns_[col];
  return reader_->grid_->loc(row_, c.value_or(0));
}

void SourceRow::error(std::size_t col, std::string message) {
  ok_ = false;
  reader_->diags_->error(loc(col), std::move(message));
}

void SourceRow::warning(std::size_t col, std::string message) {
  reader_->diags_->warning(loc(col), std::move(message));
}

std::optional<double> SourceRow::number(std::size_t col) {
  std::string_view t = text(col);
  if (t.empty() || t == "NA" || t == "*" || t == "-" || t == ".." || t == ":" || t == "c") return std::nullopt;
  std::string cleaned;
  if (t.find(',') != std::string_view::npos) {
    for (char ch : t)
      if (ch != ',') cleaned += ch;
    t = cleaned;
  }
  if (auto v = parse_number(t)) return v;
  std::string name = reader_->specs_[layout_]->columns[col].names.front();
  if (name.ends_with('*')) name.pop_back();
  error(col, fmt::format("'{}' in column '{}' is not a number", text(col), name));
  return std::nullopt;
}

void SourceRow::skip(std::string_view reason) {
  settled_ = true;
  ++reader_->counts.other[std::string(reason)];
}

void SourceRow::no_data() {
  settled_ = true;
  ++reader_->counts.no_data;
}

namespace {
// What sources write where a row belongs to no practice.
bool is_unassigned(std::string_view code) {
  std::string upper;
  for (char c : code) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return upper.empty() || upper == "NA" || upper == "N/A" || upper == "-" || upper == "UNALLOCATED" ||
         upper == "UNASSIGNED" || upper == "UNKNOWN";
}
}  // namespace

bool SourceRow::accept(std::string_view part) {
  if (!ok_) return false;
  settled_ = true;
  RowCounts& counts = reader_->counts;
  const SourceSpec& spec = *reader_->specs_[layout_];
  if (!spec.practice_rows) return accept_checked(part);
  if (is_unassigned(ods_)) {
    ++counts.unassigned;
    return false;
  }
  if (!is_ods_practice_code(ods_)) {
    ++counts.other["rows whose code is not a practice's ODS code"];
    return false;
  }
  if (spec.needs_register) {
    switch (reader_->ctx_.membership(ods_)) {
      case Membership::kNotInRegister:
        // A register limited to some ICBs cannot tell a practice elsewhere
        // from an unknown one: those rows are left out, not refused.
        if (!reader_->ctx_.register_coverage().empty()) {
          ++counts.uncovered;
          return false;
        }
        ++counts.refused;
        counts.refused_practices.insert(ods_);
        return false;
      case Membership::kOutsideIcb: ++counts.outside; return false;
      case Membership::kKept: break;
    }
  }
  return accept_checked(part);
}

bool SourceRow::accept_in_icb(std::string_view icb) {
  if (!ok_) return false;
  settled_ = true;
  const auto& icbs = reader_->ctx_.options().icbs;
  if (!icbs.empty() && std::find(icbs.begin(), icbs.end(), icb) == icbs.end()) {
    ++reader_->counts.outside;
    return false;
  }
  return accept_checked({});
}

bool SourceRow::accept_checked(std::string_view part) {
  const SourceSpec& spec = *reader_->specs_[layout_];
  const std::size_t code_col = spec.code;
  if (spec.once_per_period) {
    auto [it, inserted] = reader_->seen_.emplace(std::make_tuple(ods_, period_, std::string(part)), loc(code_col));
    if (!inserted) {
      std::string what = period_.empty() ? std::string() : " for " + period_;
      if (!part.empty()) what += fmt::format(" ({})", part);
      error(code_col, fmt::format("practice {} is listed twice{} (first at {})", ods_, what, it->second.str()));
      return false;
    }
  }
  ++reader_->counts.kept;
  reader_->counts.kept_practices.insert(ods_);
  if (!period_.empty()) reader_->counts.periods.insert(period_);
  return true;
}

RowCounts read_rows(ImportContext& ctx, const std::vector<const SourceSpec*>& specs, const RowFunction& fn) {
  if (specs.front()->needs_register) ctx.require_register();
  RowReader reader(ctx, specs);
  reader.run(fn);
  return std::move(reader.counts);
}

namespace {
std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", with_thousands(n), n == 1 ? one : many);
}

std::string examples(const std::set<std::string>& codes) {
  std::vector<std::string> first;
  for (const auto& c : codes) {
    if (first.size() == 5) break;
    first.push_back(c);
  }
  return join(first, ", ") + (codes.size() > first.size() ? ", ..." : "");
}
}  // namespace

std::string period_span(const std::set<std::string>& periods) {
  if (periods.empty()) return {};
  if (periods.size() == 1) return *periods.begin();
  return *periods.begin() + " to " + *periods.rbegin();
}

std::string describe_counts(std::string_view source, const RowCounts& c, const ImportContext& ctx) {
  const ImportOptions& options = ctx.options();
  const std::string& coverage = ctx.register_coverage();
  std::string out =
      fmt::format("{}: {} read from {}", source, plural(c.read, "row", "rows"), plural(c.files, "file", "files"));
  out += fmt::format("\n  kept: {} for {}", plural(c.kept, "row", "rows"),
                     plural(c.kept_practices.size(), "practice", "practices"));
  if (!c.periods.empty())
    out += c.periods.size() == 1
               ? fmt::format(" ({})", *c.periods.begin())
               : fmt::format(" ({} periods, {} to {})", c.periods.size(), *c.periods.begin(), *c.periods.rbegin());
  if (c.refused)
    out += fmt::format(
        "\n  refused: {} of {} not in the register (data/practices.csv has no such English GP "
        "practice, open or closed): {}",
        plural(c.refused, "row", "rows"), plural(c.refused_practices.size(), "practice", "practices"),
        examples(c.refused_practices));
  if (c.outside)
    out += fmt::format("\n  left out: {} of practices outside --icb {}", plural(c.outside, "row", "rows"),
                       join(options.icbs, " "));
  if (c.uncovered)
    out += fmt::format("\n  left out: {} of practices not in the register, which covers only ICB {}",
                       plural(c.uncovered, "row", "rows"), coverage);
  if (c.unassigned)
    out += fmt::format("\n  unassigned: {} the source assigns to no practice", plural(c.unassigned, "row", "rows"));
  if (c.no_data) out += fmt::format("\n  no data: {} with nothing published", plural(c.no_data, "row", "rows"));
  for (const auto& [reason, n] : c.other)
    out += fmt::format("\n  not practice rows: {} ({})", with_thousands(n), reason);
  if (c.bad) out += fmt::format("\n  with errors: {}", plural(c.bad, "row", "rows"));
  return out;
}

void check_dropped(ImportContext& ctx, std::string_view source, const RowCounts& c) {
  if (ctx.options().force || ctx.diags.has_errors()) return;
  const SourceLoc where{ctx.options().files.empty() ? std::string("gpress import")
                                                    : ImportContext::display(ctx.options().files.front())};
  if (c.kept == 0) {
    ctx.diags.error(where, fmt::format("{}: no row would be kept ({} read), so nothing was imported and data/ is "
                                       "unchanged; check the file and --icb, or pass --force to import it anyway",
                                       source, plural(c.read, "row", "rows")));
    return;
  }
  // Rows left out by --icb count in the whole: unassigned rows belong to no
  // ICB, so they are measured against every practice row of the source.
  const std::size_t dropped = c.refused + c.unassigned;
  const std::size_t practice_rows = c.kept + dropped + c.outside + c.uncovered;
  if (static_cast<double>(dropped) > kMaxDroppedShare * static_cast<double>(practice_rows))
    ctx.diags.error(
        where, fmt::format("{}: {} of {} practice rows would be dropped ({} not in the register, {} "
                           "unassigned), more than the {:.0f}% an import may drop; nothing was imported "
                           "and data/ is unchanged. Import a newer register (`gpress import epraccur`) "
                           "or pass --force",
                           source, with_thousands(dropped), with_thousands(practice_rows), with_thousands(c.refused),
                           with_thousands(c.unassigned), kMaxDroppedShare * 100));
}

}  // namespace gpress::import_detail
