// data-pack.xlsx (xlsx/pack_workbook), read back as a user's spreadsheet
// would: the pack-basic fixture's practice A81001, sheet by sheet.
#include <doctest/doctest.h>

#include <algorithm>

#include "build.hpp"
#include "import/xlsx_reader.hpp"
#include "test_support.hpp"

using namespace gpress;
using import_detail::XlsxSheet;
namespace fs = std::filesystem;

namespace {

// The pack-basic fixture's data packs, built once for every test here.
const fs::path& built_workbook() {
  static test::TempDir dir;
  static const fs::path workbook = [] {
    test::copy_project(test::fixture("pack-basic"), dir.path());
    BuildOptions o;
    o.project = dir.path();
    o.what = {"packs"};
    build(o);
    return dir.path() / "private/practices/A81001/data-pack.xlsx";
  }();
  return workbook;
}

XlsxSheet sheet(const std::string& name) {
  Diagnostics diags;
  auto s = import_detail::read_xlsx_sheet(built_workbook(), name, diags);
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

std::size_t column(const XlsxSheet& s, const std::string& header) {
  const auto& head = s.rows.at(0);
  const auto it = std::find(head.begin(), head.end(), header);
  REQUIRE_MESSAGE(it != head.end(), header);
  return static_cast<std::size_t>(it - head.begin());
}

// The Indicators row of `indicator` in `period`.
std::vector<std::string> indicator_row(const XlsxSheet& s, const std::string& indicator, const std::string& period) {
  const std::size_t id = column(s, "Indicator ID"), when = column(s, "Period");
  for (const auto& row : s.rows)
    if (row.size() > std::max(id, when) && row[id] == indicator && row[when] == period) return row;
  FAIL("no row for " << indicator << " " << period);
  return {};
}

std::string cell(const std::vector<std::string>& row, std::size_t col) { return col < row.size() ? row[col] : ""; }

}  // namespace

TEST_CASE("the pack workbook's Summary: who the practice is and its CQC ratings") {
  const XlsxSheet summary = sheet("Summary");
  CHECK(row_labelled(summary, "Practice").at(1) == "Alpha Surgery");
  CHECK(row_labelled(summary, "ODS code").at(1) == "A81001");
  CHECK(row_labelled(summary, "List size (registered patients)").at(1) == "10000");
  CHECK(row_labelled(summary, "ICB").at(1) == "Alpha ICB (QAA)");
  CHECK(row_labelled(summary, "Overall").at(1) == "Requires improvement");
  CHECK(row_labelled(summary, "Well-led").at(1) == "Inadequate");
  CHECK(row_labelled(summary, "Inspected on").at(1) == "2023-05-17");
  CHECK(row_labelled(summary, "Programme").at(1) == "Fixture Resilience Programme");
}

TEST_CASE("the pack workbook's Indicators: every period's figures, unrounded, a blank where none is published") {
  const XlsxSheet indicators = sheet("Indicators");
  const std::size_t value = column(indicators, "Value"), numerator = column(indicators, "Numerator"),
                    denominator = column(indicators, "Denominator"), name = column(indicators, "Indicator");
  const auto screening = indicator_row(indicators, "screening_pct", "2022-23");
  CHECK(cell(screening, name) == "Cervical screening coverage");
  CHECK(cell(screening, value) == "60");
  CHECK(cell(screening, numerator) == "60");
  CHECK(cell(screening, denominator) == "100");
  // Kept as published, not rounded to what the number format shows.
  CHECK(cell(indicator_row(indicators, "payments_per_patient", "2022-23"), value) == "1234.5678");
  // A period the practice has no figure for is a blank cell, never 0.
  CHECK(cell(indicator_row(indicators, "reviewed_pct", "2024-Q1"), value).empty());
  // Every period of the indicator is there, oldest first.
  std::vector<std::string> periods;
  for (const auto& row : indicators.rows)
    if (cell(row, column(indicators, "Indicator ID")) == "screening_pct")
      periods.push_back(cell(row, column(indicators, "Period")));
  CHECK(periods == std::vector<std::string>{"2018-19", "2019-20", "2020-21", "2021-22", "2022-23"});
}

TEST_CASE("the pack workbook's Sources & definitions: each indicator's method and each source's licence") {
  const XlsxSheet sources = sheet("Sources & definitions");
  const auto screening = row_labelled(sources, "screening_pct");
  CHECK(cell(screening, column(sources, "Polarity")) == "Higher is better");
  CHECK(cell(screening, column(sources, "Confidence interval")) == "Wilson score (a proportion of people)");
  const auto qof = row_labelled(sources, "Quality and Outcomes Framework");
  CHECK(std::find(qof.begin(), qof.end(), "Open Government Licence v3.0") != qof.end());
  CHECK(std::find(qof.begin(), qof.end(), "https://digital.nhs.uk/qof") != qof.end());
}
