// The options product end to end: a fixture project built to its expected
// reports byte for byte, the ranked list, the workbook, and an invalid
// project whose every problem is reported with nothing written.
#include <doctest/doctest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "assemble/options.hpp"
#include "assemble/ranking.hpp"
#include "build.hpp"
#include "import/xlsx_reader.hpp"
#include "project.hpp"
#include "test_support.hpp"

using namespace gpress;
namespace fs = std::filesystem;

namespace {

BuildReport build_options(const fs::path& project, unsigned jobs = 0, std::vector<std::string> practices = {}) {
  BuildOptions o;
  o.project = project;
  o.what = {"options"};
  o.jobs = jobs;
  o.practices = std::move(practices);
  return build(o);
}

std::map<std::string, std::string> reports(const fs::path& project) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : test::read_tree(project / "private/practices"))
    if (path.ends_with("options-report.html")) out["private/practices/" + path] = bytes;
  return out;
}

Project load(const fs::path& root) {
  Diagnostics diags;
  Project p = load_project(root, 1, true, diags);
  REQUIRE(diags.str() == "");
  return p;
}

}  // namespace

TEST_CASE("the options fixture builds to its expected reports, byte for byte") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-basic"), dir.path());
  build_options(dir.path());
  const auto actual = reports(dir.path());
  const fs::path expected_root = test::fixture("options-basic/expected");
  if (std::getenv("GPRESS_UPDATE_EXPECTED")) {
    fs::remove_all(expected_root);
    for (const auto& [path, bytes] : actual) test::put(expected_root / path, bytes);
  }
  std::map<std::string, std::string> expected;
  for (const auto& [path, bytes] : test::read_tree(expected_root)) expected[path] = bytes;
  CHECK(expected.size() == 6);
  for (const auto& [path, bytes] : expected) {
    auto it = actual.find(path);
    CHECK_MESSAGE(it != actual.end(), "missing output: " << path);
    if (it != actual.end()) CHECK_MESSAGE(it->second == bytes, "differs from expected: " << path);
  }
  for (const auto& [path, bytes] : actual) CHECK_MESSAGE(expected.count(path), "unexpected output: " << path);
  CHECK(fs::exists(dir.path() / "private/practices/assets/options.css"));
  CHECK(fs::exists(dir.path() / "private/practices/ranked-practices.xlsx"));
}

TEST_CASE("the fixture's reports say what the support team needs") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-basic"), dir.path());
  build_options(dir.path());
  const std::string a1 = test::slurp(dir.path() / "private/practices/A81001/options-report.html");
  CHECK(a1.find("op-level--manage\">Manage<") != std::string::npos);
  CHECK(a1.find("Criterion 1 (CQC rating – inadequate) is met") != std::string::npos);
  CHECK(a1.find("<strong>CQC Well-led rated Inadequate or Requires improvement</strong>: Well-led rated Inadequate, "
                "inspected 2024-03-14") != std::string::npos);
  // [options] max_actions = 2: the third is listed as also considered, and
  // the action that suits other levels is named with the trigger that held.
  CHECK(a1.find("The 2 actions from the menu of support with the highest priority, highest first; 1 more is listed "
                "under also considered.") != std::string::npos);
  CHECK(a1.find("<li class=\"op-also__item\" id=\"also-coding-review\"><strong>3. Clinical coding review</strong> "
                "(priority 2)") != std::string::npos);
  CHECK(a1.find("<strong>Workload coaching</strong> (suits Stabilise, Improve): Team 360 workload below 3.0") !=
        std::string::npos);
  CHECK(a1.find("href=\"data-pack.html\"") != std::string::npos);
  CHECK(a1.find("href=\"../assets/options.css\"") != std::string::npos);
  for (const char* domain : {"Investment / finance", "Infrastructure", "Workload", "Workforce", "New care models"})
    CHECK_MESSAGE(a1.find(std::string(". ") + domain + "</h3>") != std::string::npos, domain);
  const std::string a6 = test::slurp(dir.path() / "private/practices/A81006/options-report.html");
  CHECK(a6.find("Set by the support team on 2025-02-10: The practice manager leaves in March") != std::string::npos);
  CHECK(a6.find("What the rules give: Improve") != std::string::npos);
  const std::string a4 = test::slurp(dir.path() / "private/practices/A81004/options-report.html");
  CHECK(a4.find("No action from the menu of support is triggered") != std::string::npos);
  CHECK(a4.find("op-level--sustain\">Sustain<") != std::string::npos);
}

