// The risk profile: each criterion's judgement and evidence, the score and
// the priority order, as the programme lead reads them.
#include <doctest/doctest.h>

#include "analyse/risk.hpp"
#include "options_fixture.hpp"

using namespace gpress;

namespace {

struct Setup {
  PracticeData data = test::cohort_data();
  Assessments assessments;
  RiskConfig config;
  std::unique_ptr<Cohort> cohort;
  void analyse() {
    assessments.reindex();
    cohort = std::make_unique<Cohort>(data, 2);
  }
  RiskProfile profile(const std::string& ods) {
    return assess_practice(*cohort, *cohort->index_of(ods), assessments, config);
  }
};

const CriterionJudgement& crit(const RiskProfile& p, int n) { return p.criteria[static_cast<std::size_t>(n - 1)]; }

}  // namespace

TEST_CASE("criteria 1 and 2 come from the overall CQC rating, with its date") {
  Setup s;
  s.analyse();
  const RiskProfile inadequate = s.profile("P00001");
  CHECK(crit(inadequate, 1).judgement == Judgement::kMet);
  CHECK(crit(inadequate, 2).judgement == Judgement::kNotMet);
  REQUIRE(crit(inadequate, 1).evidence.size() == 1);
  CHECK(crit(inadequate, 1).evidence[0].text == "Overall rated Inadequate, inspected 2024-03-14");

  const RiskProfile ri = s.profile("P00002");
  CHECK(crit(ri, 1).judgement == Judgement::kNotMet);
  CHECK(crit(ri, 2).judgement == Judgement::kMet);
  CHECK(crit(ri, 2).evidence[0].text == "Overall rated Requires improvement, inspection date not published");

  CHECK(crit(s.profile("P00003"), 1).judgement == Judgement::kNotMet);
  CHECK(crit(s.profile("P00003"), 2).judgement == Judgement::kNotMet);
  SUBCASE("no rating is no data, not a pass") {
    CHECK(crit(s.profile("P00004"), 1).judgement == Judgement::kNoData);
    CHECK(crit(s.profile("P00004"), 2).evidence.empty());
  }
}

TEST_CASE("an indicator significantly worse than England meets its criterion, in the latest period only") {
  Setup s;
  s.analyse();
  const RiskProfile p = s.profile("P00001");
  REQUIRE(crit(p, 15).evidence.size() == 1);
  CHECK(crit(p, 15).judgement == Judgement::kMet);
  CHECK(crit(p, 15).evidence[0].text ==
        "Easy to get through by phone 30.0% in 2024-25, significantly worse than England 51.0% (source: src)");
  const RiskProfile similar = s.profile("P00002");
  CHECK(crit(similar, 15).judgement == Judgement::kNotMet);
  CHECK(crit(similar, 15).evidence[0].text ==
        "Easy to get through by phone 52.0% in 2024-25, similar to England 51.0% (source: src)");
  SUBCASE("a practice without a value in the latest period has no data, shown as not published") {
    const RiskProfile none = s.profile("P00006");
    CHECK(crit(none, 15).judgement == Judgement::kNoData);
    CHECK(crit(none, 15).evidence[0].text == "Easy to get through by phone: not published for 2024-25 (source: src)");
  }
  SUBCASE("the comparator is a setting") {
    s.config.comparator = "pcn";
    CHECK(crit(s.profile("P00001"), 15).evidence[0].text.find("than PCN") != std::string::npos);
  }
}

TEST_CASE("values without an interval are judged by the worst quarter of the comparator's practices") {
  Setup s;
  s.analyse();
  // 1700 1800 1900 2000 2100 2900: upper quartile 2075 (QUARTILE.INC).
  CHECK(crit(s.profile("P00001"), 4).judgement == Judgement::kMet);
  CHECK(crit(s.profile("P00001"), 4).evidence[0].text ==
        "Patients per GP (FTE) 2,900 in 2024-25, in the worst quarter of England practices (upper quartile 2,075) "
        "(source: src)");
  CHECK(crit(s.profile("P00006"), 4).judgement == Judgement::kMet);
  CHECK(crit(s.profile("P00002"), 4).judgement == Judgement::kNotMet);
  CHECK(crit(s.profile("P00002"), 4).evidence[0].text.find("not in the worst quarter") != std::string::npos);
}

