// Recent trend against hand-worked cases and the values OHID's Fingertips
// publishes for its own trend marker (the test data of its
// TrendMarkerCalculator, fingertips-open, WhenUsingTrendMarkerCalculator.cs).
#include "analyse/trend.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace gpress::analyse {
namespace {

// Five financial years from 2018-19, one point per count.
std::vector<TrendPoint> yearly(const std::vector<double>& numerators, const std::vector<double>& denominators,
                               double scale) {
  std::vector<TrendPoint> out;
  for (std::size_t i = 0; i < numerators.size(); ++i) {
    const int year = 2018 + static_cast<int>(i);
    out.push_back({std::to_string(year) + "-" + std::to_string((year + 1) % 100), year,
                   numerators[i] / denominators[i] * scale, numerators[i], denominators[i]});
  }
  return out;
}

}  // namespace

TEST_CASE("trend: chi-squared test for trend in proportions, worked by hand") {
  // 10, 20, 30, 40, 50 out of 100 each, t = 1..5:
  //   N = 500, R = 150, Σrt = 550, Σnt = 1500, Σnt² = 5500
  //   N Σrt − R Σnt = 275,000 − 225,000 = 50,000
  //   N Σnt² − (Σnt)² = 2,750,000 − 2,250,000 = 500,000
  //   chi² = 500 × 50,000² / (150 × 350 × 500,000) = 47.6190476
  //   slope = 50,000 / 500,000 = 0.1 a year (10 percentage points)
  const std::vector<double> r = {10, 20, 30, 40, 50}, n = {100, 100, 100, 100, 100};
  const TrendTest t = proportion_trend_test(r, n);
  CHECK(t.chi_squared == doctest::Approx(47.619047619).epsilon(1e-9));
  CHECK(t.slope == doctest::Approx(0.1).epsilon(1e-12));

  const RecentTrend trend =
      recent_trend(yearly(r, n, 100), IntervalMethod::kWilson, Unit::kPercent, Polarity::kLowerIsBetter);
  CHECK(trend.direction == TrendDirection::kIncreasing);
  CHECK(trend.slope == doctest::Approx(10.0));
  CHECK(trend.periods == "2018-19 to 2022-23");
  CHECK(trend_text(trend) == "Increasing and getting worse");
  CHECK(trend.getting_worse());
  CHECK(trend_token(trend) == "increasing-worse");
}

TEST_CASE("trend: Fingertips' published proportion examples") {
  SUBCASE("a significant fall: chi² 978.2845") {
    const std::vector<double> r = {22435, 22445, 21365, 20955, 19055}, n = {65880, 67900, 68705, 69835, 70910};
    CHECK(proportion_trend_test(r, n).chi_squared == doctest::Approx(978.2845).epsilon(1e-7));
    const RecentTrend trend =
        recent_trend(yearly(r, n, 100), IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter);
    CHECK(trend_text(trend) == "Decreasing and getting worse");
    CHECK(trend.slope < 0);
  }
  SUBCASE("no significant change: chi² 0.0180") {
    const std::vector<double> r = {5405, 5500, 5435, 5480, 5315}, n = {18095, 18170, 18005, 17890, 17860};
    CHECK(proportion_trend_test(r, n).chi_squared == doctest::Approx(0.0180).epsilon(0.003));
    const RecentTrend trend =
        recent_trend(yearly(r, n, 100), IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter);
    CHECK(trend_text(trend) == "No significant change");
    CHECK(trend_token(trend) == "no-change");
  }
}

TEST_CASE("trend: weighted regression, worked by hand") {
  // y = 10, 12, 14, 16, 18 with standard error 1: w = 1,
  //   Σw = 5, Σwt = 15, Σwt² = 55, Σwy = 70, Σwyt = 230
  //   slope = (5 × 230 − 15 × 70) / (5 × 55 − 15²) = 100 / 50 = 2
  //   SE = sqrt(5 / 50) = 0.316228, chi² = (2 / 0.316228)² = 40
  const std::vector<double> y = {10, 12, 14, 16, 18}, se = {1, 1, 1, 1, 1};
  const TrendTest t = regression_trend_test(y, se);
  CHECK(t.slope == doctest::Approx(2.0));
  CHECK(t.chi_squared == doctest::Approx(40.0));
}

