// Loading data/practices.csv, indicators.csv, values.csv and cqc.csv: what a
// valid project gives, and the exact message for each kind of mistake.
#include "load/practice_data.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "model/practice_data.hpp"

namespace gpress {
namespace {

namespace fs = std::filesystem;

struct Project {
  fs::path dir;
  explicit Project(const std::string& name) {
    dir = fs::temp_directory_path() / ("gpress-practice-data-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir / "data");
  }
  ~Project() { fs::remove_all(dir); }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir / "data" / file, std::ios::binary) << text;
  }
  std::string path(const std::string& file) const { return (dir / "data" / file).generic_string(); }
};

const char* kPractices =
    "ods_code,name,postcode,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region,list_size\n"
    "E83003,OAKLEIGH ROAD HEALTH CENTRE,N20 0DH,U33392,Barnet 2 PCN,93C,NCL 93C,QMJ,NHS NCL ICB,London,10492\n"
    "E83005,LICHFIELD GROVE SURGERY,N3 2JP,U58538,Barnet 3 PCN,93C,NCL 93C,QMJ,NHS NCL ICB,London,\n";
const char* kIndicators =
    "id,name,domain,criterion,unit,polarity,source,description,interval\n"
    "qof_achievement,QOF achievement,efficiency,11,percent,higher-is-better,qof,\"Points, as a %\",none\n"
    "gp_fte_per_10k,GPs per 10k,workforce,4,per-10000,higher-is-better,workforce,x,none\n";

}  // namespace

TEST_CASE("practice data: a valid project loads with lookups, sorted values and empty meaning not published") {
  Project p("valid");
  p.write("practices.csv", kPractices);
  p.write("indicators.csv", kIndicators);
  p.write("values.csv",
          "indicator_id,ods_code,period,value,numerator,denominator,extra\n"  // any column order, extras ignored
          "qof_achievement,E83003,2022-23,88.52,562.12,635,\n"
          "qof_achievement,E83003,2018-19,96.5,539.46,559,\n"
          "qof_achievement,E83005,2022-23,,,,\n"
          "gp_fte_per_10k,E83003,2024-25,4.67,4.7,10070.8,\n");
  p.write("cqc.csv",
          "ods_code,inspected_on,overall,safe,effective,caring,responsive,well_led\n"
          "E83003,2017-11-22,Good,Good,Good,Good,Requires improvement,Outstanding\n"
          "E83005,,Good,,,,,\n");
  Diagnostics diags;
  const PracticeData data = load_practice_data(p.dir, diags);
  CHECK(diags.str() == "");
  REQUIRE(data.practices.size() == 2);
  CHECK(data.find_practice("E83003")->list_size == 10492);
  CHECK(!data.find_practice("E83005")->list_size);
  CHECK(data.find_practice("E83005")->loc.str() == p.path("practices.csv") + ":3:1");
  CHECK(data.find_practice("A81001") == nullptr);

  const Indicator* qof = data.find_indicator("qof_achievement");
  REQUIRE(qof);
  CHECK(qof->domain == Domain::kEfficiency);
  CHECK(qof->criterion == 11);
  CHECK(qof->description == "Points, as a %");
  CHECK(data.find_indicator("gp_fte_per_10k")->unit == Unit::kPer10000);

  const auto mine = data.values_of_practice("E83003");
  REQUIRE(mine.size() == 3);
  CHECK(mine[0]->indicator_id == "gp_fte_per_10k");
  CHECK(mine[1]->period.str() == "2018-19");  // periods in time order
  CHECK(mine[2]->period.str() == "2022-23");
  CHECK(*mine[2]->numerator == 562.12);
  const Value* empty = data.find_value("E83005", "qof_achievement", *Period::parse("2022-23"));
  REQUIRE(empty);
  CHECK(!empty->value);  // not published, not zero
  CHECK(data.loc(*empty).str() == p.path("values.csv") + ":4");
  CHECK(data.values_of("qof_achievement", *Period::parse("2022-23")).size() == 2);
  CHECK(data.periods_of("qof_achievement").size() == 2);

  const CqcRating* cqc = data.find_cqc("E83003");
  REQUIRE(cqc);
  CHECK(cqc->inspected_on == "2017-11-22");
  CHECK(cqc->responsive == CqcRatingValue::kRequiresImprovement);
  CHECK(cqc->well_led == CqcRatingValue::kOutstanding);
  CHECK(!data.find_cqc("E83005")->safe);
}

