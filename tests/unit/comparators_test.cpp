// Comparator values, significance and the all-groups comparison, against
// hand-worked values. Wilson bounds are worked as in stats_test.cpp
// (z = 1.959963985, z^2 = 3.841458822).
#include "analyse/comparators.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace gpress::analyse {
namespace {

constexpr double kEps = 1e-9;

Observation obs(std::size_t practice, std::optional<double> value, std::optional<double> num,
                std::optional<double> den) {
  return Observation{practice, value, num, den};
}

}  // namespace

TEST_CASE("comparators: units, polarities and levels read and print as in indicators.csv") {
  CHECK(parse_unit("percent") == Unit::kPercent);
  CHECK(parse_unit("per-1000") == Unit::kPer1000);
  CHECK(parse_unit("per-10000") == Unit::kPer10000);
  CHECK_FALSE(parse_unit("Percent"));
  CHECK_FALSE(parse_unit("%"));
  CHECK(to_string(Unit::kScore) == "score");
  CHECK(parse_unit("gbp") == Unit::kGbp);
  CHECK(parse_polarity("lower-is-better") == Polarity::kLowerIsBetter);
  CHECK_FALSE(parse_polarity("lower"));
  CHECK(to_string(Polarity::kNeither) == "neither");
  CHECK(parse_level("icb") == Level::kIcb);
  CHECK(to_string(Level::kSubIcb) == "sub-icb");
  CHECK(unit_scale(Unit::kPercent) == 100.0);
  CHECK(unit_scale(Unit::kPer1000) == 1000.0);
  CHECK(unit_scale(Unit::kPer10000) == 10000.0);
  CHECK(unit_scale(Unit::kRatio) == 1.0);
}

TEST_CASE("comparators: significance words for pages and data") {
  CHECK(to_string(Significance::kBetter) == "better");
  CHECK(to_string(Significance::kSimilar) == "similar");
  CHECK(to_string(Significance::kWorse) == "worse");
  CHECK(to_string(Significance::kHigher) == "higher");
  CHECK(to_string(Significance::kLower) == "lower");
  CHECK(to_string(Significance::kNotCompared) == "not compared");
  CHECK(label(Significance::kBetter, Confidence::k95) == "Better (95% confidence)");
  CHECK(label(Significance::kWorse, Confidence::k998) == "Worse (99.8% confidence)");
  CHECK(label(Significance::kNotCompared, Confidence::k998) == "Not compared");
}

TEST_CASE("comparators: pooled value is total numerator over total denominator") {
  // 40/50 (80%), 30/50 (60%), 45/100 (45%): pooled = 115/200 = 57.5%,
  // not the mean of the three percentages (61.67%): the bigger practice
  // weighs more. The fourth practice has a value but no num/den, so it does
  // not contribute to the pooled value.
  const std::vector<Observation> group{obs(0, 80, 40, 50), obs(1, 60, 30, 50), obs(2, 45, 45, 100),
                                       obs(3, 70, std::nullopt, std::nullopt)};
  const Comparator c = comparator_value(group, Unit::kPercent);
  CHECK(c.method == ComparatorMethod::kPooled);
  REQUIRE(c.value);
  CHECK(*c.value == doctest::Approx(57.5).epsilon(kEps));
  CHECK(c.practices == 3);
}

TEST_CASE("comparators: pooled rates are scaled by the unit") {
  // 12 + 30 events over 4,000 + 8,000 patients = 42/12,000 = 0.0035
  //   per-1000: 3.5; per-10000: 35
  const std::vector<Observation> group{obs(0, 3, 12, 4000), obs(1, 3.75, 30, 8000)};
  CHECK(*comparator_value(group, Unit::kPer1000).value == doctest::Approx(3.5).epsilon(kEps));
  CHECK(*comparator_value(group, Unit::kPer10000).value == doctest::Approx(35.0).epsilon(kEps));
}

