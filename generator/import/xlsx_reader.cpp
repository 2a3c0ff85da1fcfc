#include "import/xlsx_reader.hpp"

#include <cstring>
#include <map>
#include <string_view>

#include <fmt/format.h>
#include <zlib.h>  // MAX_WBITS: xlsx parts are raw-deflate zip entries

#include "core/fs.hpp"
#include "core/gzip.hpp"
#include "core/text.hpp"

namespace gpress::import_detail {

namespace {

std::uint32_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}
std::uint32_t u32(std::string_view b, std::size_t at) { return u16(b, at) | u16(b, at + 2) << 16; }

struct ZipEntry {
  std::uint32_t method = 0, compressed = 0, size = 0, local_offset = 0;
};

// The central directory, by entry name. Local headers can carry zero sizes
// (bit 3: sizes follow the data), so sizes are taken from here.
std::optional<std::map<std::string, ZipEntry>> zip_directory(std::string_view zip) {
  if (zip.size() < 22) return std::nullopt;
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = zip.size() > 22 + 65535 ? zip.size() - 22 - 65535 : 0;
  for (std::size_t i = zip.size() - 22 + 1; i-- > lowest;) {
    if (u32(zip, i) == 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string_view::npos) return std::nullopt;
  const std::uint32_t count = u16(zip, eocd + 10);
  std::size_t at = u32(zip, eocd + 16);
  std::map<std::string, ZipEntry> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (at + 46 > zip.size() || u32(zip, at) != 0x02014b50) return std::nullopt;
    ZipEntry e;
    e.method = u16(zip, at + 10);
    e.compressed = u32(zip, at + 20);
    e.size = u32(zip, at + 24);
    const std::uint32_t name_len = u16(zip, at + 28), extra = u16(zip, at + 30), comment = u16(zip, at + 32);
    e.local_offset = u32(zip, at + 42);
    if (at + 46 + name_len > zip.size()) return std::nullopt;
    out.emplace(std::string(zip.substr(at + 46, name_len)), e);
    at += 46 + name_len + extra + comment;
  }
  return out;
}

// What unzipping may still make: the setting, less what earlier parts took.
struct Budget {
  std::size_t left = 0;
  bool exceeded = false;
};

// An entry's bytes, inflated in pieces and never past the budget (the sizes
// in the zip's directory are the file's word, not a promise). Sets `error`
// and returns nullopt when the entry cannot be read or would go past it.
std::optional<std::string> zip_read(std::string_view zip, const ZipEntry& e, Budget& budget, std::string& error) {
  const std::size_t lh = e.local_offset;
  if (lh + 30 > zip.size() || u32(zip, lh) != 0x04034b50) {
    error = "a part's header is missing";
    return std::nullopt;
  }
  const std::size_t data = lh + 30 + u16(zip, lh + 26) + u16(zip, lh + 28);
  if (data + e.compressed > zip.size()) {
    error = "a part runs past the end of the file";
    return std::nullopt;
  }
  const std::string_view in = zip.substr(data, e.compressed);
  auto too_big = [&] {
    budget.exceeded = true;
    error = "too big";
    return std::nullopt;
  };
  if (e.size > budget.left) return too_big();
  if (e.method == 0) {
    budget.left -= in.size();
    return std::string(in);
  }
  if (e.method != 8) {
    error = "a part is compressed in a way other than deflate";
    return std::nullopt;
  }
  Inflated r = inflate_bounded(in, -MAX_WBITS, budget.left);
  if (r.end == InflateEnd::kTooBig) return too_big();
  if (r.end != InflateEnd::kComplete || r.bytes.size() != e.size) {
    error = "a part does not unzip";
    return std::nullopt;
  }
  std::string out = std::move(r.bytes);
  budget.left -= out.size();
  return out;
}

// "#65" or "#x41" as a code point; nullopt for anything else (a malformed
// or out-of-range reference is kept as text, never an exception).
std::optional<unsigned int> char_ref(std::string_view ent) {
  if (ent.size() < 2 || ent[0] != '#') return std::nullopt;
  const bool hex = ent[1] == 'x' || ent[1] == 'X';
  const std::string_view digits = ent.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return std::nullopt;
  unsigned int cp = 0;
  for (char d : digits) {
    const int v = d >= '0' && d <= '9'          ? d - '0'
                  : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                  : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                : -1;
    if (v < 0) return std::nullopt;
    cp = cp * (hex ? 16u : 10u) + static_cast<unsigned int>(v);
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return cp;
}

// XML character data with the five entities, numeric references and OOXML's
// _xHHHH_ escapes decoded; CR LF and lone CR become LF.
std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto put = [&](unsigned int cp) {
    if (cp == '\r') return;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos) {
        const std::string_view ent = s.substr(i + 1, semi - i - 1);
        bool known = true;
        if (ent == "amp") put('&');
        else if (ent == "lt") put('<');
        else if (ent == "gt") put('>');
        else if (ent == "quot") put('"');
        else if (ent == "apos") put('\'');
        else if (auto cp = char_ref(ent)) put(*cp);
        else known = false;  // left as written
        if (known) {
          i = semi;
          continue;
        }
      }
    }
    if (c == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      const std::string hex(s.substr(i + 2, 4));
      if (hex.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos) {
        put(static_cast<unsigned int>(std::stoul(hex, nullptr, 16)));
        i += 6;
        continue;
      }
    }
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out += '\n';
      continue;
    }
    out += c;
  }
  return out;
}