TEST_CASE("practice data: every mistake is reported in one run, at its line and column") {
  Project p("errors");
  p.write("practices.csv", std::string(kPractices) +
                               "E8300,BAD CODE,,,,,,,,,\n"
                               "E83003,DUPLICATE,,,,,,,,,\n"
                               "E83009,LIST,,,,,,,,,lots\n");
  p.write("indicators.csv", std::string(kIndicators) +
                                "patients_per_gp,Patients per GP,workfroce,4,ratio,lower-is-better,workforce,x,\n"
                                "qof_achievement,Again,efficiency,17,percent,higher-is-better,qof,x,\n"
                                "imd,IMD,external,,scor,lower-is-better,imd,x,\n");
  p.write("values.csv",
          "ods_code,indicator_id,period,value,numerator,denominator\n"
          "E83003,qof_achievment,2022-23,88.5,,\n"
          "A81001,qof_achievement,2022-23,88.5,,\n"
          "E83003,qof_achievement,2022-24,88.5,,\n"
          "E83003,qof_achievement,2022-13,abc,,\n"
          "E83003,qof_achievement,2021-22,1,2\n"
          "E83003,qof_achievement,2022-23,88.5,,\n"
          "E83005,qof_achievement,2022-23,90,,\n"
          "E83003,qof_achievement,2022-23,70,,\n");
  p.write("cqc.csv",
          "ods_code,inspected_on,overall,safe,effective,caring,responsive,well_led\n"
          "E83003,22/11/2017,Good,good,Good,Good,Requires Improvement,Excellent\n"
          "E83005,,Good,,,,,\n"
          "E83005,,Good,,,,,\n");
  Diagnostics diags;
  const PracticeData data = load_practice_data(p.dir, diags);
  const std::string pr = p.path("practices.csv"), in = p.path("indicators.csv"), va = p.path("values.csv"),
                    cq = p.path("cqc.csv");
  CHECK(
      diags.str() ==
      cq + ":2:8: error: bad date '22/11/2017' (expected YYYY-MM-DD)\n" + cq +
          ":2:24: error: unknown rating 'good' (did you mean 'Good'?)\n" + cq +
          ":2:39: error: unknown rating 'Requires Improvement' (did you mean 'Requires improvement'?)\n" + cq +
          ":2:60: error: unknown rating 'Excellent' (expected Outstanding, Good, Requires improvement, "
          "Inadequate or empty)\n" +
          cq + ":4:1: error: duplicate CQC rating for 'E83005' (first at line 3; keep one row per practice)\n" + in +
          ":4:33: error: unknown domain 'workfroce' (did you mean 'workforce'?)\n" + in +
          ":5:1: error: duplicate indicator 'qof_achievement' (first at line 2)\n" + in +
          ":5:34: error: bad criterion '17' (expected a national criterion number 1-16, or empty)\n" + in +
          ":6:19: error: unknown unit 'scor' (did you mean 'score'?)\n" + pr +
          ":4:1: error: bad ODS code 'E8300' (expected one letter and five digits, e.g. A81001)\n" + pr +
          ":5:1: error: duplicate practice 'E83003' (first at line 2)\n" + pr +
          ":6:21: error: list_size 'lots' is not a whole number of patients from 0 to 1000000 (leave it empty "
          "when unknown)\n" +
          va + ":2:8: error: unknown indicator 'qof_achievment' (did you mean 'qof_achievement'?)\n" + va +
          ":4:24: error: bad period '2022-24' (a financial year's second year must follow its first: 2022-23)\n" + va +
          ":5:24: error: bad period '2022-13' (a financial year's second year must follow its first: 2022-23)\n" + va +
          ":5:32: error: value 'abc' is not a number (expected e.g. 12.5; leave it empty when not published)\n" + va +
          ":6: error: row has 5 fields but the header has 6 (is a comma missing, or a field containing a comma "
          "not quoted?)\n" +
          va + ":9: error: duplicate value for E83003 qof_achievement 2022-23 (first at line 7)\n");
  // values.csv's A81001 is not reported as unknown: practices.csv has errors,
  // and it may be one of its bad rows.
  // What was valid is still there for `gpress check` to go on with, and a
  // practice whose list size is wrong is kept, so its values raise no more errors.
  CHECK(data.practices.size() == 3);
  CHECK_FALSE(data.practices.back().list_size);
  CHECK(data.find_value("E83003", "qof_achievement", *Period::parse("2022-23"))->value == 88.5);
}

