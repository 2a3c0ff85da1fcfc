// Data packs built from the pack-basic fixture: the page against an expected
// file, every comparator recomputed here by hand, period selection,
// --practice, and byte-identical workbooks.
#include <doctest/doctest.h>

#include <fstream>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "analyse/risk.hpp"
#include "assemble/pack.hpp"
#include "build.hpp"
#include "import/xlsx_reader.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

void build_packs(const fs::path& project, unsigned jobs = 2, std::vector<std::string> practices = {},
                 std::string quarter = {}) {
  BuildOptions o;
  o.project = project;
  o.what = {"packs"};
  o.jobs = jobs;
  o.practices = std::move(practices);
  o.quarter = std::move(quarter);
  build(o);
}

struct Fixture {
  test::TempDir dir;
  Fixture() { test::copy_project(test::fixture("pack-basic"), dir.path()); }
  fs::path root() const { return dir.path(); }
  fs::path pack(const std::string& ods, const char* file = "data-pack.html") const {
    return dir.path() / "private/practices" / ods / file;
  }
};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The text between `from` and the next `to`, for looking inside one indicator.
std::string section(const std::string& page, const std::string& from, const std::string& to = "</article>") {
  const auto a = page.find(from);
  if (a == std::string::npos) return {};
  const auto b = page.find(to, a);
  return page.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

// Worked independently of generator/analyse: textbook formulas only.
double quartile_inc(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::pair<double, double> wilson_percent(double x, double n) {
  const double z = 1.959963985, p = x / n;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
  return {100 * (centre - half), 100 * (centre + half)};
}

std::string pct(double v) { return fmt::format("{:.1f}%", v); }

}  // namespace

TEST_CASE("a fixture pack matches its expected file byte for byte") {
  Fixture f;
  build_packs(f.root());
  const fs::path expected = test::fixture("pack-basic/expected/private/practices");
  const std::vector<std::string> compared = {"A81001/data-pack.html", "index.html"};
  if (std::getenv("GPRESS_UPDATE_EXPECTED"))
    for (const auto& rel : compared) test::put(expected / rel, test::slurp(f.root() / "private/practices" / rel));
  for (const auto& rel : compared) {
    REQUIRE_MESSAGE(fs::exists(expected / rel), "missing expected file " << rel);
    CHECK_MESSAGE(test::slurp(f.root() / "private/practices" / rel) == test::slurp(expected / rel),
                  "differs from expected: " << rel << " (GPRESS_UPDATE_EXPECTED=1 regenerates)");
  }
  for (const char* ods : {"A81001", "A81002", "A81003", "A81004", "B82001", "B82002"}) {
    CHECK(fs::exists(f.pack(ods)));
    CHECK(fs::exists(f.pack(ods, "data-pack.xlsx")));
  }
}

TEST_CASE("comparators on the page equal the ones worked out by hand") {
  Fixture f;
  build_packs(f.root());
  const std::string a1 = test::slurp(f.pack("A81001"));
  const std::string reviewed = section(a1, "id=\"ind-reviewed-pct\"");
  REQUIRE_FALSE(reviewed.empty());

  // Patients reviewed, 2024-Q2: numerators and denominators of all six practices.
  const double england = 100.0 * (40 + 30 + 45 + 21 + 70 + 6) / (50 + 50 + 100 + 40 + 100 + 9);
  const double icb = 100.0 * (40 + 30 + 45 + 21) / (50 + 50 + 100 + 40);
  const double pcn = 100.0 * (40 + 30 + 45) / (50 + 50 + 100);
  CHECK(pct(england) == "60.7%");
  CHECK(pct(icb) == "56.7%");
  CHECK(pct(pcn) == "57.5%");
  CHECK(has(reviewed, "<td class=\"pack-num\">" + pct(england) + "</td>"));
  CHECK(has(reviewed, "<td class=\"pack-num\">" + pct(icb) + "</td>"));
  CHECK(has(reviewed, "<td class=\"pack-num\">" + pct(pcn) + "</td>"));

  // Quartiles of the six published values (B82002's 6/9 included).
  const std::vector<double> values = {80, 60, 45, 52.5, 70, 100.0 * 6 / 9};
  CHECK(has(reviewed, "<td class=\"pack-num\">" + pct(quartile_inc(values, 0.25)) + "</td>"));  // 54.4%
  CHECK(has(reviewed, "<td class=\"pack-num\">" + pct(quartile_inc(values, 0.5)) + "</td>"));   // 63.3%
  CHECK(has(reviewed, "<td class=\"pack-num\">" + pct(quartile_inc(values, 0.75)) + "</td>"));  // 69.2%
  CHECK(pct(quartile_inc(values, 0.25)) == "54.4%");

  // Wilson: 40/50 is 66.96% to 88.76%, wholly above England and the ICB.
  const auto [lo, hi] = wilson_percent(40, 50);
  CHECK(lo == doctest::Approx(66.96).epsilon(0.0001));
  CHECK(has(reviewed, fmt::format("95% confidence interval: {} to {}", pct(lo), pct(hi))));
  CHECK(lo > england);
  CHECK(has(reviewed, "Better than England (95% confidence)"));
  CHECK(has(reviewed, "Better than ICB (95% confidence)"));
  // Decile: 5 of 6 values below 80 -> 1 + floor(50 / 6) = 9.
  CHECK(has(reviewed, "Decile 9 of 10 in England"));

  // 30/50: the interval holds England's value -> similar.
  const auto [lo2, hi2] = wilson_percent(30, 50);
  CHECK((lo2 < england && england < hi2));
  CHECK(has(section(test::slurp(f.pack("A81002")), "id=\"ind-reviewed-pct\""), "Similar to England"));
  // 45/100: wholly below England; higher is better -> worse.
  CHECK(wilson_percent(45, 100).second < england);
  CHECK(has(section(test::slurp(f.pack("A81003")), "id=\"ind-reviewed-pct\""), "Worse than England (95% confidence)"));

  // Missed calls: lower is better; A81003's suppressed value still counts in the pool.
  const double calls = 100.0 * (95 + 4 + 150 + 8) / (1000 + 30 + 1000 + 100);
  const std::string a3_calls = section(test::slurp(f.pack("A81003")), "id=\"ind-calls-missed-pct\"");
  CHECK(has(a3_calls, "<td class=\"pack-num\">" + pct(calls) + "</td>"));
  CHECK(has(a3_calls, "<p class=\"pack-value pack-value--missing\">Not published</p>"));
  CHECK(has(a3_calls, "Not compared with England"));
  // 95/1000 against 12.1%: Wilson upper bound is below -> lower -> better.
  CHECK(wilson_percent(95, 1000).second < calls);
  CHECK(has(section(a1, "id=\"ind-calls-missed-pct\""), "Better than England (95% confidence)"));

  // No numerators: the median, and never compared.
  const std::string survey = section(a1, "id=\"ind-survey-score\"");
  CHECK(has(survey, "median of the practices&apos; values"));
  CHECK(has(survey, "<td class=\"pack-num\">3.6</td>"));  // median of 4.1, 3.6, 3.2
  CHECK(has(survey, "Not compared with England"));
}

TEST_CASE("the page shows profile, CQC, units, and 'Not published' rather than zero") {
  Fixture f;
  build_packs(f.root());
  const std::string a1 = test::slurp(f.pack("A81001"));
  CHECK(has(a1, "10,000 registered patients"));
  CHECK(has(a1, "North PCN (U00001)"));
  CHECK(has(a1, "Alpha ICB (QAA)"));
  CHECK(has(a1, "<dd class=\"nhsuk-summary-list__value\">GMS</dd>"));
  CHECK(has(a1, "Requires improvement</strong> <span class=\"pack-muted\">(inspected 17 May 2023)</span>"));
  CHECK(has(a1, "pack-rating--inadequate\">Inadequate"));
  CHECK(has(a1, "£1,234.57"));            // gbp to 2 places with a thousands separator
  CHECK(has(a1, "5.5 per 10,000"));       // per-10000 to 1 place
  CHECK(has(a1, "12,345,678 / 10,000"));  // counts with separators
  CHECK(has(a1, "Criterion 11: QOF % achievement"));
  // 2024-Q1 published nothing for A81001: its trend row says so.
  CHECK(has(a1, "<th scope=\"row\">2024-Q1</th><td class=\"pack-num\">Not published</td>"));
  CHECK_FALSE(has(section(a1, "id=\"ind-reviewed-pct\""), ">0.0%<"));
  // Charts are images with a text alternative stating the numbers.
  CHECK(has(a1, "role=\"img\" aria-labelledby=\"ind-reviewed-pct-spine-title ind-reviewed-pct-spine-desc\""));
  CHECK(has(a1, "2024-Q2: practice 80.0%, Better than England (95% confidence). England 60.7%."));
  // Sources with their licence; text from data files stays text.
  CHECK(has(a1, "Licence: Open Government Licence v3.0."));
  CHECK(has(a1, "&lt;not markup&gt; &amp; ampersands"));

  const std::string a4 = test::slurp(f.pack("A81004"));
  CHECK(has(a4, "Not in a PCN"));
  CHECK(has(a4, "<dd class=\"nhsuk-summary-list__value\">Not published</dd>"));  // list size
  CHECK(has(a4, "Not rated: CQC has published no rating"));

  // One practice's pack names no other practice but its practices like yours.
  const std::string b2 = test::slurp(f.pack("B82002"));
  const std::string peers = section(b2, "aria-labelledby=\"peers\"", "</section>");
  CHECK(has(peers, "Gamma"));
  CHECK_FALSE(has(b2.substr(0, b2.find(peers)) + b2.substr(b2.find(peers) + peers.size()), "Gamma"));
  const std::string index = test::slurp(f.root() / "private/practices/index.html");
  CHECK(has(index, "Gamma &amp; Sons &quot;Health&quot; Centre"));
  CHECK(has(index, "href=\"B82002/data-pack.html\""));
}

// Worked independently (the same data read by a short script): the pool is
// the five open practices with a list size, IMD score and QOF lists by age
// (A81004 has no list size): means 7,280, 24 and 0.36, population SDs
// 4,026.6, 11.58 and 0.102, so A81001's peers are A81003 (distance 1.06),
// B82001 (1.18), A81002 (2.05) and B82002 (3.46).
TEST_CASE("practices like yours, the deprivation decile and expected prevalence on the page") {
  Fixture f;
  build_packs(f.root());
  const std::string a1 = test::slurp(f.pack("A81001"));
  const std::string peers = section(a1, "aria-labelledby=\"peers\"", "</section>");
  const auto at = [&](const char* s) { return peers.find(s); };
  REQUIRE(at("Gamma") != std::string::npos);
  CHECK(at("Gamma") < at("Epsilon Health"));
  CHECK(at("Epsilon Health") < at("Beta Medical Centre"));
  CHECK(at("Beta Medical Centre") < at("Zeta Group Practice"));
  CHECK_FALSE(has(peers, "Delta Practice"));  // no list size: no one's peer
  for (const char* d : {">1.06<", ">1.18<", ">2.05<", ">3.46<"}) CHECK(has(peers, d));
  CHECK(has(peers, ">40.0%<"));  // A81001's share aged 50 and over: 4,000 of 10,000

  // IMD 20 among six scores, three above it: decile 1 + floor(10 × 3 / 6) = 6.
  CHECK(has(a1, "20.0 (IMD score; decile 6 of 10 in England, where 1 is the most deprived)"));
  const std::string dm = section(a1, "id=\"ind-qof-prevalence-dm\"");
  // The peers pooled: (600 + 520 + 400 + 40) / (10,000 + 6,500 + 4,000 + 700) = 7.36%.
  CHECK(has(dm,
            "Practices like yours <span class=\"pack-muted\">nearest in England</span></th><td "
            "class=\"pack-num\">7.4%</td><td class=\"pack-num\">4</td>"));
  // A81001 is alone in decile 6.
  CHECK(has(dm,
            "Deprivation decile <span class=\"pack-muted\">6 of 10 in England</span></th><td "
            "class=\"pack-num\">6.2%</td><td class=\"pack-num\">1</td>"));
  // Weighted least squares on the five practices: expected 7.35%, 95% range
  // 5.66% to 9.04%, 87.9 more patients than the 500 on the register.
  CHECK(has(
      dm,
      "(2020-21): 7.3%</strong>; 95 practices in 100 with the same age profile and deprivation record 5.7% to 9.0%."));
  CHECK(has(dm, "About 88 more people than are on the diabetes mellitus register would be expected"));
  CHECK(has(dm, "Similar to expected"));
  CHECK(has(dm, "R² 0.60"));
  CHECK_FALSE(has(section(a1, "id=\"ind-reviewed-pct\""), "Expected from"));  // registers only

  // The workbook holds the same figures, unrounded.
  const auto number = [](const std::string& cell) { return cell.empty() ? -1.0 : std::stod(cell); };
  Diagnostics d;
  const auto peers_sheet =
      import_detail::read_xlsx_sheet(f.pack("A81001", "data-pack.xlsx"), "Practices like yours", d);
  REQUIRE(peers_sheet);
  CHECK(peers_sheet->cell(1, 0) == "Alpha Surgery (this practice)");
  CHECK(number(peers_sheet->cell(1, 5)) == doctest::Approx(40.0));
  CHECK(peers_sheet->cell(2, 1) == "A81003");
  CHECK(number(peers_sheet->cell(2, 6)) == doctest::Approx(1.06).epsilon(0.005));
  CHECK(peers_sheet->cell(5, 1) == "B82002");
  CHECK(number(peers_sheet->cell(5, 6)) == doctest::Approx(3.46).epsilon(0.005));
  std::size_t dm_row = 0;
  for (std::size_t r = 0; r < peers_sheet->rows.size(); ++r)
    if (peers_sheet->cell(r, 1) == "qof_prevalence_dm") dm_row = r;
  REQUIRE(dm_row > 0);
  CHECK(number(peers_sheet->cell(dm_row, 4)) == doctest::Approx(100.0 * 1560 / 21200));
  CHECK(peers_sheet->cell(dm_row, 5) == "4");
  CHECK(peers_sheet->cell(dm_row, 8) == "1");

  const auto expected = import_detail::read_xlsx_sheet(f.pack("A81001", "data-pack.xlsx"), "Expected prevalence", d);
  REQUIRE(expected);
  REQUIRE_FALSE(d.has_errors());
  std::size_t x = 0;
  for (std::size_t r = 0; r < expected->rows.size(); ++r)
    if (expected->cell(r, 1) == "qof_prevalence_dm") x = r;
  REQUIRE(x > 0);
  CHECK(number(expected->cell(x, 3)) == doctest::Approx(500));
  CHECK(number(expected->cell(x, 6)) == doctest::Approx(7.35).epsilon(0.001));
  CHECK(number(expected->cell(x, 7)) == doctest::Approx(5.66).epsilon(0.002));
  CHECK(number(expected->cell(x, 8)) == doctest::Approx(9.04).epsilon(0.002));
  CHECK(expected->cell(x, 9) == "Similar to expected");
  CHECK(number(expected->cell(x, 10)) == doctest::Approx(87.9).epsilon(0.002));
}

TEST_CASE("practices like yours are matched on the share aged 65 and over when registrations by age cover them") {
  Fixture f;
  // The fixture's age_sex.csv covers three practices, QOF's lists by age
  // five: the wider measure, 50 and over, is used.
  build_packs(f.root());
  CHECK(has(test::slurp(f.pack("A81001")), "share of patients aged 50 and over (QOF 2020-21 list sizes)"));

  // Registrations by age for the other three as well: every practice has
  // OHID's measure. A81004 (no list size) stays out of the pool.
  std::string age_sex = test::slurp(f.root() / "data/age_sex.csv");
  for (const char* ods : {"A81004", "B82001", "B82002"})
    age_sex += fmt::format("{0},2024-06,female,0-4,200\n{0},2024-06,male,70-74,100\n", ods);
  test::put(f.root() / "data/age_sex.csv", age_sex);
  build_packs(f.root());
  const std::string a1 = test::slurp(f.pack("A81001"));
  const std::string peers = section(a1, "aria-labelledby=\"peers\"", "</section>");
  CHECK(has(peers, "share of patients aged 65 and over (registered patients, 2024-06)"));
  CHECK(has(peers, "<th scope=\"col\" class=\"pack-num\">Share aged 65 and over</th>"));
  CHECK(has(peers, ">24.8%<"));  // A81001: 1,593 of 6,433 aged 65 and over
  CHECK(has(peers, ">33.3%<"));  // B82001: 100 of 300
  CHECK_FALSE(has(peers, "Delta Practice"));
}

TEST_CASE("the profile draws the age and sex pyramid where it was imported, and says so where not") {
  Fixture f;
  build_packs(f.root());
  // data/age_sex.csv (made-up figures) has A81001 and A81002 in 2024-06,
  // A81003 in 2024-03 only; England's outline sums every practice's month.
  const std::string a1 = test::slurp(f.pack("A81001"));
  CHECK(has(a1, "<svg class=\"pack-pyramid\""));
  // 6,433 patients, 1,593 (24.8%) aged 65 and over; England (the two
  // practices of 2024-06) 2,307 of 14,727 = 15.7%. Aged 0-4: 150 male and
  // 145 female of 6,433; England 450 and 435 of 14,727.
  CHECK(has(a1,
            "6,433 registered patients on the first day of 2024-06 (3,141 male, 3,292 female); aged 65 "
            "and over: 24.8% (England 15.7%)"));
  CHECK(has(a1, "0-4: male 2.3%, female 2.3% (England 3.1% and 3.0%)"));
  const std::string a4 = test::slurp(f.pack("A81004"));
  CHECK_FALSE(has(a4, "<svg class=\"pack-pyramid\""));
  CHECK(has(a4, "No breakdown of this practice's patients by age and sex has been imported"));
}

TEST_CASE("--quarter leaves out periods that start after the quarter") {
  Fixture f;
  build_packs(f.root(), 1, {}, "2024-Q1");
  const std::string a1 = test::slurp(f.pack("A81001"));
  const std::string reviewed = section(a1, "id=\"ind-reviewed-pct\"");
  CHECK(has(reviewed, "· 2024-Q1</p>"));
  CHECK_FALSE(has(reviewed, "2024-Q2"));
  CHECK_FALSE(has(a1, "id=\"ind-calls-missed-pct\""));  // April 2024 onwards only
  CHECK(has(a1, "Data periods in this pack: 2018-19 to 2024-Q1, up to the end of 2024-Q1."));

  SUBCASE("a quarter must be YYYY-Qn") {
    Fixture g;
    BuildOptions o;
    o.project = g.root();
    o.what = {"packs"};
    o.quarter = "2024-06";
    try {
      build(o);
      FAIL("expected an error");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().str().find("bad --quarter '2024-06' (expected YYYY-Qn, e.g. 2025-Q4)") !=
            std::string::npos);
    }
    CHECK_FALSE(fs::exists(g.root() / "private"));
  }
}