// Value of attribute `name` inside a start tag's text.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  std::size_t at = 0;
  while ((at = tag.find(name, at)) != std::string_view::npos) {
    const bool starts =
        at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n' || tag[at - 1] == '\r');
    const std::size_t eq = at + name.size();
    if (starts && eq + 1 < tag.size() && tag[eq] == '=' && (tag[eq + 1] == '"' || tag[eq + 1] == '\'')) {
      const char q = tag[eq + 1];
      const std::size_t end = tag.find(q, eq + 2);
      if (end == std::string_view::npos) return std::nullopt;
      return tag.substr(eq + 2, end - eq - 2);
    }
    at = eq;
  }
  return std::nullopt;
}

// Every <t> text inside [begin, end), skipping phonetic runs (<rPh>).
std::string text_runs(std::string_view xml) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t t = xml.find("<t", at);
    if (t == std::string_view::npos) break;
    const std::size_t rph = xml.find("<rPh", at);
    if (rph != std::string_view::npos && rph < t) {
      const std::size_t close = xml.find("</rPh>", rph);
      if (close == std::string_view::npos) break;
      at = close + 6;
      continue;
    }
    const char after = t + 2 < xml.size() ? xml[t + 2] : '\0';
    if (after != '>' && after != ' ') {  // <tag...> that is not <t>
      at = t + 2;
      continue;
    }
    const std::size_t gt = xml.find('>', t);
    if (gt == std::string_view::npos) break;
    if (xml[gt - 1] == '/') {
      at = gt + 1;
      continue;
    }
    const std::size_t close = xml.find("</t>", gt);
    if (close == std::string_view::npos) break;
    out += xml_text(xml.substr(gt + 1, close - gt - 1));
    at = close + 4;
  }
  return out;
}

std::vector<std::string> shared_strings(std::string_view xml) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = xml.find("<si", at)) != std::string_view::npos) {
    const std::size_t gt = xml.find('>', at);
    if (gt == std::string_view::npos) break;
    if (xml[gt - 1] == '/') {
      out.emplace_back();
      at = gt + 1;
      continue;
    }
    const std::size_t close = xml.find("</si>", gt);
    if (close == std::string_view::npos) break;
    out.push_back(text_runs(xml.substr(gt + 1, close - gt - 1)));
    at = close + 5;
  }
  return out;
}

// Excel's last cell is XFD1048576.
constexpr std::size_t kMaxRows = 1'048'576, kMaxColumns = 16'384;

// "AB12" -> column 27 (0-based), row 11 (0-based), inside Excel's grid.
bool cell_ref(std::string_view ref, std::size_t& row, std::size_t& col) {
  std::size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && c <= kMaxColumns)
    c = c * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  if (c == 0 || c > kMaxColumns || i == ref.size()) return false;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && r <= kMaxRows)
    r = r * 10 + static_cast<std::size_t>(ref[i++] - '0');
  if (r == 0 || r > kMaxRows || i != ref.size()) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