TEST_CASE("practice data: a missing column is reported once at line 1, with the likely misspelling") {
  Project p("columns");
  p.write("practices.csv", kPractices);
  p.write("indicators.csv", kIndicators);
  p.write("values.csv", "ods_code,indicator,periode,value,numerator,denominator\nE83003,qof_achievement,2022-23,1,,\n");
  Diagnostics diags;
  const PracticeData data = load_practice_data(p.dir, diags);
  CHECK(diags.str() == p.path("values.csv") +
                           ":1: error: missing column 'indicator_id' (is 'indicator' meant to be "
                           "'indicator_id'?)\n" +
                           p.path("values.csv") +
                           ":1: error: missing column 'period' (is 'periode' meant to be "
                           "'period'?)\n");
  CHECK(data.values.empty());
}

TEST_CASE("practice data: periods parse, print and sort") {
  CHECK(Period::parse("2025-12")->str() == "2025-12");
  CHECK(Period::parse("2025-Q4")->str() == "2025-Q4");
  CHECK(Period::parse("2022-23")->kind == Period::Kind::kFinancialYear);
  CHECK(Period::parse("1999-00")->str() == "1999-00");
  CHECK(!Period::parse("2022-24"));
  CHECK(!Period::parse("2022-13"));
  CHECK(!Period::parse("2022-Q5"));
  CHECK(!Period::parse("22-23"));
  CHECK(!Period::parse("2022-00"));
  CHECK(*Period::parse("2022-03") < *Period::parse("2022-23"));  // March before April
  CHECK(*Period::parse("2022-23") < *Period::parse("2022-05"));  // April before May
  CHECK(*Period::parse("2022-04") < *Period::parse("2022-23"));  // same first month: shorter first
  CHECK(*Period::parse("2022-Q2") < *Period::parse("2022-23"));
  CHECK(Period::parse("2022-23")->last_month() == Period::parse("2023-03")->first_month());
}

TEST_CASE("practice data: closed_on, groupings_on and groupings_source are checked at their cell") {
  Project p("groupings");
  p.write("sources.csv",
          "id,title,publisher,period,url,licence,attribution\n"
          "qof,QOF,NHS England,2022-23,,,\n"
          "telephony,Cloud Based Telephony,NHS England,2025-12,,,\n");
  p.write("practices.csv",
          "ods_code,name,postcode,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region,list_size,"
          "closed_on,groupings_on,groupings_source\n"
          "E83003,OAKLEIGH,N20 0DH,U33392,Barnet 2,93C,NCL,QMJ,NCL ICB,London,10492,,2025-12-31,telephony\n"
          "E83005,LICHFIELD,N3 2JP,U58538,Barnet 3,93C,NCL,QMJ,NCL ICB,London,,2024-02-30,2025-13-01,tlephony\n"
          "E83006,GREENFIELD,NW2 1HS,,,93C,NCL,QMJ,NCL ICB,London,,31/03/2024,,epraccur\n"
          "E83037,DERWENT,N20 0QQ,,,93C,NCL,QMJ,NCL ICB,London,,2024-06-30,2024-06-30,qof\n");
  p.write("indicators.csv", kIndicators);
  Diagnostics diags;
  const PracticeData data = load_practice_data(p.dir, diags);
  const std::string pr = p.path("practices.csv");
  CHECK(diags.str() == pr + ":3:69: error: bad date '2024-02-30' (expected YYYY-MM-DD, or empty)\n" + pr +
                           ":3:80: error: bad date '2025-13-01' (expected YYYY-MM-DD, or empty)\n" + pr +
                           ":3:91: error: unknown source 'tlephony' (did you mean 'telephony'?)\n" + pr +
                           ":4:57: error: bad date '31/03/2024' (expected YYYY-MM-DD, or empty)\n" + pr +
                           ":4:69: error: unknown source 'epraccur' (expected one of: telephony, qof)\n");
  // The valid rows load, with when they closed and where their groupings come from.
  REQUIRE(data.practices.size() == 2);
  CHECK(data.find_practice("E83003")->groupings_source == "telephony");
  CHECK(data.find_practice("E83003")->closed_on.empty());
  CHECK(data.find_practice("E83037")->closed_on == "2024-06-30");
  CHECK(data.find_practice("E83037")->groupings_on == "2024-06-30");

  SUBCASE("without sources.csv no source can be named") {
    fs::remove(p.dir / "data/sources.csv");
    Diagnostics none;
    load_practice_data(p.dir, none);
    CHECK(none.str().find(pr + ":2:86: error: unknown source 'telephony' (" + p.path("sources.csv") +
                          " lists no sources)\n") != std::string::npos);
  }
}