TEST_CASE("comparators: without numerators the comparator is the median of practice values") {
  // Survey scores 70, 80, 75 and one unpublished: median of {70,75,80} = 75,
  // from 3 practices.
  const std::vector<Observation> group{obs(0, 70, std::nullopt, std::nullopt), obs(1, 80, std::nullopt, std::nullopt),
                                       obs(2, std::nullopt, std::nullopt, std::nullopt),
                                       obs(3, 75, std::nullopt, std::nullopt)};
  const Comparator c = comparator_value(group, Unit::kScore);
  CHECK(c.method == ComparatorMethod::kMedian);
  CHECK(to_string(c.method) == "median");
  REQUIRE(c.value);
  CHECK(*c.value == doctest::Approx(75.0).epsilon(kEps));
  CHECK(c.practices == 3);
}

TEST_CASE("comparators: a group with nothing published has no comparator value") {
  const std::vector<Observation> none{obs(0, std::nullopt, std::nullopt, std::nullopt)};
  const Comparator median = comparator_value(none, Unit::kScore);
  CHECK_FALSE(median.value);
  CHECK(median.practices == 0);
  // Pooled over a zero total denominator: no value rather than a division by 0.
  const std::vector<Observation> zero{obs(0, std::nullopt, 0, 0)};
  const Comparator pooled = comparator_value(zero, Unit::kPercent);
  CHECK(pooled.method == ComparatorMethod::kPooled);
  CHECK_FALSE(pooled.value);
  CHECK(pooled.practices == 1);
}

TEST_CASE("comparators: a proportion is compared by its Wilson interval") {
  // 40/50 = 80%, interval 66.9628941% .. 88.7562500%.
  const Observation p = obs(0, 80, 40, 50);
  const auto ci = practice_interval(IntervalMethod::kWilson, Unit::kPercent, 40, 50);
  REQUIRE(ci);
  CHECK(ci->lower == doctest::Approx(66.9628941).epsilon(kEps));
  CHECK(ci->upper == doctest::Approx(88.7562500).epsilon(kEps));

  SUBCASE("comparator 60%: lower bound 66.96 is above it") {
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, 60) ==
          Significance::kBetter);
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kLowerIsBetter, 60) ==
          Significance::kWorse);
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kNeither, 60) == Significance::kHigher);
  }
  SUBCASE("comparator 75%: inside 66.96..88.76") {
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, 75) ==
          Significance::kSimilar);
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kNeither, 75) == Significance::kSimilar);
  }
  SUBCASE("comparator 90%: upper bound 88.76 is below it") {
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, 90) ==
          Significance::kWorse);
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kLowerIsBetter, 90) ==
          Significance::kBetter);
    CHECK(significance(p, IntervalMethod::kWilson, Unit::kPercent, Polarity::kNeither, 90) == Significance::kLower);
  }
  SUBCASE("a comparator exactly on a bound is similar") {
    CHECK(compare(Interval{66.0, 88.0}, 66.0, Polarity::kHigherIsBetter) == Significance::kSimilar);
    CHECK(compare(Interval{66.0, 88.0}, 88.0, Polarity::kHigherIsBetter) == Significance::kSimilar);
  }
}

TEST_CASE("comparators: a rate from a count is compared by its Poisson interval") {
  // 20 admissions per 1,000 patients: 20 per 1,000. Byar's limits for 20
  // (stats_test.cpp) 12.211428833 and 30.889880372, / 1000 * 1000.
  const Observation p = obs(0, 20, 20, 1000);
  const auto ci = practice_interval(IntervalMethod::kByar, Unit::kPer1000, 20, 1000);
  REQUIRE(ci);
  CHECK(ci->lower == doctest::Approx(12.211428833).epsilon(kEps));
  CHECK(ci->upper == doctest::Approx(30.889880372).epsilon(kEps));
  // Fewer admissions is better: 35 per 1,000 is above the upper bound.
  CHECK(significance(p, IntervalMethod::kByar, Unit::kPer1000, Polarity::kLowerIsBetter, 35) == Significance::kBetter);
  CHECK(significance(p, IntervalMethod::kByar, Unit::kPer1000, Polarity::kLowerIsBetter, 10) == Significance::kWorse);
  CHECK(significance(p, IntervalMethod::kByar, Unit::kPer1000, Polarity::kLowerIsBetter, 25) == Significance::kSimilar);

  // 5 events per 2,000 = 25 per 10,000; below 10 events the exact limits
  // 1.623486390 and 11.668332081 are used: / 2000 * 10000 = 8.117431948,
  // 58.341660405. A comparator of 60 is above it.
  const auto small = practice_interval(IntervalMethod::kByar, Unit::kPer10000, 5, 2000);
  REQUIRE(small);
  CHECK(small->lower == doctest::Approx(8.117431948).epsilon(kEps));
  CHECK(small->upper == doctest::Approx(58.341660405).epsilon(kEps));
  CHECK(significance(obs(0, 25, 5, 2000), IntervalMethod::kByar, Unit::kPer10000, Polarity::kNeither, 60) ==
        Significance::kLower);
}

