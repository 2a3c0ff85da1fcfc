// Funnel plot control limits against the values PHEindicatormethods
// publishes in its own tests (tests/testthat/testdata_funnel_prop_outputs.csv
// and testdata_funnel_rate_outputs.csv), and against the intervals they are
// inverted from.
#include "analyse/funnel.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "analyse/stats.hpp"

namespace gpress::analyse {

TEST_CASE("funnel: proportion limits match PHEindicatormethods' published table") {
  // Baseline 80.642448%; columns Population, Lower2s, Upper2s, Lower3s, Upper3s.
  struct Row {
    double n, l95, u95, l998, u998;
  };
  const Row rows[] = {
      {3, 35.933491, 100, 10.150815, 100},  // limits clamped at 100%
      {20, 63.326743, 97.958152, 53.341156, 100},
      {1008, 78.203374, 83.081521, 76.796814, 84.488082},
      {110000, 80.408963, 80.875933, 80.274317, 81.010578},
  };
  for (const Row& r : rows) {
    CAPTURE(r.n);
    const auto l95 = proportion_funnel_limits(0.80642448, r.n, FunnelLevel::k95);
    const auto l998 = proportion_funnel_limits(0.80642448, r.n, FunnelLevel::k998);
    REQUIRE(l95);
    REQUIRE(l998);
    CHECK(l95->lower * 100 == doctest::Approx(r.l95).epsilon(1e-6));
    CHECK(l95->upper * 100 == doctest::Approx(r.u95).epsilon(1e-6));
    CHECK(l998->lower * 100 == doctest::Approx(r.l998).epsilon(1e-6));
    CHECK(l998->upper * 100 == doctest::Approx(r.u998).epsilon(1e-6));
  }
}

TEST_CASE("funnel: a proportion on the 95% limit has a Wilson interval that just touches the average") {
  // The limits are the Wilson interval inverted: at n = 500 and an average of
  // 30%, the proportion on the upper limit has its 95% lower bound at 30%.
  const auto l = proportion_funnel_limits(0.3, 500, FunnelLevel::k95);
  REQUIRE(l);
  const auto upper_ci = wilson_interval(l->upper * 500, 500);
  const auto lower_ci = wilson_interval(l->lower * 500, 500);
  REQUIRE(upper_ci);
  REQUIRE(lower_ci);
  CHECK(upper_ci->lower == doctest::Approx(0.3).epsilon(1e-9));
  CHECK(lower_ci->upper == doctest::Approx(0.3).epsilon(1e-9));
}

TEST_CASE("funnel: rate limits by Byar's method agree with PHEindicatormethods' exact limits at 1,360 events") {
  // testdata_funnel_rate_outputs.csv, Events = 1360, three years of data:
  // baseline 116.1720835 per 100,000; the denominator at which 1,360 events
  // sit on each limit is 3 x the one-year population given. Byar's
  // approximation is within 0.01 per 100,000 of the exact Poisson limits
  // there.
  const double average = 116.1720835 / 100000;
  auto at = [&](double pop_1_year, FunnelLevel level) { return rate_funnel_limits(average, 3 * pop_1_year, level); };
  CHECK(at(411529.9259, FunnelLevel::k95)->lower * 1e5 == doctest::Approx(110.158048).epsilon(1e-4));
  CHECK(at(369759.5622, FunnelLevel::k95)->upper * 1e5 == doctest::Approx(122.6021934).epsilon(1e-4));
  CHECK(at(424043.2424, FunnelLevel::k998)->lower * 1e5 == doctest::Approx(106.9073359).epsilon(1e-4));
  CHECK(at(358342.3275, FunnelLevel::k998)->upper * 1e5 == doctest::Approx(126.5084525).epsilon(1e-4));
}

TEST_CASE("funnel: a rate on the limit has a Byar interval that just touches the expected count") {
  // Average 50 per 1,000, denominator 10,000: 500 events expected.
  const auto l = rate_funnel_limits(0.05, 10000, FunnelLevel::k998);
  REQUIRE(l);
  const auto above = byar_interval(l->upper * 10000, 3.090232306);
  const auto below = byar_interval(l->lower * 10000, 3.090232306);
  CHECK(above->lower == doctest::Approx(500).epsilon(1e-9));
  CHECK(below->upper == doctest::Approx(500).epsilon(1e-9));
  // A denominator so small that no events at all is within: lower limit 0.
  CHECK(rate_funnel_limits(0.05, 20, FunnelLevel::k95)->lower == 0.0);
}

TEST_CASE("funnel: every practice by denominator, limits once, practices outside 99.8% counted") {
  std::vector<Observation> obs;
  // 20 practices of 1,000 patients at 10%, one at 20% (far outside), one at
  // 11% (inside), one without counts (left out).
  for (std::size_t i = 0; i < 20; ++i) obs.push_back({i, 10.0, 100.0, 1000.0});
  obs.push_back({20, 20.0, 400.0, 2000.0});
  obs.push_back({21, 11.0, 55.0, 500.0});
  obs.push_back({22, 12.0, std::nullopt, std::nullopt});
  const auto f = make_funnel(IntervalMethod::kWilson, Unit::kPercent, obs, 10.0);
  REQUIRE(f);
  CHECK(f->points.size() == 22);
  CHECK(f->points.front().denominator == 500);
  CHECK(f->points.back().denominator == 2000);
  REQUIRE(f->steps.size() == 100);
  CHECK(f->steps.front().denominator == 500);
  CHECK(f->steps.back().denominator == 2000);
  CHECK(f->above998 == 1);
  CHECK(f->below998 == 0);
  CHECK(f->band(20.0, 2000) == FunnelBand::kAbove998);
  CHECK(f->band(11.0, 500) == FunnelBand::kWithin95);
  // Between the two limits: above 95%, inside 99.8%.
  const auto step = f->at(1000);
  REQUIRE(step);
  CHECK(f->band((step->limits95.upper + step->limits998.upper) / 2, 1000) == FunnelBand::kAbove95);
  CHECK(f->band(step->limits998.lower - 0.01, 1000) == FunnelBand::kBelow998);

  SUBCASE("no funnel without an interval method or a baseline") {
    CHECK_FALSE(make_funnel(IntervalMethod::kNone, Unit::kPercent, obs, 10.0));
    CHECK_FALSE(make_funnel(IntervalMethod::kWilson, Unit::kPercent, obs, std::nullopt));
  }
}

}  // namespace gpress::analyse
