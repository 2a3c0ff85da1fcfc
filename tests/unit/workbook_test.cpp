// The workbooks: what every workbook shares (cells within what Excel accepts,
// parts assembled in memory) and the ranked list of practices.
#include <dlfcn.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <thread>

#include "core/fs.hpp"
#include "import/xlsx_reader.hpp"
#include "test_support.hpp"
#include "xlsx/ranked_list.hpp"
#include "xlsx/workbook.hpp"

using namespace gpress;

TEST_CASE("a spreadsheet cell never exceeds Excel's 32,767 characters") {
  const std::string names(40000, 'x');
  const std::string cell = xlsx::fit_cell(names);
  CHECK(cell.size() <= 32767);
  CHECK(cell.find("[cut: longer than a spreadsheet cell holds") != std::string::npos);
  std::string accented;
  while (accented.size() < 33000) accented += "\xC3\xA9";  // é, two bytes
  const std::string cut = xlsx::fit_cell(accented);
  CHECK(cut.size() <= 32767);
  CHECK((static_cast<unsigned char>(cut[cut.find(" [cut") - 1]) & 0xC0) != 0xC0);  // no half character
  CHECK(xlsx::fit_cell("short") == "short");
}

TEST_CASE("libxlsxwriter assembles a workbook's parts in memory, and gpress deflates each whole") {
  const std::size_t before = xlsx::parts_assembled_in_memory();
  const std::size_t deflated_before = xlsx::parts_deflated_whole();
  test::TempDir dir;
  const std::string file = (dir.path() / "parts.xlsx").string();
  lxw_workbook* wb = workbook_new(file.c_str());
  REQUIRE(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet");
  for (lxw_row_t r = 0; r < 2000; ++r) {  // parts of several hundred KB: buffers grow and are read back whole
    worksheet_write_string(ws, r, 0, ("row " + std::to_string(r)).c_str(), nullptr);
    worksheet_write_number(ws, r, 1, r * 1.5, nullptr);
  }
  CHECK(workbook_close(wb) == LXW_NO_ERROR);
  // The library's own calls reached gpress's lxw_tmpfile(): a sheet, shared
  // strings, styles, theme, workbook, properties, relationships...
  CHECK(xlsx::parts_assembled_in_memory() - before >= 10);
  // Its calls to minizip reached gpress's, which deflated every part in one go.
  CHECK(xlsx::parts_deflated_whole() - deflated_before >= 10);
  // ...and what was read back from them and deflated is whole, the last row included.
  Diagnostics d;
  const auto sheet = import_detail::read_xlsx_sheet(file, "Sheet", d);
  REQUIRE(sheet);
  REQUIRE(sheet->rows.size() == 2000);
  CHECK(sheet->cell(1999, 0) == "row 1999");
  CHECK(sheet->cell(1999, 1) == "2998.5");
}

TEST_CASE("a workbook part of several megabytes is deflated as it comes, and reads back whole") {
  const std::size_t streamed_before = xlsx::parts_deflated_in_pieces();
  test::TempDir dir;
  const std::string file = (dir.path() / "large.xlsx").string();
  lxw_workbook* wb = workbook_new(file.c_str());
  REQUIRE(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet");
  for (lxw_row_t r = 0; r < 120000; ++r) {  // a sheet of about 12 MB of XML, past the part gpress gathers whole
    worksheet_write_number(ws, r, 0, r / 7.0, nullptr);
    worksheet_write_number(ws, r, 1, r * 1.5, nullptr);
  }
  CHECK(workbook_close(wb) == LXW_NO_ERROR);
  CHECK(xlsx::parts_deflated_in_pieces() - streamed_before == 1);
  Diagnostics d;
  const auto sheet = import_detail::read_xlsx_sheet(file, "Sheet", d);
  REQUIRE(sheet);
  REQUIRE(sheet->rows.size() == 120000);
  CHECK(sheet->cell(0, 1) == "0");
  CHECK(sheet->cell(119999, 1) == "179998.5");
  // Its size and checksum are right: Python's zip reader checks both.
  const std::string check =
      "/usr/bin/python3 -c \"import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() "
      "is not None)\" " +
      file;
  CHECK(std::system(check.c_str()) == 0);
}

TEST_CASE("workbooks written on several threads keep their own created date") {
  // libxlsxwriter formats a workbook's created date through gmtime(); the
  // library must bind to gpress's per-thread gmtime, or a workbook written
  // while another is could carry a date mixed from both.
  CHECK(dlsym(RTLD_DEFAULT, "gmtime") == reinterpret_cast<void*>(&gmtime));
  const time_t first = 946684800, second = 1774958400;  // 2000-01-01, 2026-03-31T12:00Z
  struct tm* mine = gmtime(&first);
  struct tm* other = nullptr;
  std::thread([&] { other = gmtime(&second); }).join();
  CHECK(mine != other);
  CHECK(mine->tm_year == 100);
}

TEST_CASE("the ranked list workbook holds each practice's row as given, byte-identical each time") {
  RankedPractice r;
  r.rank = 1;
  r.ods_code = "A81001";
  r.name = "Alder & Sons \"Surgery\"";
  r.top_criteria = {"1 CQC rating – inadequate", "8 Leadership"};
  r.data_pack_url = "A81001/data-pack.html";
  r.options_report_url = "A81001/options-report.html";
  const std::string once = ranked_list_xlsx({r}, "T");
  CHECK(once == ranked_list_xlsx({r}, "T"));
  test::TempDir dir;
  const auto file = dir.path() / "ranked.xlsx";
  test::put(file, once);
  Diagnostics d;
  const auto sheet = import_detail::read_xlsx_sheet(file.string(), "Ranked practices", d);
  REQUIRE(sheet);
  REQUIRE(sheet->rows.size() == 2);
  CHECK(sheet->cell(0, 2) == "Practice");
  CHECK(sheet->cell(1, 1) == "A81001");
  CHECK(sheet->cell(1, 2) == "Alder & Sons \"Surgery\"");
  CHECK(sheet->cell(1, 9) == "1 CQC rating – inadequate; 8 Leadership");
}