TEST_CASE("comparators: the indicator's method, not its numbers, decides whether it has an interval") {
  // QOF points achieved out of points available: a percentage whose
  // numerator happens to be whole in some years. With interval none it is
  // never compared, whole or not, so every period is judged alike.
  CHECK_FALSE(practice_interval(IntervalMethod::kNone, Unit::kPercent, 540, 559));
  CHECK_FALSE(practice_interval(IntervalMethod::kNone, Unit::kPercent, 540.5, 559));
  CHECK(significance(obs(0, 96.6, 540, 559), IntervalMethod::kNone, Unit::kPercent, Polarity::kHigherIsBetter, 50) ==
        Significance::kNotCompared);
  // A rate of events per 1,000 given a Wilson interval is a proportion x 1,000.
  const auto w = practice_interval(IntervalMethod::kWilson, Unit::kPer1000, 40, 50);
  REQUIRE(w);
  CHECK(w->lower == doctest::Approx(669.628941).epsilon(kEps));
  // Byar's method on a percentage: the Poisson interval of the count x 100 / den.
  const auto b = practice_interval(IntervalMethod::kByar, Unit::kPercent, 20, 1000);
  REQUIRE(b);
  CHECK(b->lower == doctest::Approx(1.2211428833).epsilon(kEps));
}

TEST_CASE("comparators: values without a fit interval are not compared") {
  const auto nc = Significance::kNotCompared;
  // GP FTE per 10,000 patients: the numerator is FTE, not a count of events.
  CHECK(significance(obs(0, 5, 3.5, 7000), IntervalMethod::kByar, Unit::kPer10000, Polarity::kHigherIsBetter, 1) == nc);
  // Patients per GP FTE: a ratio.
  CHECK(significance(obs(0, 2000, 10000, 5), IntervalMethod::kNone, Unit::kRatio, Polarity::kLowerIsBetter, 1) == nc);
  // Pounds per patient, even with whole numbers on both sides.
  CHECK(significance(obs(0, 150, 1500000, 10000), IntervalMethod::kNone, Unit::kGbp, Polarity::kNeither, 100) == nc);
  // Survey score without numerator and denominator.
  CHECK(significance(obs(0, 80, std::nullopt, std::nullopt), IntervalMethod::kNone, Unit::kScore,
                     Polarity::kHigherIsBetter, 50) == nc);
  // A percentage with more in the numerator than the denominator.
  CHECK(significance(obs(0, 120, 60, 50), IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, 50) ==
        nc);
  // Value not published, though the numerator and denominator are.
  CHECK(significance(obs(0, std::nullopt, 40, 50), IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter,
                     10) == nc);
  // No comparator value.
  CHECK(significance(obs(0, 80, 40, 50), IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter,
                     std::nullopt) == nc);
}

