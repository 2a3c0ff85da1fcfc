// The .xlsx reader on workbooks made here byte by byte: what it reads, and
// that a hostile workbook (sizes that lie, a zip bomb, cells far away, cells
// that do not make sense) gives an error at its place with bounded work.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <zlib.h>

#include "import/xlsx_reader.hpp"
#include "test_support.hpp"

using namespace gpress;
using namespace gpress::import_detail;

namespace {

struct Part {
  std::string name, bytes;
  bool deflate = true;
  std::optional<std::uint32_t> claimed_size;  ///< what the directory says it unzips to
};

void le(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string raw_deflate(const std::string& in) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string zip(const std::vector<Part>& parts) {
  std::string out, dir;
  for (const Part& p : parts) {
    const std::string data = p.deflate ? raw_deflate(p.bytes) : p.bytes;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(p.bytes.data()), static_cast<uInt>(p.bytes.size())));
    const auto size = p.claimed_size.value_or(static_cast<std::uint32_t>(p.bytes.size()));
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto common = [&](std::string& h) {
      le(h, 20, 2), le(h, 0, 2), le(h, p.deflate ? 8 : 0, 2), le(h, 0, 4), le(h, crc, 4);
      le(h, static_cast<std::uint32_t>(data.size()), 4), le(h, size, 4);
      le(h, static_cast<std::uint32_t>(p.name.size()), 2), le(h, 0, 2);
    };
    le(out, 0x04034b50, 4), common(out), out += p.name, out += data;
    le(dir, 0x02014b50, 4), le(dir, 20, 2), common(dir), le(dir, 0, 2), le(dir, 0, 2), le(dir, 0, 2), le(dir, 0, 4);
    le(dir, offset, 4), dir += p.name;
  }
  const auto dir_at = static_cast<std::uint32_t>(out.size());
  out += dir;
  le(out, 0x06054b50, 4), le(out, 0, 2), le(out, 0, 2), le(out, static_cast<std::uint32_t>(parts.size()), 2);
  le(out, static_cast<std::uint32_t>(parts.size()), 2), le(out, static_cast<std::uint32_t>(dir.size()), 4);
  le(out, dir_at, 4), le(out, 0, 2);
  return out;
}

// A workbook with one sheet, "Table 1", holding `cells` (the XML inside
// <sheetData>) and the shared strings "ODS code" and "E83003".
std::vector<Part> workbook(const std::string& cells) {
  auto part = [](std::string name, std::string bytes) { return Part{std::move(name), std::move(bytes), true, {}}; };
  return {
      part("xl/workbook.xml",
           R"(<workbook><sheets><sheet name="Table 1" sheetId="1" r:id="rId1"/></sheets></workbook>)"),
      part("xl/_rels/workbook.xml.rels", R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>)"
                                         R"(</Relationships>)"),
      part("xl/sharedStrings.xml", "<sst><si><t>ODS code</t></si><si><t>E83003</t></si></sst>"),
      part("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + cells + "</sheetData></worksheet>"),
  };
}

struct Read {
  std::optional<XlsxSheet> sheet;
  std::string errors;
  std::string file;
};

Read read(const std::vector<Part>& parts, std::size_t max_mb = kDefaultMaxUnzippedMb) {
  static test::TempDir dir;
  Read r;
  r.file = (dir.path() / "book.xlsx").generic_string();
  test::put(r.file, zip(parts));
  Diagnostics d;
  r.sheet = read_xlsx_sheet(r.file, "Table 1", d, max_mb);
  r.errors = d.str();
  return r;
}

}  // namespace

TEST_CASE("xlsx: shared strings, numbers and inline strings are read into their rows and columns") {
  const auto r = read(
      workbook(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>a &amp; b</t></is></c></row>)"
               R"(<row r="3"><c r="B3" t="s"><v>1</v></c><c><v>0.548</v></c></row>)"));
  REQUIRE(r.sheet);
  CHECK(r.errors == "");
  CHECK(r.sheet->cell(0, 0) == "ODS code");
  CHECK(r.sheet->cell(0, 2) == "a & b");
  CHECK(r.sheet->cell(2, 1) == "E83003");
  CHECK(r.sheet->cell(2, 2) == "0.548");  // no reference: the column after the last
  CHECK(r.sheet->loc(2, 27).str() == r.file + ":Table 1!AB3");
}

TEST_CASE("xlsx: a directory that claims a 4 GB sheet is refused before anything is allocated") {
  auto parts = workbook(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
  parts[3].claimed_size = 0xFFFFFFF0u;
  const auto r = read(parts);
  CHECK_FALSE(r.sheet);
  CHECK(r.errors == r.file +
                        ": error: the workbook unzips to more than 256 MB, the limit; if it is a real publication, "
                        "raise it with --max-unzipped-mb\n");
}

TEST_CASE("xlsx: a zip bomb stops at the limit however small its directory says it is") {
  // 3 MB of one repeated cell deflates to a few kilobytes; the directory says 100 bytes.
  std::string cells;
  for (int i = 0; i < 100'000; ++i) cells += R"(<row><c><v>12345678901234567890</v></c></row>)";
  auto parts = workbook(cells);
  parts[3].claimed_size = 100;
  const auto r = read(parts, 1);
  CHECK_FALSE(r.sheet);
  CHECK(r.errors == r.file +
                        ": error: the workbook unzips to more than 1 MB, the limit; if it is a real publication, "
                        "raise it with --max-unzipped-mb\n");
  // Within the limit, the same sheet reads (its directory must then tell the truth).
  parts[3].claimed_size.reset();
  const auto ok = read(parts, 8);
  REQUIRE(ok.sheet);
  CHECK(ok.sheet->rows.size() == 100'000);
}

TEST_CASE("xlsx: every malformed cell is reported at its sheet and reference, the others are read") {
  const auto r =
      read(workbook(R"(<row r="1"><c r="A999999999"><v>1</v></c><c r="B1" t="s"><v>abc</v></c>)"
                    R"(<c r="C1" t="s"><v>7</v></c><c r="1A"><v>2</v></c><c r="D1"><v>&#xZZ;&#99999999;</v></c>)"
                    R"(</row>)"));
  REQUIRE(r.sheet);
  CHECK(r.errors ==
        r.file +
            ":Table 1: error: cell reference 'A999999999' is not a cell of a worksheet (columns A to XFD, rows 1 "
            "to 1048576)\n" +
            r.file +
            ":Table 1: error: cell reference '1A' is not a cell of a worksheet (columns A to XFD, rows 1 to "
            "1048576)\n" +
            r.file +
            ":Table 1!B1: error: the cell refers to shared string 'abc', but the workbook has 2 (numbered from 0)\n" +
            r.file +
            ":Table 1!C1: error: the cell refers to shared string '7', but the workbook has 2 (numbered from 0)\n");
  CHECK(r.sheet->rows.size() == 1);
  CHECK(r.sheet->cell(0, 3) == "&#xZZ;&#99999999;");  // references that are not characters stay as written
}

TEST_CASE("xlsx: a sheet whose values spread over too many cells is an error at the cell that passes the limit") {
  std::string cells;
  for (int row = 1; row <= 300; ++row) cells += fmt::format(R"(<row r="{0}"><c r="XFD{0}"><v>1</v></c></row>)", row);
  const auto r = read(workbook(cells));
  // 16,384 cells per row: the 256th row passes 4,194,304.
  CHECK(r.errors == r.file +
                        ":Table 1!XFD256: error: the sheet spreads over more than 4194304 cells (rows and columns up "
                        "to its last value, blanks included); gpress reads sheets up to that size\n");
}
