// The .xlsx reader on any bytes, with an 8 MB unzip limit: a workbook it
// cannot read is a diagnostic, never a crash or an allocation past the limit.
// An input that starts as a zip ("PK") is read as the workbook; any other is
// the XML of sheet "Table 1" (up to a NUL, then the shared strings' XML),
// stored in a workbook made here, so mutations reach the cell parser without
// first having to survive deflate.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/xlsx_reader.hpp"

namespace {

void le(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A zip of stored (uncompressed) entries.
std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  std::string out, dir;
  for (const auto& part : parts) {
    const std::string& name = part.first;
    const std::string_view bytes = part.second;
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto common = [&](std::string& h) {
      le(h, 20, 2), le(h, 0, 2), le(h, 0, 2), le(h, 0, 4), le(h, 0, 4);
      le(h, static_cast<std::uint32_t>(bytes.size()), 4), le(h, static_cast<std::uint32_t>(bytes.size()), 4);
      le(h, static_cast<std::uint32_t>(name.size()), 2), le(h, 0, 2);
    };
    le(out, 0x04034b50, 4), common(out), out += name, out += bytes;
    le(dir, 0x02014b50, 4), le(dir, 20, 2), common(dir), le(dir, 0, 2), le(dir, 0, 2), le(dir, 0, 2), le(dir, 0, 4);
    le(dir, offset, 4), dir += name;
  }
  const auto dir_at = static_cast<std::uint32_t>(out.size());
  out += dir;
  le(out, 0x06054b50, 4), le(out, 0, 2), le(out, 0, 2), le(out, static_cast<std::uint32_t>(parts.size()), 2);
  le(out, static_cast<std::uint32_t>(parts.size()), 2), le(out, static_cast<std::uint32_t>(dir.size()), 4);
  le(out, dir_at, 4), le(out, 0, 2);
  return out;
}

void read(std::string_view zip, const char* sheet_name) {
  gpress::Diagnostics diags;
  if (auto sheet = gpress::import_detail::read_xlsx_bytes(zip, "fuzz.xlsx", sheet_name, diags, 8)) {
    for (std::size_t r = 0; r < sheet->rows.size(); ++r)
      for (std::size_t c = 0; c < sheet->rows[r].size(); ++c) (void)sheet->loc(r, c);
  }
  (void)diags.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.starts_with("PK")) {
    // The seeds' sheets: the test workbooks of telephony (Table 3) and online consultations (Table 2).
    for (const char* name : {"Table 2", "Table 3"}) read(input, name);
    return 0;
  }
  const std::size_t nul = input.find('\0');
  const std::string_view sheet = input.substr(0, nul);
  const std::string_view strings = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  const std::string zip = stored_zip({
      {"xl/workbook.xml", R"(<workbook><sheets><sheet name="Table 1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/sharedStrings.xml", strings},
      {"xl/worksheets/sheet1.xml", sheet},
  });
  read(zip, "Table 1");
  return 0;
}