namespace {

// Five practices:
//   0: PCN P1, sub-ICB S1, ICB I1   40/50  = 80%
//   1: PCN P1, sub-ICB S1, ICB I1   30/50  = 60%
//   2: PCN P2, sub-ICB S1, ICB I1   45/100 = 45%
//   3: PCN P3, sub-ICB S2, ICB I2   10/50  = 20%
//   4: no PCN, sub-ICB S2, ICB I2   25/50, value suppressed
// ICB I2 is listed first so the test sees groups come out in code order.
Geography five_practices() {
  const std::vector<PracticeAreas> areas{
      {"P3", "S2", "I2"}, {"P1", "S1", "I1"}, {"P1", "S1", "I1"}, {"P2", "S1", "I1"}, {"", "S2", "I2"}};
  return Geography(areas);
}

}  // namespace

TEST_CASE("comparators: Geography numbers groups by code") {
  const Geography geo = five_practices();
  CHECK(geo.practice_count() == 5);
  CHECK(geo.group_count(Level::kPcn) == 3);
  CHECK(geo.group_count(Level::kIcb) == 2);
  CHECK(geo.group_count(Level::kEngland) == 1);
  CHECK(geo.code(Level::kIcb, 0) == "I1");
  CHECK(geo.code(Level::kEngland, 0) == "E92000001");
  CHECK(geo.find(Level::kPcn, "P2") == 1);
  CHECK_FALSE(geo.find(Level::kPcn, "P9"));
  CHECK(geo.group_of(4, Level::kPcn) == Geography::kNoGroup);
  const auto i2 = geo.members(Level::kIcb, 1);
  REQUIRE(i2.size() == 2);
  CHECK(i2[0] == 0);
  CHECK(i2[1] == 4);
}

