// The thematic highlight workbooks (xlsx/thematic_workbook), read back as a
// user's spreadsheet would: the thematic-basic fixture's 2025-Q4, for the
// local office (practices named) and for a wider audience (none named, small
// counts suppressed).
#include <doctest/doctest.h>

#include <algorithm>

#include "build.hpp"
#include "import/xlsx_reader.hpp"
#include "test_support.hpp"

using namespace gpress;
using import_detail::XlsxSheet;
namespace fs = std::filesystem;

namespace {

// The thematic-basic fixture's report, built once for every test here.
const fs::path& built_folder() {
  static test::TempDir dir;
  static const fs::path folder = [] {
    test::copy_project(test::fixture("thematic-basic"), dir.path());
    BuildOptions o;
    o.project = dir.path();
    o.what = {"thematic"};
    build(o);
    return dir.path() / "private/thematic/2025-Q4";
  }();
  return folder;
}

const char* const kLocalOffice = "thematic-highlights-2025-Q4.xlsx";
const char* const kWider = "thematic-highlights-2025-Q4-wider.xlsx";
const std::vector<std::string> kSheets = {"Summary", "Themes",    "Opportunities", "Practices", "Actions",
                                          "By PCN",  "Movements", "Changes",       "Notes"};

XlsxSheet sheet(const char* workbook, const std::string& name) {
  Diagnostics diags;
  auto s = import_detail::read_xlsx_sheet(built_folder() / workbook, name, diags);
  REQUIRE_MESSAGE(s, diags.str());
  return *s;
}

// The row whose first cell is `label`, as a user finds it by eye.
std::vector<std::string> row_labelled(const XlsxSheet& s, const std::string& label) {
  for (const auto& row : s.rows)
    if (!row.empty() && row[0] == label) return row;
  FAIL("no row labelled " << label << " in " << s.name);
  return {};
}

bool mentions(const XlsxSheet& s, const std::string& text) {
  for (const auto& row : s.rows)
    for (const auto& c : row)
      if (c.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the local office's thematic workbook: headlines with the change since last quarter") {
  const XlsxSheet summary = sheet(kLocalOffice, "Summary");
  CHECK(summary.cell(0, 0) == "Thematic highlight report 2025-Q4");
  CHECK(row_labelled(summary, "Practices in the report") ==
        std::vector<std::string>{"Practices in the report", "12", "12"});
  CHECK(row_labelled(summary, "Support level: Stabilise") ==
        std::vector<std::string>{"Support level: Stabilise", "2", "1", "1"});
  CHECK(row_labelled(summary, "Support level: Sustain") ==
        std::vector<std::string>{"Support level: Sustain", "2", "5", "-3"});
  CHECK(row_labelled(summary, "QOF achievement below 90").at(1) == "5");
}

TEST_CASE("the local office's thematic workbook names each practice with its support level and findings") {
  const XlsxSheet practices = sheet(kLocalOffice, "Practices");
  CHECK(practices.cell(0, 0) == "ODS code");
  const auto alder = row_labelled(practices, "A00001");
  CHECK(alder.at(1) == "Alder Surgery");
  CHECK(std::find(alder.begin(), alder.end(), "Stabilise") != alder.end());
  CHECK(std::find(alder.begin(), alder.end(), "QOF achievement below 90") != alder.end());
  CHECK(std::find(alder.begin(), alder.end(), "2025-07-10") != alder.end());  // supported since
  const auto maple = row_labelled(practices, "A00012");
  CHECK(std::find(maple.begin(), maple.end(), "Manage") != maple.end());
  CHECK(std::find(maple.begin(), maple.end(), "Inadequate") != maple.end());
}

TEST_CASE("the wider thematic workbook names no practice and suppresses small counts") {
  for (const std::string& name : kSheets) {
    const XlsxSheet s = sheet(kWider, name);
    CHECK_MESSAGE(!mentions(s, "Alder Surgery"), name);
    CHECK_MESSAGE(!mentions(s, "A00001"), name);
  }
  const XlsxSheet summary = sheet(kWider, "Summary");
  // Fewer practices than [privacy] suppression_threshold (5) show as [c].
  CHECK(row_labelled(summary, "Support level: Manage") ==
        std::vector<std::string>{"Support level: Manage", "[c]", "[c]"});
  CHECK(row_labelled(summary, "Support level: Improve") ==
        std::vector<std::string>{"Support level: Improve", "7", "5"});
  CHECK(row_labelled(summary, "QOF achievement below 90").at(1) == "5");
}