// The next element named `name` (followed by a space, '>' or '/') at or after `at`.
std::size_t find_tag(std::string_view xml, std::string_view name, std::size_t at) {
  while ((at = xml.find(name, at)) != std::string_view::npos) {
    const char after = at + name.size() < xml.size() ? xml[at + name.size()] : '\0';
    if (after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\n' || after == '\r') return at;
    at += name.size();
  }
  return at;
}

// Reads the cells of <sheetData>, keeping those with a value. A cell that
// cannot be read is reported at its sheet and reference; the grid, blanks
// between values included, may hold at most kMaxSheetCells cells.
void parse_sheet(std::string_view xml, const std::vector<std::string>& strings, XlsxSheet& sheet, Diagnostics& diags) {
  std::size_t at = xml.find("<sheetData");
  std::size_t row = 0, next_row = 0, next_col = 0;
  std::size_t cells = 0;  // rows plus the width of each, as stored
  while (at != std::string_view::npos) {
    const std::size_t c = find_tag(xml, "<c", at);
    const std::size_t r = find_tag(xml, "<row", at);
    if (r < c) {  // a new row: cells without a reference count from its first column
      const std::size_t gt = xml.find('>', r);
      if (gt == std::string_view::npos) break;
      const auto ref = attribute(xml.substr(r, gt - r + 1), "r");
      std::size_t n = 0;
      if (!ref || ref->empty() || ref->size() > 7 || ref->find_first_not_of("0123456789") != std::string_view::npos ||
          (n = std::stoul(std::string(*ref))) == 0 || n > kMaxRows)
        n = next_row + 1;  // a row without its number follows the last
      row = n - 1;
      next_row = row + 1;
      next_col = 0;
      at = gt + 1;
      continue;
    }
    if (c == std::string_view::npos) break;
    const std::size_t gt = xml.find('>', c);
    if (gt == std::string_view::npos) break;
    const std::string_view tag = xml.substr(c, gt - c + 1);
    std::size_t col = next_col;
    std::string where;  // the reference, for messages
    if (auto ref = attribute(tag, "r")) {
      if (!cell_ref(*ref, row, col)) {
        diags.error(SourceLoc{sheet.path + ":" + sheet.name},
                    fmt::format("cell reference '{}' is not a cell of a worksheet (columns A to XFD, rows 1 to "
                                "1048576)",
                                shorten(*ref)));
        at = gt + 1;
        continue;
      }
    }
    next_col = col + 1;
    next_row = row + 1;
    std::string value;
    std::size_t end = gt + 1;
    if (tag[tag.size() - 2] != '/') {
      const std::size_t close = xml.find("</c>", gt);
      if (close == std::string_view::npos) break;
      const std::string_view inner = xml.substr(gt + 1, close - gt - 1);
      end = close + 4;
      const auto type = attribute(tag, "t");
      if (type && *type == "inlineStr") {
        value = text_runs(inner);
      } else {
        const std::size_t v = inner.find("<v>");
        const std::size_t ve = inner.find("</v>");
        if (v != std::string_view::npos && ve != std::string_view::npos && ve > v) {
          const std::string_view raw = inner.substr(v + 3, ve - v - 3);
          if (type && *type == "s") {
            const std::string_view digits = trim(raw);
            std::size_t idx = strings.size();
            if (!digits.empty() && digits.size() <= 9 &&
                digits.find_first_not_of("0123456789") == std::string_view::npos)
              idx = std::stoul(std::string(digits));
            if (idx < strings.size()) {
              value = strings[idx];
            } else {
              diags.error(
                  sheet.loc(row, col),
                  fmt::format("the cell refers to shared string '{}', but the workbook has {} (numbered from 0)",
                              shorten(raw), strings.size()));
            }
          } else {
            value = xml_text(raw);
          }
        }
      }
    }
    if (!value.empty()) {
      const std::size_t new_rows = sheet.rows.size() <= row ? row + 1 - sheet.rows.size() : 0;
      const std::size_t width = row < sheet.rows.size() ? sheet.rows[row].size() : 0;
      const std::size_t new_cells = new_rows + (width <= col ? col + 1 - width : 0);
      if (cells + new_cells > kMaxSheetCells) {
        diags.error(sheet.loc(row, col),
                    fmt::format("the sheet spreads over more than {} cells (rows and columns up to its last value, "
                                "blanks included); gpress reads sheets up to that size",
                                kMaxSheetCells));
        return;
      }
      cells += new_cells;
      if (new_rows) sheet.rows.resize(row + 1);
      auto& values = sheet.rows[row];
      if (values.size() <= col) values.resize(col + 1);
      values[col] = std::move(value);
    }
    at = end;
  }
}

// "A" for 0, "AB" for 27.
std::string column_letters(std::size_t col) {
  std::string out;
  for (std::size_t c = col + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

std::nullopt_t too_big(Diagnostics& diags, const std::string& shown, std::size_t max_unzipped_mb) {
  diags.error(SourceLoc{shown}, fmt::format("the workbook unzips to more than {} MB, the limit; if it is a real "
                                            "publication, raise it with --max-unzipped-mb",
                                            max_unzipped_mb));
  return std::nullopt;
}

}  // namespace

const std::string& XlsxSheet::cell(std::size_t row, std::size_t col) const {
  static const std::string kEmpty;
  if (row >= rows.size() || col >= rows[row].size()) return kEmpty;
  return rows[row][col];
}

SourceLoc XlsxSheet::loc(std::size_t row, std::size_t col) const {
  return SourceLoc{fmt::format("{}:{}!{}{}", path, name, column_letters(col), row + 1)};
}

std::optional<XlsxSheet> read_xlsx_sheet(const std::filesystem::path& file, const std::string& sheet_name,
                                         Diagnostics& diags, std::size_t max_unzipped_mb) {
  const std::string shown = file.generic_string();
  if (!std::filesystem::is_regular_file(file)) {
    diags.error(SourceLoc{shown}, "no such file");
    return std::nullopt;
  }
  if (std::filesystem::file_size(file) > (max_unzipped_mb << 20)) {
    too_big(diags, shown, max_unzipped_mb);
    return std::nullopt;
  }
  return read_xlsx_bytes(read_file(file), shown, sheet_name, diags, max_unzipped_mb);
}

std::optional<XlsxSheet> read_xlsx_bytes(std::string_view zip, const std::string& shown, const std::string& sheet_name,
                                         Diagnostics& diags, std::size_t max_unzipped_mb) {
  auto broken = [&](const std::string& what) {
    diags.error(SourceLoc{shown},
                fmt::format("not a readable .xlsx workbook ({}); save it again from Excel as .xlsx", what));
    return std::nullopt;
  };

  Budget budget;
  budget.left = max_unzipped_mb << 20;
  auto dir = zip_directory(zip);
  if (!dir) return broken("no zip directory");
  std::string error;
  auto part = [&](const std::string& name) -> std::optional<std::string> {
    auto it = dir->find(name);
    if (it == dir->end() || !error.empty()) return std::nullopt;
    return zip_read(zip, it->second, budget, error);
  };
  auto workbook = part("xl/workbook.xml");
  auto rels = part("xl/_rels/workbook.xml.rels");
  if (budget.exceeded) return too_big(diags, shown, max_unzipped_mb);
  if (!workbook || !rels) return broken(error.empty() ? "no xl/workbook.xml" : error);

  std::vector<std::string> names;
  std::string rel_id;
  for (std::size_t at = 0; (at = workbook->find("<sheet ", at)) != std::string::npos;) {
    const std::size_t gt = workbook->find('>', at);
    const std::string_view tag = std::string_view(*workbook).substr(at, gt - at + 1);
    const std::string name = xml_text(attribute(tag, "name").value_or(""));
    names.push_back(name);
    if (name == sheet_name) rel_id = std::string(attribute(tag, "r:id").value_or(""));
    at = gt;
  }
  if (rel_id.empty()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "'" : ", '") + n + "'";
    diags.error(SourceLoc{shown}, fmt::format("no sheet '{}' in this workbook (it has {})", sheet_name, list));
    return std::nullopt;
  }
  std::string target;
  for (std::size_t at = 0; (at = rels->find("<Relationship ", at)) != std::string::npos;) {
    const std::size_t gt = rels->find('>', at);
    const std::string_view tag = std::string_view(*rels).substr(at, gt - at + 1);
    if (attribute(tag, "Id").value_or("") == rel_id) target = std::string(attribute(tag, "Target").value_or(""));
    at = gt;
  }
  if (target.empty()) return broken("sheet without a part");
  const std::string part_name = target[0] == '/' ? target.substr(1) : "xl/" + target;
  std::vector<std::string> strings;
  if (auto ss = part("xl/sharedStrings.xml")) strings = shared_strings(*ss);
  auto sheet_xml = part(part_name);
  if (budget.exceeded) return too_big(diags, shown, max_unzipped_mb);
  if (!sheet_xml) return broken(error.empty() ? "no part " + part_name : error);

  XlsxSheet sheet;
  sheet.path = shown;
  sheet.name = sheet_name;
  parse_sheet(*sheet_xml, strings, sheet, diags);
  return sheet;
}

std::optional<std::string> excel_serial_month(double serial) {
  if (!(serial > 0 && serial < 2958466)) return std::nullopt;
  // Days since 1970-01-01, then Howard Hinnant's civil_from_days.
  long z = static_cast<long>(serial) - 25569 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}", y, m);
}

}  // namespace gpress::import_detail