TEST_CASE("the ranked list orders by score, then criteria met, then ODS code") {
  Project project = load(test::fixture("options-basic"));
  const auto analysis = build_options_analysis(project, 2);
  const auto rows = rank_practices(*analysis);
  std::vector<std::string> order;
  std::vector<std::string> levels;
  for (const auto& r : rows) {
    order.push_back(r.ods_code);
    levels.emplace_back(to_string(r.support_level));
  }
  CHECK(order == std::vector<std::string>{"A81001", "A81002", "A81003", "A81006", "A81004", "A81005"});
  CHECK(levels == std::vector<std::string>{"Manage", "Stabilise", "Stabilise", "Stabilise", "Sustain", "Sustain"});
  CHECK(rows[0].risk_score == 12);
  CHECK(rows[0].top_criteria == std::vector<std::string>{"1 CQC rating – inadequate",
                                                         "8 Practice leadership issues (partner relationships)",
                                                         "4 Patients per WTE GP and/or WTE practice nurse"});
  CHECK(rows[3].overridden);
  CHECK(rows[0].options_report_url == "A81001/options-report.html");
  const auto context = ranking_context(rows, "");
  CHECK(context["practices"][0]["data_pack_url"] == "A81001/data-pack.html");
  CHECK(context["support_counts"][1]["count"] == 3);
  SUBCASE("the recommended actions carry their evidence") {
    const PracticeOptions* a1 = analysis->find("A81001");
    REQUIRE(a1);
    std::vector<std::string> titles;
    for (const auto& r : a1->recommendations) titles.push_back(r.page->title);
    // Highest priority first: the recent leadership flag (criterion 8's
    // weight 3 × 3 × 2 = 18; its well-led Inadequate adds 5 × 3 × 1), the
    // phone survey (weight 1 × 3 × 2, recent), QOF below the threshold
    // (weight 1 × 1 × 2).
    CHECK(titles ==
          std::vector<std::string>{"CQC turnaround support", "Telephone access review", "Clinical coding review"});
    CHECK(a1->recommendations[0].priority == 18);
    CHECK(a1->recommendations[0].total == 33);
    CHECK(a1->recommendations[0].held[0].evidence == "Well-led rated Inadequate, inspected 2024-03-14");
    CHECK(a1->recommendations[2].held[0].evidence == "QOF achievement 85.0% in 2023-24, below 90.0% (source: qof)");
    // Its trigger held, but it suits Stabilise and Improve, not Manage.
    REQUIRE(a1->not_at_level.size() == 1);
    CHECK(a1->not_at_level[0].page->title == "Workload coaching");
    CHECK(rows[0].top_action == "CQC turnaround support");
    CHECK(rows[5].top_action == "");
  }
}

TEST_CASE("every report context stays inside the template schema") {
  Project project = load(test::fixture("options-basic"));
  const auto analysis = build_options_analysis(project, 1);
  // Validating the template against the schema is what a build does; the
  // context must then have no key the schema lacks.
  std::function<void(const nlohmann::json&, const nlohmann::json&, const std::string&)> inside =
      [&](const nlohmann::json& value, const nlohmann::json& schema, const std::string& where) {
        if (value.is_object()) {
          REQUIRE_MESSAGE(schema.is_object(), where);
          for (const auto& [k, v] : value.items()) {
            const std::string path = where + "." + k;
            CHECK_MESSAGE(schema.contains(k), path);
            if (schema.contains(k)) inside(v, schema[k], path);
          }
        } else if (value.is_array() && !value.empty() && value[0].is_object()) {
          REQUIRE_MESSAGE(schema.is_array(), where);
          const std::string path = where + "[]";
          for (const auto& v : value) inside(v, schema[0], path);
        }
      };
  for (std::size_t i = 0; i < analysis->practices.size(); ++i)
    inside(options_context(*analysis, i), options_schema(), "");
}

