// `gpress import` on short excerpts of the real publications (with their
// BOMs, CRLF, renamed headers, line breaks in header cells, NA, title rows):
// the rows written to data/*.csv, and the messages for broken input.
#include "import/import.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "build.hpp"
#include "core/error.hpp"
#include "core/gzip.hpp"
#include "import/common.hpp"
#include "import/xlsx_reader.hpp"
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
                   std::string period = {}, bool force = false) const {
    ImportOptions o;
    o.force = force;
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

// The register's line of a practice up to its list size, whatever follows.
bool has_practice(const Project& p, const std::string& start) {
  return p.data("practices.csv").find("\n" + start) != std::string::npos;
}

TEST_CASE("import: epraccur keeps every English GP practice, closed and dormant ones with their close date") {
  Project p("epraccur");
  const auto r = p.run("epraccur", {"epraccur.csv"});
  CHECK(r.summary ==
        "epraccur: 8 rows read from 1 file\n"
        "  kept: 7 rows for 7 practices\n"
        "  not practice rows: 1 (organisations other than GP practices (prescribing setting not 4))\n"
        "  data/practices.csv: 7 practices (5 open, 2 closed or dormant); 0 removed");
  CHECK(p.data("practices.csv") ==
        "ods_code,name,postcode,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region,list_size,"
        "closed_on,groupings_on,groupings_source\n"
        "A81001,THE DENSHAM SURGERY,TS18 1HU,,,16C,,QHM,,North East and Yorkshire,,,2024-06-30,epraccur\n"
        "A81003,VICTORIA MEDICAL PRACTICE,TS26 8DB,,,00K,,Q74,,Y54,,2017-10-31,2024-06-30,epraccur\n"
        "E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,,,93C,,QMJ,,London,,,2024-06-30,epraccur\n"
        "E83005,LICHFIELD GROVE SURGERY,N3 2JP,,,93C,,QMJ,,London,,,2024-06-30,epraccur\n"
        "E83006,GREENFIELD MEDICAL CENTRE,NW2 1HS,,,93C,,QMJ,,London,,,2024-06-30,epraccur\n"
        "E83037,DERWENT CRESCENT MEDICAL CENTRE,N20 0QQ,,,93C,,QMJ,,London,,2024-06-30,2024-06-30,epraccur\n"
        "Y05750,DAVID LEWIS MEDICAL PRACTICE,SK9 7UD,,,27D,,QYG,,North West,,,2024-06-30,epraccur\n");
  CHECK(p.data("sources.csv").find("epraccur,GP and GP practice related data (epraccur),") != std::string::npos);
}

TEST_CASE("import: with --icb the register keeps that ICB's practices and sources.csv records the coverage") {
  Project p("epraccur-icb");
  const auto r = p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  CHECK(r.summary.find("\n  left out: 3 rows of practices outside --icb QMJ\n") != std::string::npos);
  CHECK(r.summary.ends_with("data/practices.csv: 4 practices (3 open, 1 closed or dormant); 0 removed"));
  CHECK(p.data("sources.csv")
            .find(",Open Government Licence v3.0,Contains NHS England Organisation Data Service "
                  "data licensed under the Open Government Licence v3.0.,QMJ\n") != std::string::npos);
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
  CHECK(has_practice(p,
                     "E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,,,93C,,QMJ,NHS North Central London Integrated Care "
                     "Board,London,,,2024-06-30,epraccur\n"));

  SUBCASE("qof: two header layouts, the year from the file name, the newest year's PCN into the register") {
    const auto r = p.run("qof", {"QOF_2018-19.csv", "QOF_2022-23.csv"});
    CHECK(r.summary ==
          "qof: 6 rows read from 2 files\n"
          "  kept: 5 rows for 3 practices (2 periods, 2018-19 to 2022-23)\n"
          "  left out: 1 row of practices not in the register, which covers only ICB QMJ");
    CHECK(p.has("E83003,qof_achievement,2018-19,96.5044722719141,539.46,559"));
    CHECK(p.has("E83003,qof_achievement,2022-23,88.5228346456693,562.12,635"));
    // A practice that closed since still counts in the years it published.
    CHECK(p.has("E83037,qof_achievement,2018-19,99.8282647584973,558.04,559"));
    CHECK(has_practice(p,
                       "E83005,LICHFIELD GROVE SURGERY,N3 2JP,U58538,Barnet 3 PCN,93C,NHS North Central London "
                       "ICB - 93C,QMJ,NHS North Central London Integrated Care Board,London,,,2023-03-31,qof\n"));
    // QOF 2018-19 names no PCN: the closed practice keeps the register's groupings.
    CHECK(has_practice(p,
                       "E83037,DERWENT CRESCENT MEDICAL CENTRE,N20 0QQ,,,93C,,QMJ,NHS North Central London "
                       "Integrated Care Board,London,,2024-06-30,2024-06-30,epraccur\n"));
    CHECK(p.data("indicators.csv")
              .find("qof_achievement,QOF achievement,efficiency,11,percent,higher-is-better,none,"
                    "qof,") != std::string::npos);
  }
  SUBCASE("qof-prevalence: one indicator per register, each with the age base the file gives") {
    const auto r = p.run("qof-prevalence", {"PREVALENCE_2021_v2.csv"});
    CHECK(r.summary ==
          "qof-prevalence: 14 rows read from 1 file\n"
          "  kept: 8 rows for 2 practices (2020-21)\n"
          "  left out: 6 rows of practices not in the register, which covers only ICB QMJ");
    CHECK(p.has("E83003,qof_prevalence_dm,2020-21,6.06645525989246,440,7253"));
    CHECK(p.has("E83003,qof_prevalence_ast,2020-21,5.59326000468055,478,8546"));
    CHECK(p.has("E83003,qof_prevalence_hyp,2020-21,12.1069868995633,1109,9160"));
    CHECK(p.has("E83003,qof_prevalence_ost,2020-21,1.40802875973637,47,3338"));
    const std::string ind = p.data("indicators.csv");
    CHECK(ind.find("qof_prevalence_dm,Diabetes mellitus prevalence (QOF),external,,percent,neither,wilson,"
                   "qof-prevalence,\"Patients on the practice's QOF Diabetes mellitus register as a percentage of "
                   "its registered patients aged 17 and over (QOF list type 17OV)") != std::string::npos);
    CHECK(ind.find("its registered patients aged 50 and over (QOF list type 50OV)") != std::string::npos);
    CHECK(ind.find("its registered patients (all ages) (QOF list type TOTAL)") != std::string::npos);
  }
  SUBCASE("registrations: both header layouts and the extract date inside the file") {
    p.run("registrations", {"gp-reg-pat-prac-all-2021-01.csv", "PracPopDec.csv", "PracPopFeb26.csv"});
    CHECK(p.has("E83003,registered_patients,2021-01,9171,,"));
    CHECK(p.has("E83003,registered_patients,2025-12,10459,,"));
    CHECK(p.has("E83003,registered_patients,2026-03,10492,,"));  // PracPopFeb26.csv is the March extract
    CHECK(p.has("E83003,list_size_change,2026-03,0.315517735921216,,"));
    CHECK(p.data("values.csv").find("A81001") == std::string::npos);  // outside --icb
    CHECK(has_practice(p,
                       "E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,,,93C,,QMJ,NHS North Central London "
                       "Integrated Care Board,London,10492,"));
  }
  SUBCASE("registrations by sex and 5-year age band: counts to age_sex.csv, totals as before") {
    // gp-reg-pat-prac-quin-age.csv is written by hand in the published
    // layout (PUBLICATION, EXTRACT_DATE, TYPE, SUB_ICB_LOCATION_CODE,
    // ONS_SUB_ICB_LOCATION_CODE, ORG_CODE, POSTCODE, SEX, AGE_GROUP_5,
    // NUMBER_OF_PATIENTS) with made-up figures: no real file by age and sex is
    // available here. E83003's bands add up to its ALL/ALL total, 9,691.
    const auto r = p.run("registrations", {"PracPopDec.csv", "PracPopFeb26.csv", "gp-reg-pat-prac-quin-age.csv"});
    CHECK(p.has("E83003,registered_patients,2026-03,10492,,"));
    CHECK(p.has("E83003,registered_patients,2026-04,9691,,"));
    const std::string a = p.data("age_sex.csv");
    CHECK(a.rfind("ods_code,period,sex,age_band,patients\n", 0) == 0);
    CHECK(p.has("E83003,2026-04,female,0-4,295", "age_sex.csv"));
    CHECK(p.has("E83003,2026-04,male,95+,4", "age_sex.csv"));
    // Youngest band first, female before male: 1 header and 40 rows.
    CHECK(std::count(a.begin(), a.end(), '\n') == 41);
    CHECK(a.find("E83003,2026-04,female,5-9,315\nE83003,2026-04,female,10-14,325") != std::string::npos);
    CHECK(a.find("A81001") == std::string::npos);                                  // outside --icb
    CHECK(r.summary.find("breakdowns by sex or age alone") != std::string::npos);  // the ALL / 0_4 row

    SUBCASE("a totals-only import leaves age_sex.csv as it was") {
      p.run("registrations", {"PracPopDec.csv", "PracPopFeb26.csv"});
      CHECK(p.data("age_sex.csv") == a);
    }
    SUBCASE("the packs load it") {
      Diagnostics d;
      const PracticeData data = load_practice_data(p.dir, d);
      CHECK_FALSE(d.has_errors());
      REQUIRE(data.age_sex.size() == 40);
      CHECK(data.age_sex.front().ods_code == "E83003");
    }
  }
  SUBCASE("registrations, totals only: no age_sex.csv") {
    p.run("registrations", {"gp-reg-pat-prac-all-2021-01.csv", "PracPopDec.csv", "PracPopFeb26.csv"});
    CHECK_FALSE(fs::exists(p.dir / "data" / "age_sex.csv"));
  }
  SUBCASE("workforce: financial years from the year they end, numerators and denominators as published, NA") {
    p.run("workforce", {"workforce_year_FY2023-FY2025.csv"});
    CHECK(p.has("E83003,gp_fte_per_10k,2022-23,5.57660684921713,5.2,9324.66666666667"));
    CHECK(p.has("E83003,patients_per_gp_fte,2022-23,1793.20512820513,9324.66666666667,5.2"));
    CHECK(p.has("E83003,locum_trainee_share,2022-23,27.7777777777778,2,7.2"));
    CHECK(p.has("E83005,locum_trainee_share,2022-23,0,0,2.4"));
    CHECK(p.has("E83005,nurse_fte_per_10k,2024-25,0.157965405576179,0.1,6330.5"));
  }
  SUBCASE("payments: per patient with payments and patients kept for pooling") {
    p.run("payments", {"nhspaymentsgp-22-23-prac-csv.csv"});
    const std::string v = p.data("values.csv");
    CHECK(v.find("E83003,payments_per_patient,2022-23,") != std::string::npos);
    CHECK(v.find("E83003,payments_per_weighted_patient,2022-23,") != std::string::npos);
  }
  SUBCASE("imd: the national rows are not practices; IMD 2019 is 2019-20") {
    const auto r = p.run("imd", {"fingertips_93553.csv"});
    CHECK(r.summary.find("not practice rows: 2 (England and other areas that are not practices)") != std::string::npos);
    CHECK(p.data("values.csv").find("E92000001") == std::string::npos);
    CHECK(p.data("values.csv").find("E83003,imd_score,2019-20,") != std::string::npos);
  }
  SUBCASE("cqc: domain ratings win over overall-only, NA codes and non-practice locations are skipped") {
    const auto r = p.run("cqc", {"cqc_overall.csv", "cqc_london_location_domains.csv"});
    CHECK(r.summary.find("not practice rows: 1 (CQC locations with no ODS practice code)") != std::string::npos);
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
  SUBCASE("telephony: the workbook's title block, two-row header, Total row and unassigned calls") {
    // One unassigned row in three is more than an import may drop without --force.
    CHECK(errors_of([&] { p.run("telephony", {"telephony-2025-12.xlsx"}); }) ==
          fixture("telephony-2025-12.xlsx") +
              ": error: telephony: 1 of 3 practice rows would be dropped (0 not in the register, 1 unassigned), more "
              "than the 5% an import may drop; nothing was imported and data/ is unchanged. Import a newer register "
              "(`gpress import epraccur`) or pass --force\n");
    const auto r = p.run("telephony", {"telephony-2025-12.xlsx"}, {}, {}, true);
    CHECK(r.summary ==
          "telephony: 6 rows read from 1 file\n"
          "  kept: 2 rows for 2 practices (2025-12)\n"
          "  unassigned: 1 row the source assigns to no practice\n"
          "  not practice rows: 3 (the national total and notes)");
    CHECK(p.has("E83003,calls_missed_pct,2025-12,11.1527800423936,684,6133"));
    CHECK(p.has("E83005,calls_missed_pct,2025-12,5.39582512800315,137,2539"));
    // The newest source with PCNs gives the groupings, names kept where the code is unchanged.
    CHECK(has_practice(p,
                       "E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,U33392,BARNET 2 PCN,93C,NHS NORTH CENTRAL "
                       "LONDON ICB - 93C,QMJ,NHS North Central London Integrated Care Board,London,,,2025-12-31,"
                       "telephony\n"));
  }
  SUBCASE("online consultations: a non-numeric cell is reported at its sheet and cell") {
    CHECK(errors_of([&] { p.run("online-consultations", {"online-consultations-2025-12.xlsx"}); }) ==
          fixture("online-consultations-2025-12.xlsx") +
              ":Table 2!M14: error: 'x' in column 'submissions' is not a number\n");
    CHECK(!fs::exists(p.dir / "data/values.csv"));
  }

  Diagnostics diags;
  load_practice_data(p.dir, diags);
  CHECK(diags.str() == "");
}

TEST_CASE("import: every imported indicator states its interval method, the same in every period") {
  Project p("methods");
  p.run("epraccur", {"epraccur.csv"});
  p.run("qof", {"QOF_2018-19.csv", "QOF_2022-23.csv"});
  p.run("qof-prevalence", {"PREVALENCE_2021_v2.csv"});
  p.run("registrations", {"gp-reg-pat-prac-all-2021-01.csv", "PracPopDec.csv", "PracPopFeb26.csv"});
  p.run("workforce", {"workforce_year_FY2023-FY2025.csv"});
  p.run("payments", {"nhspaymentsgp-22-23-prac-csv.csv"});
  p.run("imd", {"fingertips_93553.csv"});
  p.run("gpps", {"gps_london.csv"}, {}, "2024-25");
  p.run("telephony", {"telephony-2025-12.xlsx"}, {}, {}, true);
  p.run("online-consultations", {"online-consultations-2025-12-valid.xlsx"});
  std::map<std::string, std::string> method;
  std::istringstream in(p.data("indicators.csv"));
  std::string line;
  std::getline(in, line);
  CHECK(line == "id,name,domain,criterion,unit,polarity,interval,source,description");
  while (std::getline(in, line)) {
    // id and interval: the first field, and the seventh (names have no commas here but descriptions do).
    std::vector<std::string> f;
    std::string cur;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) f.push_back(std::exchange(cur, {}));
      else cur += c;
    }
    f.push_back(cur);
    method[f[0]] = f[6];
  }
  const std::map<std::string, std::string> expected = {
      {"qof_achievement", "none"},
      {"qof_prevalence_ast", "wilson"},
      {"qof_prevalence_dm", "wilson"},
      {"qof_prevalence_hyp", "wilson"},
      {"qof_prevalence_ld", "wilson"},
      {"qof_prevalence_ost", "wilson"},
      {"registered_patients", "none"},
      {"list_size_change", "none"},
      {"patients_per_gp_fte", "none"},
      {"gp_fte_per_10k", "none"},
      {"nurse_fte_per_10k", "none"},
      {"locum_trainee_share", "none"},
      {"admin_fte_per_10k", "none"},
      {"dpc_fte_per_10k", "none"},
      {"payments_per_patient", "none"},
      {"payments_per_weighted_patient", "none"},
      {"imd_score", "none"},
      {"gpps_overall_good", "wilson"},
      {"gpps_contact_good", "wilson"},
      {"calls_missed_pct", "wilson"},
      {"oc_submissions_per_1000", "byar"},
  };
  CHECK(method == expected);
  // QOF points are never tested, even in a year whose points are whole numbers.
  CHECK(p.has("E83037,qof_achievement,2018-19,99.8282647584973,558.04,559"));
  // A register above its list size (a residential centre) is kept as published, without counts to pool.
  CHECK(p.has("Y05750,qof_prevalence_ld,2020-21,103.787878787879,,"));
  CHECK(p.has("Y05750,qof_prevalence_dm,2020-21,4.54545454545455,6,132"));
  CHECK(p.has("E83005,oc_submissions_per_1000,2025-12,67.5587467362924,414,6128"));
}