TEST_CASE("--practice builds only those practices and keeps everyone else's files") {
  Fixture f;
  build_packs(f.root());
  const std::string b1_html = test::slurp(f.pack("B82001"));
  const std::string b1_xlsx = test::slurp(f.pack("B82001", "data-pack.xlsx"));
  // An out-of-date pack of A81001 shows the rebuild replaced it.
  test::put(f.pack("A81001"), "stale");
  build_packs(f.root(), 2, {"A81001"});
  CHECK(test::slurp(f.pack("A81001")) != "stale");
  CHECK(test::slurp(f.pack("B82001")) == b1_html);
  CHECK(test::slurp(f.pack("B82001", "data-pack.xlsx")) == b1_xlsx);
  CHECK(has(test::slurp(f.root() / "private/practices/index.html"), "href=\"B82001/data-pack.html\""));

  SUBCASE("only the named practice in a fresh project") {
    Fixture g;
    build_packs(g.root(), 2, {"B82002"});
    CHECK(fs::exists(g.pack("B82002")));
    CHECK_FALSE(fs::exists(g.pack("A81001")));
    const std::string index = test::slurp(g.root() / "private/practices/index.html");
    CHECK(has(index, "href=\"B82002/data-pack.html\""));
    CHECK_FALSE(has(index, "href=\"A81001/data-pack.html\""));
  }
  SUBCASE("an unknown code is an input error and nothing is written") {
    Fixture g;
    BuildOptions o;
    o.project = g.root();
    o.what = {"packs"};
    o.practices = {"A81001", "Z99999"};
    try {
      build(o);
      FAIL("expected an error");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().str().find("unknown practice 'Z99999' (not in data/practices.csv)") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(g.root() / "private"));
  }
}