TEST_CASE("comparators: compare_indicator works out every group and practice") {
  // Practice indices follow five_practices(): index 0 is the P3 practice.
  const Geography geo = five_practices();
  const std::vector<Observation> data{obs(1, 80, 40, 50), obs(2, 60, 30, 50), obs(3, 45, 45, 100), obs(0, 20, 10, 50),
                                      obs(4, std::nullopt, 25, 50)};
  const IndicatorComparison r =
      compare_indicator(geo, data, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, Confidence::k95);
  CHECK(r.method == ComparatorMethod::kPooled);

  const auto& england = r.groups[static_cast<std::size_t>(Level::kEngland)][0];
  const auto& i1 = *r.group_for(geo, 1, Level::kIcb);
  const auto& i2 = *r.group_for(geo, 0, Level::kIcb);

  SUBCASE("pooled values include the practice whose value is suppressed") {
    // England: (40+30+45+10+25) / (50+50+100+50+50) = 150/300 = 50%, 5 practices.
    CHECK(*england.comparator.value == doctest::Approx(50.0).epsilon(kEps));
    CHECK(england.comparator.practices == 5);
    // ICB I1: 115/200 = 57.5%; ICB I2: 35/100 = 35%.
    CHECK(*i1.comparator.value == doctest::Approx(57.5).epsilon(kEps));
    CHECK(i1.comparator.practices == 3);
    CHECK(*i2.comparator.value == doctest::Approx(35.0).epsilon(kEps));
    CHECK(i2.comparator.practices == 2);
    // PCN P1: 70/100 = 70%; sub-ICB S1 is I1's practices, 57.5%.
    CHECK(*r.group_for(geo, 1, Level::kPcn)->comparator.value == doctest::Approx(70.0).epsilon(kEps));
    CHECK(*r.group_for(geo, 3, Level::kSubIcb)->comparator.value == doctest::Approx(57.5).epsilon(kEps));
    CHECK(r.group_for(geo, 4, Level::kPcn) == nullptr);
  }

  SUBCASE("quartiles use published values only") {
    // England {20,45,60,80}, h = 3p: Q1 h=0.75 -> 20 + 0.75*25 = 38.75,
    // median h=1.5 -> 45 + 0.5*15 = 52.5, Q3 h=2.25 -> 60 + 0.25*20 = 65.
    REQUIRE(england.quartiles);
    CHECK(england.with_value == 4);
    CHECK(england.quartiles->q1 == doctest::Approx(38.75).epsilon(kEps));
    CHECK(england.quartiles->median == doctest::Approx(52.5).epsilon(kEps));
    CHECK(england.quartiles->q3 == doctest::Approx(65.0).epsilon(kEps));
    // I1 {45,60,80}, h = 2p: Q1 h=0.5 -> 52.5, median 60, Q3 h=1.5 -> 70.
    REQUIRE(i1.quartiles);
    CHECK(i1.quartiles->q1 == doctest::Approx(52.5).epsilon(kEps));
    CHECK(i1.quartiles->median == doctest::Approx(60.0).epsilon(kEps));
    CHECK(i1.quartiles->q3 == doctest::Approx(70.0).epsilon(kEps));
    // I2 has one published value, 20: n = 1.
    REQUIRE(i2.quartiles);
    CHECK(*i2.quartiles == Quartiles{20, 20, 20, 20, 20});
  }

  SUBCASE("deciles in England and in the ICB") {
    // England, n = 4: 20 -> 1 + floor(0/4) = 1; 45 -> 1 + floor(10/4) = 3;
    // 60 -> 1 + floor(20/4) = 6; 80 -> 1 + floor(30/4) = 8.
    CHECK(r.practices[0].england_decile == 1);
    CHECK(r.practices[3].england_decile == 3);
    CHECK(r.practices[2].england_decile == 6);
    CHECK(r.practices[1].england_decile == 8);
    // I1, n = 3: 45 -> 1; 60 -> 1 + floor(10/3) = 4; 80 -> 1 + floor(20/3) = 7.
    CHECK(r.practices[3].icb_decile == 1);
    CHECK(r.practices[2].icb_decile == 4);
    CHECK(r.practices[1].icb_decile == 7);
    CHECK(r.practices[0].icb_decile == 1);
    CHECK_FALSE(r.practices[4].england_decile);
  }

  SUBCASE("significance against each level") {
    // 80%: 66.96..88.76 vs England 50 and I1 57.5 -> better; vs P1 70 -> similar.
    CHECK(r.practices[1].against(Level::kEngland) == Significance::kBetter);
    CHECK(r.practices[1].against(Level::kIcb) == Significance::kBetter);
    CHECK(r.practices[1].against(Level::kPcn) == Significance::kSimilar);
    // 60%: 46.18..72.39 contains 50, 57.5 and 70 -> similar.
    CHECK(r.practices[2].against(Level::kEngland) == Significance::kSimilar);
    CHECK(r.practices[2].against(Level::kIcb) == Significance::kSimilar);
    // 45/100: scale 1.038414588, centre 0.451849675, half 0.095704295
    //   -> 35.61..54.76: contains England's 50 but is below I1's 57.5.
    REQUIRE(r.practices[3].interval);
    CHECK(r.practices[3].interval->upper == doctest::Approx(54.7553970).epsilon(kEps));
    CHECK(r.practices[3].against(Level::kEngland) == Significance::kSimilar);
    CHECK(r.practices[3].against(Level::kIcb) == Significance::kWorse);
    // 10/50: centre 0.221404280, half 0.108966780 -> 11.24..33.04:
    // below England's 50 and I2's 35, around its PCN's own 20.
    CHECK(r.practices[0].against(Level::kEngland) == Significance::kWorse);
    CHECK(r.practices[0].against(Level::kIcb) == Significance::kWorse);
    CHECK(r.practices[0].against(Level::kPcn) == Significance::kSimilar);
    // Suppressed value: counted in the pooled values, never compared.
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      CHECK(r.practices[4].significance[l] == Significance::kNotCompared);
    }
  }
}

TEST_CASE("comparators: practices with no observation are not compared") {
  const Geography geo = five_practices();
  const std::vector<Observation> data{obs(1, 80, 40, 50)};
  const IndicatorComparison r =
      compare_indicator(geo, data, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, Confidence::k95);
  REQUIRE(r.practices.size() == 5);
  CHECK_FALSE(r.practices[0].value);
  CHECK(r.practices[0].against(Level::kEngland) == Significance::kNotCompared);
  // ICB I2 has no data at all: no value, no quartiles.
  const GroupSummary& i2 = *r.group_for(geo, 0, Level::kIcb);
  CHECK_FALSE(i2.comparator.value);
  CHECK_FALSE(i2.quartiles);
  CHECK(i2.comparator.practices == 0);
  // England is practice 1 alone: 80%, so its own interval contains it.
  CHECK(r.practices[1].against(Level::kEngland) == Significance::kSimilar);
  CHECK(r.practices[1].england_decile == 1);
}