TEST_CASE("import: re-importing a source replaces its rows and keeps the others'") {
  Project p("replace");
  p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  p.run("qof", {"QOF_2018-19.csv", "QOF_2022-23.csv"});
  p.run("workforce", {"workforce_year_FY2023-FY2025.csv"});
  p.run("qof", {"QOF_2022-23.csv"});
  const std::string v = p.data("values.csv");
  CHECK(v.find("qof_achievement,2018-19") == std::string::npos);
  CHECK(v.find("E83003,qof_achievement,2022-23,88.5228346456693,562.12,635\n") != std::string::npos);
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
        b + ":2:24: error: 'five' in column 'total_gp_extgl_fte' is not a number\n" + b +
            ":3:10: error: bad year '23' (expected the year a financial year ends in, e.g. 2023 for 2022-23)\n" + b +
            ":4:24: error: 'n/a' in column 'total_admin_fte' is not a number\n");
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
  CHECK(p.has("E83003,qof_achievement,2022-23,88.5228346456693,562.12,635"));
}

}  // namespace gpress

namespace gpress {

TEST_CASE("import: a file of the wrong kind gives one error naming what it looks like") {
  Project p("wrong-kind");
  p.run("epraccur", {"epraccur.csv"});
  SUBCASE("a JSON file") {
    const fs::path json = p.dir / "gps.json";
    std::ofstream(json, std::ios::binary) << "[{\"ods_code\": \"E83003\", \"gpps_overall_pct\": 79.6}]\n";
    ImportOptions o;
    o.project = p.dir;
    o.source = "gpps";
    o.period = "2024-25";
    o.files = {json};
    CHECK(errors_of([&] { run_import(o); }) ==
          json.generic_string() +
              ": error: this is a JSON file, not the londongp.directory GP Patient Survey extract (a CSV file)\n");
  }
  SUBCASE("another publication's CSV") {
    CHECK(errors_of([&] { p.run("payments", {"QOF_2022-23.csv"}); }) ==
          fixture("QOF_2022-23.csv") +
              ":1: error: no 'total nhs payments to general practice', no 'average number of registered patients' or "
              "'number of registered patients...', no 'average number of weighted patients' or 'number of weighted "
              "patients...', no 'sub icb code' or 'ccg code' columns: it looks like a QOF points-achieved file "
              "(`gpress import qof`)\n");
    CHECK(errors_of([&] { p.run("epraccur", {"QOF_2022-23.csv"}); }) ==
          fixture("QOF_2022-23.csv") +
              ":1:1: error: rows of the ODS epraccur file have 27 fields; this one has 12: it looks like a QOF "
              "points-achieved file (`gpress import qof`)\n");
  }
  SUBCASE("a workbook given where a CSV is read") {
    CHECK(errors_of([&] { p.run("qof", {"telephony-2025-12.xlsx"}, {}, "2022-23"); }) ==
          fixture("telephony-2025-12.xlsx") +
              ": error: this is a zip file (an Excel workbook?), not a QOF points-achieved file (a CSV file)\n");
  }
  CHECK(!fs::exists(p.dir / "data/values.csv"));
}

TEST_CASE("import: a missing column is one error, and errors in rows are capped per file with a count") {
  Project p("capped");
  p.run("epraccur", {"epraccur.csv"});
  const fs::path bad = p.dir / "workforce_many.csv";
  {
    std::ofstream out(bad, std::ios::binary);
    out << "Practice.Code,Year,TOTAL_PATIENTS,TOTAL_GP_EXTGL_FTE\n";
    for (int i = 0; i < 30; ++i) out << "E83003," << (2000 + i) << ",9000,five\n";
  }
  ImportOptions o;
  o.project = p.dir;
  o.source = "workforce";
  o.files = {bad};
  const std::string errors = errors_of([&] { run_import(o); });
  CHECK(std::count(errors.begin(), errors.end(), '\n') == 21);
  CHECK(errors.ends_with(bad.generic_string() +
                         ":21:18: error: ... and 10 more errors in this file (the first 20 are listed)\n"));

  const fs::path headless = p.dir / "workforce_no_patients.csv";
  {
    std::ofstream out(headless, std::ios::binary);
    out << "Practice.Code,Year,TOTAL_GP_EXTGL_FTE\n";
    for (int i = 0; i < 500; ++i) out << "E83003,2023,5\n";
  }
  o.files = {headless};
  CHECK(errors_of([&] { run_import(o); }) ==
        headless.generic_string() +
            ":1: error: no 'total_patients' column (is this a GP workforce by practice file?)\n");
}

TEST_CASE("import: a practice listed twice for one period is an error at the second row, naming the first") {
  Project p("twice");
  p.run("epraccur", {"epraccur.csv"});
  const fs::path dup = p.dir / "PracPopDup.csv";
  std::ofstream(dup, std::ios::binary) << "EXTRACT_DATE,CODE,SEX,AGE,NUMBER_OF_PATIENTS\n"
                                          "2025-12-01,E83003,ALL,ALL,10459\n"
                                          "2025-12-01,E83003,MALE,ALL,5000\n"
                                          "2025-12-01,E83003,ALL,ALL,10460\n";
  ImportOptions o;
  o.project = p.dir;
  o.source = "registrations";
  o.files = {dup};
  const std::string d = dup.generic_string();
  CHECK(errors_of([&] { run_import(o); }) ==
        d + ":4:12: error: practice E83003 is listed twice for 2025-12 (first at " + d + ":2:12)\n");
}

TEST_CASE("import: an import that would keep nothing or drop too much refuses unless --force, and keeps .bak") {
  Project p("refuse");
  p.run("epraccur", {"epraccur.csv"});
  p.run("qof", {"QOF_2022-23.csv"});
  const std::string practices = p.data("practices.csv");
  const std::string values = p.data("values.csv");
  const fs::path empty = p.dir / "empty.csv";
  std::ofstream(empty, std::ios::binary) << "";
  ImportOptions o;
  o.project = p.dir;
  o.source = "epraccur";
  o.files = {empty};
  CHECK(errors_of([&] { run_import(o); }) ==
        empty.generic_string() +
            ": error: epraccur: no row would be kept (0 rows read), so nothing was imported and data/ is unchanged; "
            "check the file and --icb, or pass --force to import it anyway\n");
  CHECK(p.data("practices.csv") == practices);
  CHECK(p.data("values.csv") == values);

  // --icb with a code no practice has keeps no QOF row: refused.
  CHECK(errors_of([&] { p.run("qof", {"QOF_2022-23.csv"}, {"ZZZ"}); }).find("qof: no row would be kept") !=
        std::string::npos);
  CHECK(p.data("values.csv") == values);

  // Forced, the register is cut, and the previous files are kept beside the new ones.
  o.force = true;
  run_import(o);
  CHECK(p.data("practices.csv.bak") == practices);
  CHECK(p.data("values.csv.bak") == values);
  CHECK(p.data("values.csv") == "ods_code,indicator_id,period,value,numerator,denominator\n");
}

}  // namespace gpress