TEST_CASE("a PDF browser that is not there is reported once, however many products print PDFs") {
  Fixture g;
  {
    std::ofstream toml(g.root() / "gpress.toml", std::ios::app);
    toml << "\n[pdf]\nbrowser = \"/nonexistent/printer\"\n";
  }
  BuildOptions o;
  o.project = g.root();
  o.what = {"packs", "options"};
  o.pdf = true;
  o.allow_project_tools = true;
  std::size_t reported = 0;
  try {
    build(o);
    FAIL("expected an error");
  } catch (const InputError& e) {
    // Every report counts towards "N errors", repeats included.
    for (const Diagnostic& d : e.diagnostics().all())
      reported += d.str() == "gpress.toml: error: [pdf] browser '/nonexistent/printer' not found";
  }
  CHECK(reported == 1);
  CHECK_FALSE(fs::exists(g.root() / "private"));
}

TEST_CASE("workbooks and pages are byte-identical across builds and job counts") {
  Fixture one, two;
  build_packs(one.root(), 1);
  build_packs(two.root(), 2);
  const auto tree_one = test::read_tree(one.root() / "private/practices");
  const auto tree_two = test::read_tree(two.root() / "private/practices");
  CHECK(tree_one.size() == 13);
  CHECK(tree_one == tree_two);
  // And again in the same place, a second later.
  const std::string xlsx = test::slurp(one.pack("A81001", "data-pack.xlsx"));
  build_packs(one.root(), 2);
  CHECK(test::slurp(one.pack("A81001", "data-pack.xlsx")) == xlsx);
  CHECK(xlsx.substr(0, 2) == "PK");
}