TEST_CASE("trend: rates use the regression on their Byar intervals") {
  // Events 100, 120, 140, 160, 180 in 10,000 patients a year: a rate per
  // 1,000 of 10, 12, ..., 18, each with its 95% interval from
  // poisson_interval; the standard error is the interval's width / 3.92.
  const std::vector<double> r = {100, 120, 140, 160, 180}, n = {10000, 10000, 10000, 10000, 10000};
  const auto series = yearly(r, n, 1000);
  std::vector<double> values, se;
  for (const auto& p : series) {
    const auto ci = practice_interval(IntervalMethod::kByar, Unit::kPer1000, p.numerator, p.denominator);
    REQUIRE(ci);
    values.push_back(*p.value);
    se.push_back((ci->upper - ci->lower) / (2 * kZ95));
  }
  const TrendTest expected = regression_trend_test(values, se);
  const RecentTrend trend = recent_trend(series, IntervalMethod::kByar, Unit::kPer1000, Polarity::kNeither);
  CHECK(trend.chi_squared == doctest::Approx(expected.chi_squared));
  CHECK(expected.chi_squared > kZ998 * kZ998);
  CHECK(trend.slope == doctest::Approx(2.0).epsilon(0.01));
  CHECK(trend_text(trend) == "Increasing");
  CHECK_FALSE(trend.getting_worse());
}

TEST_CASE("trend: one outlying year does not make a trend") {
  // 150, 100, 100, 110, 300 per 1,000: chi² = 74.6, far above 9.55, but
  // without the last year the log-odds fall, so Fingertips shows no change.
  const std::vector<double> r = {150, 100, 100, 110, 300}, n = {1000, 1000, 1000, 1000, 1000};
  CHECK(proportion_trend_test(r, n).chi_squared == doctest::Approx(74.556).epsilon(1e-4));
  const RecentTrend trend =
      recent_trend(yearly(r, n, 100), IntervalMethod::kWilson, Unit::kPercent, Polarity::kHigherIsBetter);
  CHECK(trend.direction == TrendDirection::kNoSignificantChange);
}

TEST_CASE("trend: the 99.8% threshold is chi² 9.5495") {
  CHECK(kZ998 * kZ998 == doctest::Approx(9.549535706).epsilon(1e-9));
}

TEST_CASE("trend: cannot be calculated, and says why") {
  const std::vector<double> r = {10, 20, 30, 40, 50, 60}, n = {100, 100, 100, 100, 100, 100};
  auto series = yearly(r, n, 100);
  auto text = [](const std::vector<TrendPoint>& s, IntervalMethod m = IntervalMethod::kWilson) {
    return trend_text(recent_trend(s, m, Unit::kPercent, Polarity::kHigherIsBetter));
  };
  CHECK(text(series) == "Increasing and getting better");
  CHECK(text(series, IntervalMethod::kNone) == "Cannot be calculated: no confidence intervals for this indicator");
  CHECK(text({series.begin(), series.begin() + 4}) == "Cannot be calculated: fewer than 5 periods");

  SUBCASE("a missing figure in the last five years") {
    series[3].value.reset();
    CHECK(text(series) == "Cannot be calculated: no figures for 2021-22");
  }
  SUBCASE("an older missing figure does not matter") {
    series[0].numerator.reset();
    CHECK(text(series) == "Increasing and getting better");
  }
  SUBCASE("a year left out") {
    for (std::size_t i = 3; i < series.size(); ++i) *series[i].year += 1;
    series[3].period = "2022-23";
    CHECK(text(series) ==
          "Cannot be calculated: the last 5 periods are not consecutive years (2022-23 follows 2020-21)");
  }
  SUBCASE("monthly figures") {
    series.back().year.reset();
    CHECK(text(series) == "Cannot be calculated: monthly and quarterly figures are not tested");
  }
}

TEST_CASE("trend: every year at 0% is no significant change") {
  const std::vector<double> r = {0, 0, 0, 0, 0}, n = {50, 60, 70, 80, 90};
  const RecentTrend trend =
      recent_trend(yearly(r, n, 100), IntervalMethod::kWilson, Unit::kPercent, Polarity::kLowerIsBetter);
  CHECK(trend.direction == TrendDirection::kNoSignificantChange);
  CHECK(trend.chi_squared == 0.0);
}

}  // namespace gpress::analyse