TEST_CASE("comparators: compare_indicator falls back to medians for scores") {
  // Scores without numerators: England median of {20,45,60,80} = 52.5,
  // I1 median of {45,60,80} = 60; nothing is compared.
  const Geography geo = five_practices();
  const std::vector<Observation> data{obs(1, 80, std::nullopt, std::nullopt), obs(2, 60, std::nullopt, std::nullopt),
                                      obs(3, 45, std::nullopt, std::nullopt), obs(0, 20, std::nullopt, std::nullopt)};
  const IndicatorComparison r =
      compare_indicator(geo, data, IntervalMethod::kNone, Unit::kScore, Polarity::kNeither, Confidence::k95);
  CHECK(r.method == ComparatorMethod::kMedian);
  const auto& england = r.groups[static_cast<std::size_t>(Level::kEngland)][0];
  CHECK(*england.comparator.value == doctest::Approx(52.5).epsilon(kEps));
  CHECK(england.comparator.practices == 4);
  CHECK(*r.group_for(geo, 1, Level::kIcb)->comparator.value == doctest::Approx(60.0).epsilon(kEps));
  CHECK(r.practices[1].against(Level::kEngland) == Significance::kNotCompared);
  CHECK(r.practices[1].england_decile == 8);
}

TEST_CASE("comparators: compare_indicator rejects a practice outside the geography") {
  const Geography geo = five_practices();
  const std::vector<Observation> data{obs(5, 1, std::nullopt, std::nullopt)};
  CHECK_THROWS_AS(
      compare_indicator(geo, data, IntervalMethod::kNone, Unit::kScore, Polarity::kNeither, Confidence::k95),
      std::out_of_range);
}

TEST_CASE("comparators: a repeated practice uses its last observation") {
  const Geography geo = five_practices();
  const std::vector<Observation> data{obs(1, 10, 5, 50), obs(1, 80, 40, 50)};
  const IndicatorComparison r =
      compare_indicator(geo, data, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, Confidence::k95);
  CHECK(*r.practices[1].value == 80.0);
  CHECK(*r.groups[static_cast<std::size_t>(Level::kEngland)][0].comparator.value ==
        doctest::Approx(80.0).epsilon(kEps));
}

namespace {

// Built by appending rather than "U" + std::to_string(n), which GCC 12 at -O3
// wrongly reports as an overlapping memcpy (-Wrestrict).
std::string area_code(char prefix, std::size_t n) {
  std::string code(1, prefix);
  code += std::to_string(n);
  return code;
}

}  // namespace