TEST_CASE("values are formatted by unit") {
  CHECK(format_value(Unit::kPercent, 12.345) == "12.3%");
  CHECK(format_value(Unit::kPer1000, 4.25) == "4.2 per 1,000");  // the exact binary tie goes to even
  CHECK(format_value(Unit::kPer10000, 1234.56) == "1,234.6 per 10,000");
  CHECK(format_value(Unit::kGbp, 1234567.891) == "£1,234,567.89");
  CHECK(format_value(Unit::kGbp, -5.5) == "-£5.50");
  CHECK(format_value(Unit::kCount, 1234567) == "1,234,567");
  CHECK(format_value(Unit::kRatio, 2142.66) == "2,142.7");
  CHECK(format_value(Unit::kScore, -0.04) == "0.0");
  CHECK(format_value(Unit::kPercent, std::nullopt) == "Not published");
  CHECK(format_count(9324.7) == "9,324.7");
  CHECK(format_count(12.25) == "12.25");
  CHECK(format_count(6133) == "6,133");
  CHECK(format_number(999.96, 1) == "1,000.0");
  CHECK(significance_text(analyse::Significance::kWorse, "England", analyse::Confidence::k95) ==
        "Worse than England (95% confidence)");
  CHECK(significance_text(analyse::Significance::kBetter, "ICB", analyse::Confidence::k998) ==
        "Better than ICB (99.8% confidence)");
  CHECK(significance_text(analyse::Significance::kSimilar, "ICB", analyse::Confidence::k998) == "Similar to ICB");
  // The pack names criteria as the options report does (analyse/risk).
  CHECK(national_criterion(15).title == "GP Patient Survey – ease of getting through by phone");
  CHECK_THROWS_AS(national_criterion(17), std::out_of_range);
}