TEST_CASE("a threshold in [risk] replaces the comparator for that indicator") {
  Setup s;
  s.config.thresholds.push_back({"phone", 53, {}});
  s.analyse();
  CHECK(crit(s.profile("P00002"), 15).judgement == Judgement::kMet);
  CHECK(crit(s.profile("P00002"), 15).evidence[0].text ==
        "Easy to get through by phone 52.0% in 2024-25, below the threshold of 53 (source: src)");
  CHECK(crit(s.profile("P00003"), 15).judgement == Judgement::kNotMet);
}

TEST_CASE("indicators with polarity neither are not judged") {
  Setup s;
  s.analyse();
  CHECK(crit(s.profile("P00001"), 11).judgement == Judgement::kNoData);
  CHECK(crit(s.profile("P00001"), 11).evidence.empty());
}

TEST_CASE("the latest intelligence flag decides a soft criterion") {
  Setup s;
  s.assessments.intelligence = {test::flag("P00003", "2024-10-01", 8, true, "Partners disagree", 2),
                                test::flag("P00004", "2024-10-01", 13, true, "May close the list", 3),
                                test::flag("P00004", "2025-01-20", 13, false, "No longer planned", 4),
                                test::flag("P00005", "2025-01-20", 9, false, "Earlier line", 5),
                                test::flag("P00005", "2025-01-20", 9, true, "Same date, later line", 6)};
  s.analyse();
  CHECK(crit(s.profile("P00003"), 8).judgement == Judgement::kMet);
  CHECK(crit(s.profile("P00003"), 8).evidence[0].text ==
        "Local intelligence recorded 2024-10-01: yes – Partners disagree");
  SUBCASE("a later no clears an earlier yes") { CHECK(crit(s.profile("P00004"), 13).judgement == Judgement::kNotMet); }
  SUBCASE("on the same date the row further down wins") {
    CHECK(crit(s.profile("P00005"), 9).judgement == Judgement::kMet);
  }
  SUBCASE("no flag is no data") { CHECK(crit(s.profile("P00003"), 10).judgement == Judgement::kNoData); }
}

TEST_CASE("the score is the sum of the weights of the criteria met") {
  Setup s;
  s.analyse();
  // P00001: 1 (5) + 4 (2) + 15 (1).
  const RiskProfile p = s.profile("P00001");
  CHECK(p.score == 8);
  CHECK(p.criteria_met == 3);
  CHECK(p.met_by_weight(s.config) == std::vector<int>{1, 4, 15});
  s.config.weights[14] = 10;
  CHECK(s.profile("P00001").score == 17);
  CHECK(s.profile("P00001").met_by_weight(s.config) == std::vector<int>{15, 1, 4});
}

TEST_CASE("rank: score, then criteria met, then ODS code") {
  auto p = [](std::string ods, int score, int met) {
    RiskProfile r;
    r.ods_code = std::move(ods);
    r.score = score;
    r.criteria_met = met;
    return r;
  };
  std::vector<RiskProfile> profiles = {p("C00001", 5, 1), p("B00001", 5, 3), p("A00001", 2, 1),
                                       p("D00001", 5, 3), p("E00001", 9, 1), p("F00001", 2, 1)};
  rank_profiles(profiles);
  CHECK(profiles[4].rank == 1);  // highest score
  CHECK(profiles[1].rank == 2);  // 5 with 3 met, B before D
  CHECK(profiles[3].rank == 3);
  CHECK(profiles[0].rank == 4);  // 5 with 1 met
  CHECK(profiles[2].rank == 5);  // ties on everything: ODS code
  CHECK(profiles[5].rank == 6);
}

TEST_CASE("the whole cohort is judged the same whatever the thread count") {
  Setup s;
  s.analyse();
  const auto one = assess_cohort(*s.cohort, s.assessments, s.config, 1);
  const auto many = assess_cohort(*s.cohort, s.assessments, s.config, 4);
  REQUIRE(one.size() == 6);
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(one[i].rank == many[i].rank);
    CHECK(one[i].score == many[i].score);
  }
  CHECK(one[0].rank == 1);  // P00001
}