TEST_CASE("practice data: the widest comparator is England unless a source covers some ICBs only") {
  Project p("coverage");
  p.write("practices.csv", kPractices);
  p.write("indicators.csv", kIndicators);
  p.write("sources.csv",
          "id,title,publisher,period,url,licence,attribution,coverage\n"
          "qof,QOF,NHS England,2022-23,,,,\n"
          "workforce,Workforce,NHS England,2024-25,,,,\n");
  Diagnostics diags;
  CHECK(load_practice_data(p.dir, diags).widest_area == "England");
  // One import limited with --icb is enough: its rows cover those ICBs only.
  p.write("sources.csv",
          "id,title,publisher,period,url,licence,attribution,coverage\n"
          "qof,QOF,NHS England,2022-23,,,,QMJ\n"
          "workforce,Workforce,NHS England,2024-25,,,,\n"
          "epraccur,ODS,NHS England,2025-04,,,,QMJ QYG\n");
  CHECK(load_practice_data(p.dir, diags).widest_area == "All imported practices: QMJ QYG");
  CHECK(diags.str() == "");
}

TEST_CASE("practice data: a value whose numbers do not fit its indicator's interval method is an error") {
  Project p("intervals");
  p.write("practices.csv", kPractices);
  p.write("indicators.csv",
          "id,name,domain,criterion,unit,polarity,source,description,interval\n"
          "calls_missed_pct,Missed calls,patient-experience,15,percent,lower-is-better,telephony,x,wilson\n"
          "oc_per_1000,Online consultations,patient-experience,16,per-1000,neither,oc,x,\n"
          "qof_achievement,QOF achievement,efficiency,11,percent,higher-is-better,qof,x,none\n");
  p.write("values.csv",
          "ods_code,indicator_id,period,value,numerator,denominator\n"
          "E83003,calls_missed_pct,2025-10,10.5,10.5,100\n"
          "E83003,calls_missed_pct,2025-11,110,110,100\n"
          "E83003,calls_missed_pct,2025-12,10,10,100.5\n"
          "E83005,calls_missed_pct,2025-12,10,-10,100\n"
          "E83003,oc_per_1000,2025-12,5,2.5,500\n"
          "E83005,oc_per_1000,2025-12,5.0,25,5000.5\n"  // Byar: a whole count of events over any population
          "E83003,qof_achievement,2022-23,88.5228346456693,562.12,635\n");  // none: points are not counts
  Diagnostics diags;
  const PracticeData data = load_practice_data(p.dir, diags);
  const std::string va = p.path("values.csv");
  const std::string wilson =
      "indicator 'calls_missed_pct' has interval 'wilson' (people out of people); give it "
      "interval 'none' in indicators.csv if its figures are not counts\n";
  CHECK(diags.str() ==
        va + ":2:38: error: numerator '10.5' is not a whole count: " + wilson + va +
            ":3:37: error: numerator 110 is above its denominator 100: " + wilson + va +
            ":4:39: error: denominator '100.5' is not a whole count: " + wilson + va +
            ":5:36: error: numerator '-10' is not a whole count: " + wilson + va +
            ":6:30: error: numerator '2.5' is not a whole count: indicator 'oc_per_1000' has interval 'byar' (a "
            "count of events); give it interval 'none' in indicators.csv if its figures are not counts\n");
  CHECK(data.values.size() == 2);
  CHECK(data.find_value("E83003", "qof_achievement", *Period::parse("2022-23"))->value == 88.5228346456693);
}

TEST_CASE("practice data: enum names round-trip and units scale") {
  for (const auto& n : domain_names()) CHECK(to_string(*parse_domain(n)) == n);
  for (const auto& n : unit_names()) CHECK(to_string(*parse_unit(n)) == n);
  CHECK(parse_unit("per-10000") == Unit::kPer10000);
  CHECK(unit_scale(Unit::kPer10000) == 10000.0);
  CHECK(unit_scale(Unit::kPercent) == 100.0);
  CHECK(unit_scale(Unit::kRatio) == 1.0);
  CHECK(!parse_polarity("higher"));
  CHECK(parse_cqc_rating("Requires improvement") == CqcRatingValue::kRequiresImprovement);
  CHECK(is_ods_practice_code("Y02625"));
  CHECK(!is_ods_practice_code("y02625"));
  CHECK(!parse_number("NaN"));
  CHECK(parse_number(" 1e3 ") == 1000.0);
}

}  // namespace gpress