TEST_CASE("a cohort gets packs - comparators still count every practice, closed ones included") {
  Fixture f;
  // Only A81001 is in the cohort, and B82002 (6/9 reviewed) has closed.
  std::string toml = test::slurp(f.root() / "gpress.toml");
  toml.replace(toml.find("[programme]"), 11, "[programme]\ncohort = [\"A81001\"]");
  test::put(f.root() / "gpress.toml", toml);
  std::string practices = test::slurp(f.root() / "data/practices.csv");
  std::string closed;
  std::size_t start = 0;
  for (std::size_t end; (end = practices.find('\n', start)) != std::string::npos; start = end + 1) {
    const std::string line = practices.substr(start, end - start);
    closed += line + (start == 0 ? ",closed_on" : line.rfind("B82002", 0) == 0 ? ",2024-12-31" : ",") + "\n";
  }
  test::put(f.root() / "data/practices.csv", closed);
  build_packs(f.root());

  CHECK(fs::exists(f.pack("A81001")));
  for (const char* outside : {"A81002", "A81003", "B82001", "B82002"}) CHECK_FALSE(fs::exists(f.pack(outside)));
  // England's pooled value is right only if the five practices outside the
  // cohort, B82002 among them, are counted: 212/349 = 60.7%.
  const std::string reviewed = section(test::slurp(f.pack("A81001")), "id=\"ind-reviewed-pct\"");
  CHECK(has(reviewed, "<td class=\"pack-num\">60.7%</td>"));
  CHECK(has(reviewed, "Decile 9 of 10 in England"));

  SUBCASE("a code no practice has is an error at its line, with the nearest code") {
    toml.replace(toml.find("\"A81001\""), 8, "\"A18001\"");
    test::put(f.root() / "gpress.toml", toml);
    try {
      build_packs(f.root());
      FAIL("expected an error");
    } catch (const InputError& e) {
      CHECK(has(e.what(), "gpress.toml:"));
      CHECK(has(e.what(),
                "no practice in data/practices.csv has the ICB, sub-ICB, PCN or ODS code 'A18001' "
                "(did you mean 'A81001'?)"));
    }
  }
}