TEST_CASE("[risk] thresholds must name an indicator that informs a criterion and has a polarity") {
  PracticeData data = test::cohort_data();
  data.indicators.push_back(test::indicator("plain", "Plain", std::nullopt, Unit::kCount, Polarity::kLowerIsBetter));
  data.reindex();
  RiskConfig config;
  config.thresholds = {
      {"phnoe", 50, {"gpress.toml", 3, 14}}, {"pay", 1, {"gpress.toml", 3, 30}}, {"plain", 1, {"gpress.toml", 3, 40}}};
  Diagnostics diags;
  validate_risk_config(config, data, diags);
  CHECK(diags.str() ==
        "gpress.toml:3:14: error: [risk] thresholds: unknown indicator 'phnoe' (did you mean 'phone'?)\n"
        "gpress.toml:3:30: error: [risk] thresholds: indicator 'pay' has polarity 'neither', so no side of a threshold "
        "is worse\n"
        "gpress.toml:3:40: error: [risk] thresholds: indicator 'plain' informs no national criterion (its criterion in "
        "indicators.csv is empty), so a threshold would change nothing\n");
}

TEST_CASE("values read as a reader expects them") {
  CHECK(format_value(87.24, Unit::kPercent) == "87.2%");
  CHECK(format_value(2310.4, Unit::kRatio) == "2,310");
  CHECK(format_value(1.456, Unit::kRatio) == "1.46");
  CHECK(format_value(154.2, Unit::kGbp) == "£154.20");
  CHECK(format_value(1234567, Unit::kCount) == "1,234,567");
  CHECK(format_value(4.08, Unit::kPer10000) == "4.1 per 10,000");
}

TEST_CASE("the evidence gives the recent trend, and says when it is worse than England and getting worse") {
  Setup s;
  // P00001 on the phone indicator: 70%, 60%, 50%, 40%, 30% of 200 over five
  // years in a row. Chi-squared for trend 80.0, far above 9.55: decreasing.
  for (Value& v : s.data.values)
    if (v.ods_code == "P00001" && v.indicator_id == "phone" && v.period.str() == "2023-24") {
      v.value = 40;
      v.numerator = 80;
    }
  s.data.values.push_back(test::value("P00001", "phone", "2020-21", 70, 140, 200));
  s.data.values.push_back(test::value("P00001", "phone", "2021-22", 60, 120, 200));
  s.data.values.push_back(test::value("P00001", "phone", "2022-23", 50, 100, 200));
  s.data.reindex();
  s.analyse();
  CHECK(crit(s.profile("P00001"), 15).evidence[0].text ==
        "Easy to get through by phone 30.0% in 2024-25, significantly worse than England 51.0% (source: src); recent "
        "trend 2020-21 to 2024-25: decreasing and getting worse (worse than England and getting worse)");
  // Two periods only: no trend is claimed.
  CHECK(crit(s.profile("P00002"), 15).evidence[0].text.find("recent trend") == std::string::npos);
}

TEST_CASE("a practice worse than England with no significant change is not worse and getting worse") {
  Setup s;
  // P00001 on the phone indicator: 30% of 200 in each of five years.
  for (Value& v : s.data.values)
    if (v.ods_code == "P00001" && v.indicator_id == "phone" && v.period.str() == "2023-24") {
      v.value = 30;
      v.numerator = 60;
    }
  for (const char* year : {"2020-21", "2021-22", "2022-23"})
    s.data.values.push_back(test::value("P00001", "phone", year, 30, 60, 200));
  s.data.reindex();
  s.analyse();
  const std::string text = crit(s.profile("P00001"), 15).evidence[0].text;
  CHECK(text ==
        "Easy to get through by phone 30.0% in 2024-25, significantly worse than England 51.0% (source: src); recent "
        "trend 2020-21 to 2024-25: no significant change");
}

TEST_CASE("[packs] significance decides what the risk profile calls significantly worse") {
  Setup s;
  // P00001 at 84 of 200 (42%) against England's 534 / 1,000 (53.4%): the
  // 95% interval, 35.37% to 48.93%, is below it; the 99.8% one, 31.82% to
  // 52.91%, is too; at 88 of 200 (44%, England 53.8%) the 95% interval
  // 37.30% to 50.93% is below and the 99.8% one, 33.67% to 54.87%, is not.
  for (Value& v : s.data.values)
    if (v.ods_code == "P00001" && v.indicator_id == "phone" && v.period.str() == "2024-25") {
      v.value = 44;
      v.numerator = 88;
    }
  s.data.reindex();
  s.analyse();
  CHECK(crit(s.profile("P00001"), 15).judgement == Judgement::kMet);
  s.data.significance = Confidence::k998;
  s.analyse();
  CHECK(crit(s.profile("P00001"), 15).judgement == Judgement::kNotMet);
  CHECK(crit(s.profile("P00001"), 15).evidence[0].text ==
        "Easy to get through by phone 44.0% in 2024-25, similar to England 53.8% (source: src)");
}