TEST_CASE("the ranked workbook is byte-identical across builds and thread counts") {
  test::TempDir a, b;
  test::copy_project(test::fixture("options-basic"), a.path());
  test::copy_project(test::fixture("options-basic"), b.path());
  build_options(a.path(), 1);
  build_options(b.path(), 8);
  CHECK(test::read_tree(a.path() / "private") == test::read_tree(b.path() / "private"));
  const std::string xlsx = test::slurp(a.path() / "private/practices/ranked-practices.xlsx");
  CHECK(xlsx.substr(0, 2) == "PK");
}

TEST_CASE("--practice rebuilds only those reports and keeps the others") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-basic"), dir.path());
  build_options(dir.path());
  test::put(dir.path() / "data/assessments/overrides.csv", "ods_code,set_on,level,reason\n");
  build_options(dir.path(), 0, {"A81006"});
  const std::string a6 = test::slurp(dir.path() / "private/practices/A81006/options-report.html");
  CHECK(a6.find("Set by the support team") == std::string::npos);
  CHECK(fs::exists(dir.path() / "private/practices/A81001/options-report.html"));
}

TEST_CASE("a team 360 tool with its own dimensions: shown as first spelt, one dimension whatever the case") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-basic"), dir.path());
  std::string team360 = test::slurp(dir.path() / "data/assessments/team360.csv");
  team360 +=
      "A81001,2025-01-11,Psychological safety,2.2\nA81002,2025-01-13,PSYCHOLOGICAL SAFETY,3.0\n"
      "A81005,2025-02-06,psychological safety,4.0\n";
  test::put(dir.path() / "data/assessments/team360.csv", team360);
  test::put(dir.path() / "content/actions/safety-coaching.md",
            "---\ntitle: Safety coaching\ntype: action\nsummary: S.\nmenu: coaching\ngpfv_domain: workforce\n"
            "triggers:\n  - {team360: psychological Safety, below: 2.5}\n---\nBody.\n");
  build_options(dir.path());
  const std::string a1 = test::slurp(dir.path() / "private/practices/A81001/options-report.html");
  // After the fixture's leadership and workload, in the order first seen; the
  // cohort's spread counts all three spellings: 2.2, 3.0, 4.0.
  const auto row = a1.find("<th scope=\"row\">Psychological safety</th>");
  REQUIRE(row != std::string::npos);
  CHECK(a1.find("<th scope=\"row\">Workload</th>") < row);
  CHECK(a1.find("<td><strong>2.2</strong></td>\n<td>2.2</td>\n<td>2.6</td>\n"
                "<td>3.0</td>\n<td>3.5</td>\n<td>4.0</td>",
                row) != std::string::npos);
  CHECK(a1.find("Team 360 Psychological safety scored 2.2 of 5 on 2025-01-11, below 2.5") != std::string::npos);
  const std::string a2 = test::slurp(dir.path() / "private/practices/A81002/options-report.html");
  CHECK(a2.find("<th scope=\"row\">Psychological safety</th>") != std::string::npos);
  CHECK(a2.find("Safety coaching") == std::string::npos);  // 3.0 is not below 2.5

  SUBCASE("a trigger naming a dimension no assessment has is an error at its place") {
    test::put(dir.path() / "content/actions/safety-coaching.md",
              "---\ntitle: Safety coaching\ntype: action\nsummary: S.\nmenu: coaching\ngpfv_domain: workforce\n"
              "triggers:\n  - {team360: psychological safty, below: 2.5}\n---\nBody.\n");
    try {
      build_options(dir.path());
      FAIL("the build should have failed");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().str() ==
            "content/actions/safety-coaching.md:8:6: error: unknown team 360 dimension "
            "'psychological safty' (did you mean 'Psychological safety'?)\n");
    }
  }
  SUBCASE("[team360] dimensions in gpress.toml sets their order and spelling") {
    std::string toml = test::slurp(dir.path() / "gpress.toml");
    toml += "\n[team360]\ndimensions = [\"Psychological Safety\", \"Workload\", \"Leadership\", \"Wellbeing\"]\n";
    test::put(dir.path() / "gpress.toml", toml);
    build_options(dir.path());
    const std::string report = test::slurp(dir.path() / "private/practices/A81001/options-report.html");
    const auto safety = report.find("<th scope=\"row\">Psychological Safety</th>");
    const auto workload = report.find("<th scope=\"row\">Workload</th>");
    const auto leadership = report.find("<th scope=\"row\">Leadership</th>");
    CHECK(safety < workload);
    CHECK(workload < leadership);
    CHECK(leadership != std::string::npos);
    CHECK(report.find("<th scope=\"row\">Wellbeing</th>") == std::string::npos);  // nobody scored
  }
  SUBCASE("a dimension listed twice in gpress.toml, in any case, is an error at the second") {
    test::put(dir.path() / "gpress.toml",
              test::slurp(dir.path() / "gpress.toml") + "\n[team360]\ndimensions = [\"Workload\", \"workload\"]\n");
    try {
      build_options(dir.path());
      FAIL("the build should have failed");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().str().find(
                "gpress.toml:21:27: error: 'workload' is listed twice (as 'Workload'; case does not matter)\n") !=
            std::string::npos);
    }
  }
}