namespace gpress {

TEST_CASE("import: data files committed compressed are read, and imports keep them compressed") {
  Project p("gzip");
  p.run("epraccur", {"epraccur.csv"});
  p.run("qof", {"QOF_2022-23.csv"});
  Diagnostics plain_diags;
  const PracticeData plain = load_practice_data(p.dir, plain_diags);
  for (const char* name : {"values.csv", "practices.csv", "indicators.csv"}) {
    const fs::path file = p.dir / "data" / name;
    std::ofstream(fs::path(file.string() + ".gz"), std::ios::binary) << gzip_compress(slurp(file));
    fs::remove(file);
  }
  Diagnostics diags;
  const PracticeData packed = load_practice_data(p.dir, diags);
  CHECK(diags.str() == "");
  REQUIRE(packed.practices.size() == plain.practices.size());
  CHECK(packed.values.size() == plain.values.size());

  p.run("qof", {"QOF_2018-19.csv", "QOF_2022-23.csv"});
  CHECK(!fs::exists(p.dir / "data/values.csv"));
  std::string error;
  const auto values = gzip_decompress(slurp(p.dir / "data/values.csv.gz"), error);
  REQUIRE(values);
  CHECK(values->find("E83037,qof_achievement,2018-19,99.8282647584973,558.04,559\n") != std::string::npos);

  // A broken compressed file is an error at its name, not a crash.
  std::ofstream(p.dir / "data/values.csv.gz", std::ios::binary) << "\x1F\x8B not really gzip";
  Diagnostics broken;
  load_practice_data(p.dir, broken);
  CHECK(broken.str().starts_with((p.dir / "data/values.csv.gz").lexically_normal().generic_string() +
                                 ": error: not valid gzip data"));
}

}  // namespace gpress

