// `gpress import` on short excerpts of the real publications (with their
// BOMs, CRLF, renamed headers, line breaks in header cells, NA, title rows):
// the rows written to data/*.csv, and the messages for broken input.
#include "import/import.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "load/practice_data.hpp"

namespace gpress {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(GPRESS_SOURCE_DIR) / "tests/fixtures/data";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Project {
  fs::path dir;
  explicit Project(const std::string& name) {
    dir = fs::temp_directory_path() / ("gpress-import-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Project() { fs::remove_all(dir); }
  ImportResult run(const std::string& source, std::vector<std::string> files, std::vector<std::string> icbs = {},
                   std::string period = {}) const {
    ImportOptions o;
    o.project = dir;
    o.source = source;
    for (const auto& f : files) o.files.push_back(kFixtures / f);
    o.icbs = std::move(icbs);
    o.period = std::move(period);
    return run_import(o);
  }
  std::string data(const std::string& file) const { return slurp(dir / "data" / file); }
  bool has(const std::string& line, const std::string& file = "values.csv") const {
    return data(file).find(line + "\n") != std::string::npos;
  }
};

std::string fixture(const std::string& name) { return (kFixtures / name).generic_string(); }

// The messages an import throws, one per line.
template <typename F>
std::string errors_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.diagnostics().str();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("import: epraccur without a header gives the register of current English practices of the ICB") {
  Project p("epraccur");
  const auto r = p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  CHECK(r.summary == "epraccur: 3 practices in data/practices.csv (of 4 active English GP practices)");
  CHECK(p.data("practices.csv") ==
        "ods_code,name,postcode,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region,list_size\n"
        "E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,,,93C,,QMJ,,London,\n"
        "E83005,LICHFIELD GROVE SURGERY,N3 2JP,,,93C,,QMJ,,London,\n"
        "E83006,GREENFIELD MEDICAL CENTRE,NW2 1HS,,,93C,,QMJ,,London,\n");
  CHECK(p.data("sources.csv").find("epraccur,GP and GP practice related data (epraccur),") != std::string::npos);
}

TEST_CASE("import: an unknown --icb is an error with a suggestion, and nothing is written") {
  Project p("bad-icb");
  CHECK(errors_of([&] { p.run("epraccur", {"epraccur.csv"}, {"QMK"}); }) ==
        fixture("epraccur.csv") + ": error: --icb QMK: no practice has this ICB code (did you mean 'QMJ'?)\n");
  CHECK(!fs::exists(p.dir / "data"));
}

TEST_CASE("import: other sources need the register first") {
  Project p("no-register");
  CHECK(errors_of([&] { p.run("qof", {"QOF_2022-23.csv"}); }) ==
        (p.dir / "data/practices.csv").lexically_normal().generic_string() +
            ": error: no practice register yet: run `gpress import epraccur epraccur.csv` first, so rows can be "
            "matched to practices and --icb can select them\n");
}

TEST_CASE("import: unknown sources are suggested") {
  ImportOptions o;
  o.source = "registration";
  o.files = {"x.csv"};
  CHECK(errors_of([&] { run_import(o); }) ==
        "gpress import: error: unknown source 'registration' (did you mean 'registrations'?)\n");
}

TEST_CASE("import: every source on the real excerpts, then the project loads cleanly") {
  Project p("all");
  p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  p.run("icb-lookup", {"CCG_ICB_code.csv"});
  CHECK(p.has("E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,,,93C,,QMJ,NHS North Central London Integrated Care Board,"
              "London,",
              "practices.csv"));

  SUBCASE("qof: two header layouts, the year from the file name, PCN into the register") {
    const auto r = p.run("qof", {"QOF_2018-19.csv", "QOF_2022-23.csv"});
    CHECK(r.summary == "qof: 4 values over 2 year(s)");
    CHECK(p.has("E83003,qof_achievement,2018-19,96.5,539.46,559"));
    CHECK(p.has("E83003,qof_achievement,2022-23,88.52,562.12,635"));
    CHECK(p.has("E83005,LICHFIELD GROVE SURGERY,N3 2JP,U58538,Barnet 3 PCN,93C,NHS North Central London ICB - 93C,QMJ,"
                "NHS North Central London Integrated Care Board,London,",
                "practices.csv"));
    CHECK(p.data("indicators.csv").find("qof_achievement,QOF achievement,efficiency,11,percent,higher-is-better,qof,") !=
          std::string::npos);
  }
  SUBCASE("registrations: both header layouts and the extract date inside the file") {
    p.run("registrations", {"gp-reg-pat-prac-all-2021-01.csv", "PracPopDec.csv", "PracPopFeb26.csv"});
    CHECK(p.has("E83003,registered_patients,2021-01,9171,,"));
    CHECK(p.has("E83003,registered_patients,2025-12,10459,,"));
    CHECK(p.has("E83003,registered_patients,2026-03,10492,,"));  // PracPopFeb26.csv is the March extract
    CHECK(p.has("E83003,list_size_change,2026-03,0.32,,"));
    CHECK(p.data("values.csv").find("A81001") == std::string::npos);  // outside --icb
    CHECK(p.has("E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,,,93C,,QMJ,NHS North Central London Integrated Care Board,"
                "London,10492",
                "practices.csv"));
  }
  SUBCASE("workforce: financial years from the year they end, numerators and denominators, NA") {
    p.run("workforce", {"workforce_year_FY2023-FY2025.csv"});
    CHECK(p.has("E83003,gp_fte_per_10k,2022-23,5.58,5.2,9324.7"));
    CHECK(p.has("E83003,patients_per_gp_fte,2022-23,1793.2,9324.7,5.2"));
    CHECK(p.has("E83003,locum_trainee_share,2022-23,27.78,2,7.2"));
    CHECK(p.has("E83005,locum_trainee_share,2022-23,0,0,2.4"));
    CHECK(p.has("E83005,nurse_fte_per_10k,2024-25,0.16,0.1,6330.5"));
  }
  SUBCASE("payments: per patient with payments and patients kept for pooling") {
    p.run("payments", {"nhspaymentsgp-22-23-prac-csv.csv"});
    const std::string v = p.data("values.csv");
    CHECK(v.find("E83003,payments_per_patient,2022-23,") != std::string::npos);
    CHECK(v.find("E83003,payments_per_weighted_patient,2022-23,") != std::string::npos);
  }
  SUBCASE("imd: the national rows are not practices; IMD 2019 is 2019-20") {
    p.run("imd", {"fingertips_93553.csv"});
    CHECK(p.data("values.csv").find("E92000001") == std::string::npos);
    CHECK(p.data("values.csv").find("E83003,imd_score,2019-20,") != std::string::npos);
  }
  SUBCASE("cqc: domain ratings win over overall-only, NA codes and non-practice locations are skipped") {
    p.run("cqc", {"cqc_overall.csv", "cqc_london_location_domains.csv"});
    CHECK(p.data("cqc.csv") ==
          "ods_code,inspected_on,overall,safe,effective,caring,responsive,well_led\n"
          "E83003,2017-11-22,Good,Good,Good,Good,Good,Good\n"
          "E83005,,Good,,,,,\n");
  }
  SUBCASE("gpps: --period is required, numerators estimated from responses") {
    CHECK(errors_of([&] { p.run("gpps", {"gps_london.csv"}); }) ==
          fixture("gps_london.csv") +
              ": error: cannot tell which period this file covers; give it with --period (e.g. --period 2024-25)\n");
    p.run("gpps", {"gps_london.csv"}, {}, "2024-25");
    CHECK(p.has("E83003,gpps_overall_good,2024-25,79.6,86,108"));
    CHECK(p.has("E83003,gpps_contact_good,2024-25,70.4,76,108"));
  }
  SUBCASE("telephony: the workbook's title block, two-row header and Total row") {
    const auto r = p.run("telephony", {"telephony-2025-12.xlsx"});
    CHECK(r.summary == "telephony: 2 values over 1 month(s)");
    CHECK(p.has("E83003,calls_missed_pct,2025-12,11.15,684,6133"));
    CHECK(p.has("E83005,calls_missed_pct,2025-12,5.4,137,2539"));
  }
  SUBCASE("online consultations: a non-numeric cell is reported at its row and column") {
    CHECK(errors_of([&] { p.run("online-consultations", {"online-consultations-2025-12.xlsx"}); }) ==
          fixture("online-consultations-2025-12.xlsx") + ":14:13: error: 'x' is not a number\n");
    CHECK(!fs::exists(p.dir / "data/values.csv"));
  }

  Diagnostics diags;
  load_practice_data(p.dir, diags);
  CHECK(diags.str() == "");
}

TEST_CASE("import: re-importing a source replaces its rows and keeps the others'") {
  Project p("replace");
  p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  p.run("qof", {"QOF_2018-19.csv", "QOF_2022-23.csv"});
  p.run("workforce", {"workforce_year_FY2023-FY2025.csv"});
  p.run("qof", {"QOF_2022-23.csv"});
  const std::string v = p.data("values.csv");
  CHECK(v.find("qof_achievement,2018-19") == std::string::npos);
  CHECK(v.find("E83003,qof_achievement,2022-23,88.52,562.12,635\n") != std::string::npos);
  CHECK(v.find("E83003,gp_fte_per_10k,2022-23,") != std::string::npos);
  // Deterministic: the same imports give the same bytes.
  Project q("replace-again");
  q.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  q.run("workforce", {"workforce_year_FY2023-FY2025.csv"});
  q.run("qof", {"QOF_2022-23.csv"});
  CHECK(q.data("values.csv") == v);
}

TEST_CASE("import: every bad cell in a publication is reported in one run and nothing is written") {
  Project p("bad-cells");
  p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  const std::string before = p.data("practices.csv");
  const fs::path bad = p.dir / "workforce_bad.csv";
  std::ofstream(bad, std::ios::binary)
      << "\"Practice.Code\",\"Year\",\"TOTAL_PATIENTS\",\"TOTAL_GP_EXTGL_FTE\",\"TOTAL_ADMIN_FTE\"\r\n"
         "\"E83003\",\"2023\",9324.6,five,12\r\n"
         "\"E83005\",\"23\",6533.4,2.4,6.1\r\n"
         "\"E83006\",\"2024\",NA,1.5,n/a\r\n";
  ImportOptions o;
  o.project = p.dir;
  o.source = "workforce";
  o.files = {bad};
  const std::string b = bad.generic_string();
  CHECK(errors_of([&] { run_import(o); }) ==
        b + ":2:24: error: 'five' in column 'total_gp_extgl_fte' is not a number\n" +
        b + ":3:10: error: bad year '23' (expected the year a financial year ends in, e.g. 2023 for 2022-23)\n" +
        b + ":4:24: error: 'n/a' in column 'total_admin_fte' is not a number\n");
  CHECK(!fs::exists(p.dir / "data/values.csv"));
  CHECK(p.data("practices.csv") == before);
}

TEST_CASE("import: a QOF file whose name does not give the year needs --period") {
  Project p("qof-period");
  p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  const fs::path renamed = p.dir / "qof.csv";
  fs::copy_file(kFixtures / "QOF_2022-23.csv", renamed);
  ImportOptions o;
  o.project = p.dir;
  o.source = "qof";
  o.files = {renamed};
  CHECK(errors_of([&] { run_import(o); }) ==
        renamed.generic_string() +
            ": error: cannot tell which period this file covers; give it with --period (e.g. --period 2022-23)\n");
  o.period = "2022-24";
  CHECK(errors_of([&] { run_import(o); }) ==
        "--period: error: bad period '2022-24' (a financial year's second year must follow its first: 2022-23)\n");
  o.period = "2022-23";
  run_import(o);
  CHECK(p.has("E83003,qof_achievement,2022-23,88.52,562.12,635"));
}

}  // namespace gpress