TEST_CASE("data imported for some ICBs only: the widest comparator is all imported practices, never England") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-basic"), dir.path());
  // What `gpress import qof --icb QAA` records: the ICBs its rows cover.
  test::put(dir.path() / "data/sources.csv",
            "id,title,publisher,period,url,licence,attribution,coverage\n"
            "qof,Quality and Outcomes Framework,NHS England,2023-24,,,,QAA\n"
            "gpps,GP Patient Survey,NHS England,2024-25,,,,\n");
  BuildOptions o;
  o.project = dir.path();
  o.what = {"packs", "options", "thematic"};
  build(o);
  // "NHS England" publishes the data; no figure may be called England's.
  auto englands = [](std::string text) {
    for (std::size_t at; (at = text.find("NHS England")) != std::string::npos;) text.erase(at, 11);
    return text.find("England") != std::string::npos;
  };
  int pages = 0;
  for (const auto& [path, bytes] : test::read_tree(dir.path() / "private")) {
    if (!path.ends_with(".html")) continue;
    ++pages;
    CHECK_MESSAGE(!englands(bytes), path << " calls a comparator England");
  }
  CHECK(pages == 15);  // six packs, six options reports, the ranked list, the thematic report for each audience
  const std::string pack = test::slurp(dir.path() / "private/practices/A81001/data-pack.html");
  CHECK(pack.find("<th scope=\"row\">All imported practices: QAA</th>") != std::string::npos);
  const std::string report = test::slurp(dir.path() / "private/practices/A81001/options-report.html");
  CHECK(report.find("than All imported practices: QAA") != std::string::npos);

  Diagnostics diags;
  const auto sheet =
      import_detail::read_xlsx_sheet(dir.path() / "private/practices/A81001/data-pack.xlsx", "Indicators", diags);
  REQUIRE(sheet);
  const auto& header = sheet->rows.at(0);
  CHECK(std::find(header.begin(), header.end(), "All imported practices: QAA") != header.end());
  CHECK(std::find(header.begin(), header.end(), "All imported practices: QAA decile") != header.end());
  for (const auto& row : sheet->rows)
    for (const auto& cell : row) CHECK_MESSAGE(!englands(cell), cell);
}

TEST_CASE("broken assessments and actions: every error, exit 1, nothing written") {
  test::TempDir dir;
  test::copy_project(test::fixture("options-invalid"), dir.path());
  std::string message;
  try {
    build_options(dir.path());
    FAIL("the build should have failed");
  } catch (const InputError& e) {
    message = e.diagnostics().str();
  }
  const fs::path expected = test::fixture("options-invalid/expected-errors.txt");
  if (std::getenv("GPRESS_UPDATE_EXPECTED")) test::put(expected, message);
  CHECK(message == test::slurp(expected));
  CHECK_FALSE(fs::exists(dir.path() / "private"));
}