namespace gpress {

TEST_CASE("import: numbers are written as published, never rounded to a few decimals") {
  using import_detail::format_number;
  using import_detail::make_row;
  CHECK(format_number(88.52283464566929) == "88.5228346456693");
  CHECK(format_number(9324.66666666667) == "9324.66666666667");  // HEEC's mean list size, as written
  CHECK(format_number(6133) == "6133");                          // counts stay whole
  CHECK(format_number(1e15) == "1000000000000000");
  CHECK(format_number(-0.0) == "0");
  // A quotient's binary noise is not a figure: 0.07 / 0.35 x 100 is 20.000000000000004 in a double.
  import_detail::IndicatorDef pct;
  pct.id = "share";
  pct.unit = Unit::kPercent;
  CHECK(make_row("A81001", pct, "2024-25", std::nullopt, 0.07, 0.35).value == "20");
  const auto row = make_row("A81001", pct, "2024-25", std::nullopt, 562.12, 635);
  CHECK(row.value == "88.5228346456693");
  CHECK(row.numerator == "562.12");
  CHECK(row.denominator == "635");
}

TEST_CASE("import: an imported value reaches the pack's workbook unrounded, and the page rounds it") {
  Project p("unrounded");
  p.run("epraccur", {"epraccur.csv"}, {"QMJ"});
  p.run("qof", {"QOF_2022-23.csv"});
  CHECK(p.has("E83003,qof_achievement,2022-23,88.5228346456693,562.12,635"));
  std::ofstream(p.dir / "gpress.toml", std::ios::binary)
      << "[site]\ntitle = \"T\"\nbase_url = \"https://example.org/\"\n[programme]\nname = \"P\"\n"
         "local_office = \"L\"\n";
  BuildOptions o;
  o.project = p.dir;
  o.what = {"packs"};
  o.practices = {"E83003"};
  build(o);
  const fs::path folder = p.dir / "private/practices/E83003";
  CHECK(slurp(folder / "data-pack.html").find(">88.5%</p>") != std::string::npos);

  Diagnostics diags;
  const auto sheet = import_detail::read_xlsx_sheet(folder / "data-pack.xlsx", "Indicators", diags);
  REQUIRE(sheet);
  const auto& header = sheet->rows.at(0);
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::optional<double> value;
  for (std::size_t r = 1; r < sheet->rows.size(); ++r)
    if (sheet->cell(r, column("Indicator ID")) == "qof_achievement" && sheet->cell(r, column("Period")) == "2022-23")
      value = parse_number(sheet->cell(r, column("Value")));
  REQUIRE(value);
  CHECK(*value == 88.5228346456693);
}

}  // namespace gpress