TEST_CASE("a project with practice data and no toolkit builds its data packs") {
  Fixture f;
  fs::remove_all(f.root() / "content");
  fs::remove(f.root() / "data/themes.yaml");
  build_packs(f.root());
  CHECK(fs::exists(f.pack("A81001")));
  CHECK(fs::exists(f.pack("B82002", "data-pack.xlsx")));
}

TEST_CASE("[packs] significance = 99.8 compares by the 99.8% interval and says so") {
  // A81001 reviewed 40 of 50 in 2024-Q2 (80%) against England's 212 / 349
  // (60.7%): the 95% Wilson interval (66.96% to 88.76%) is above it, the
  // 99.8% one (58.5% to 91.9%) is not.
  Fixture f;
  build_packs(f.root());
  CHECK(has(section(test::slurp(f.pack("A81001")), "id=\"ind-reviewed-pct\""), "Better than England (95% confidence)"));

  Fixture g;
  test::put(g.root() / "gpress.toml", test::slurp(g.root() / "gpress.toml") + "\n[packs]\nsignificance = 99.8\n");
  build_packs(g.root());
  const std::string page = test::slurp(g.pack("A81001"));
  const std::string reviewed = section(page, "id=\"ind-reviewed-pct\"");
  CHECK(has(reviewed, "Similar to England"));
  CHECK(has(reviewed, "95% confidence interval: 67.0% to 88.8%; 99.8%: 58.5% to 91.9% (decides better or worse)"));
  CHECK(has(section(page, "id=\"ind-screening-pct\""), "Worse than England (99.8% confidence)"));
  CHECK(has(page, "Worse (99.8% confidence)</li>"));  // the legend
  CHECK_FALSE(has(page, "(95% confidence)"));
}

TEST_CASE("the summary names the indicators worse than England and getting worse") {
  Fixture f;
  build_packs(f.root());
  // Cervical screening: 60 of 100 in 2022-23 against England's 84.0%, and
  // falling 5 points a year since 2018-19 (chi-squared for trend 12.0).
  const std::string summary = section(test::slurp(f.pack("A81001")), "id=\"summary\"", "</section>");
  CHECK(has(summary,
            "Worse than England and getting worse:</strong> <a href=\"#ind-screening-pct\">Cervical "
            "screening coverage</a>;"));
  // A81002 is flat at about 80%: no flag.
  CHECK_FALSE(has(test::slurp(f.pack("A81002")), "and getting worse:</strong>"));
}