TEST_CASE("comparators: national results do not depend on the order of the data") {
  // 6,400 practices in 42 ICBs, 106 sub-ICBs and 1,250 PCNs, as nationally.
  // The same observations in reverse order must give identical numbers,
  // down to the last bit, or a rebuild would show changes nobody made.
  constexpr std::size_t kPractices = 6400;
  std::vector<PracticeAreas> areas;
  std::vector<Observation> data;
  for (std::size_t i = 0; i < kPractices; ++i) {
    areas.push_back({area_code('U', i % 1250), area_code('S', i % 106), area_code('Q', i % 42)});
    const double den = static_cast<double>(2000 + (i * 7919) % 9000);
    const double num = std::floor(den * static_cast<double>((i * 104729) % 1000) / 1000.0);
    data.push_back(obs(i, num / den * 100.0, num, den));
  }
  const Geography geo(areas);
  const IndicatorComparison forward =
      compare_indicator(geo, data, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, Confidence::k95);
  const std::vector<Observation> reversed(data.rbegin(), data.rend());
  const IndicatorComparison backward = compare_indicator(geo, reversed, IntervalMethod::kWilson, Unit::kPercent,
                                                         Polarity::kHigherIsBetter, Confidence::k95);

  CHECK(geo.group_count(Level::kPcn) == 1250);
  CHECK(forward.groups[static_cast<std::size_t>(Level::kEngland)][0].comparator.practices == kPractices);
  bool same = true;
  for (std::size_t l = 0; l < kLevelCount; ++l) {
    for (std::size_t g = 0; g < forward.groups[l].size(); ++g) {
      const GroupSummary& a = forward.groups[l][g];
      const GroupSummary& b = backward.groups[l][g];
      same = same && a.comparator.value == b.comparator.value && a.quartiles == b.quartiles;
    }
  }
  for (std::size_t p = 0; p < kPractices; ++p) {
    const PracticeComparison& a = forward.practices[p];
    const PracticeComparison& b = backward.practices[p];
    same = same && a.england_decile == b.england_decile && a.icb_decile == b.icb_decile &&
           a.significance == b.significance;
  }
  CHECK(same);

  // Each group's value agrees with comparator_value() over its own practices.
  const std::size_t icb = 7;
  std::vector<Observation> members;
  for (std::size_t p : geo.members(Level::kIcb, icb)) members.push_back(data[p]);
  const Comparator direct = comparator_value(members, Unit::kPercent);
  const Comparator& grouped = forward.groups[static_cast<std::size_t>(Level::kIcb)][icb].comparator;
  CHECK(grouped.practices == direct.practices);
  CHECK(*grouped.value == doctest::Approx(*direct.value).epsilon(kEps));
}

TEST_CASE("comparators: the 99.8% interval is wider, and [packs] significance picks the one that decides") {
  // 40/50 = 80%. Wilson with z = 3.090232306 (PHEindicatormethods' 99.8%):
  // centre (40 + z²/2) / (50 + z²) = 44.774768 / 59.549536 = 0.751890, half
  // width z √(z² + 4·40·(1 − 0.8)) / (2 (50 + z²)) = 0.167249: 58.4641% to
  // 91.9141%, around the 95% interval's 66.9629% to 88.7562%.
  const auto ci95 = practice_interval(IntervalMethod::kWilson, Unit::kPercent, 40, 50);
  const auto ci998 = practice_interval(IntervalMethod::kWilson, Unit::kPercent, 40, 50, kZ998);
  REQUIRE(ci95);
  REQUIRE(ci998);
  CHECK(ci998->lower == doctest::Approx(58.4641243).epsilon(kEps));
  CHECK(ci998->upper == doctest::Approx(91.9141023).epsilon(kEps));
  CHECK(ci998->lower < ci95->lower);
  CHECK(ci998->upper > ci95->upper);
  CHECK(&deciding_interval(Confidence::k95, ci95, ci998) == &ci95);
  CHECK(&deciding_interval(Confidence::k998, ci95, ci998) == &ci998);

  // England pooled: (40 + 60) / (50 + 100) = 66.667%, just under the 95%
  // lower bound 66.963% but well inside the 99.8% interval.
  const Geography geo = five_practices();
  const std::vector<Observation> data{obs(1, 80, 40, 50), obs(2, 60, 60, 100)};
  const auto at = [&](Confidence level) {
    return compare_indicator(geo, data, IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter, level);
  };
  const IndicatorComparison r95 = at(Confidence::k95);
  const IndicatorComparison r998 = at(Confidence::k998);
  CHECK(r95.practices[1].against(Level::kEngland) == Significance::kBetter);
  CHECK(r998.practices[1].against(Level::kEngland) == Significance::kSimilar);
  // Both intervals are kept whatever the level, for pages and workbooks.
  CHECK(r95.practices[1].interval_998 == ci998);
  CHECK(r998.practices[1].interval == ci95);
  // 60/100 (50.2% to 69.1% at 95%) is similar either way.
  CHECK(r95.practices[2].against(Level::kEngland) == Significance::kSimilar);
  CHECK(r998.practices[2].against(Level::kEngland) == Significance::kSimilar);
}

}  // namespace gpress::analyse
