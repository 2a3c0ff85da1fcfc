// Confidence intervals, quartiles and deciles against hand-worked values.
//
// Throughout, z = 1.959963985 and z^2 = 3.841458822.
#include "analyse/stats.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <vector>

namespace gpress::analyse {
namespace {

constexpr double kEps = 1e-9;

}  // namespace

TEST_CASE("stats: Wilson interval for 40 out of 50 matches the worked formula") {
  // p = 0.8, n = 50
  // scale  = 1 + z^2/n = 1 + 3.841458822/50 = 1.076829176
  // centre = (p + z^2/2n) / scale = (0.8 + 0.038414588) / 1.076829176 = 0.778595720
  // half   = z sqrt(p(1-p)/n + z^2/4n^2) / scale
  //        = 1.959963985 * sqrt(0.0032 + 0.000384146) / 1.076829176 = 0.108966780
  // bounds = 0.778595720 -/+ 0.108966780 = 0.669628941, 0.887562500
  const auto ci = wilson_interval(40, 50);
  REQUIRE(ci);
  CHECK(ci->lower == doctest::Approx(0.669628941).epsilon(kEps));
  CHECK(ci->upper == doctest::Approx(0.887562500).epsilon(kEps));
  // The interval is not symmetric about 0.8: it leans towards 0.5.
  CHECK(0.8 - ci->lower > ci->upper - 0.8);
}

TEST_CASE("stats: Wilson interval at 0 and at 100 percent stays inside 0..1") {
  // 0/20: scale = 1 + 3.841458822/20 = 1.192072941
  //       centre = (0 + 3.841458822/40) / 1.192072941 = 0.080562579
  //       half   = z sqrt(0 + 3.841458822/1600) / scale = 0.080562579
  //       lower = centre - half = 0 exactly; upper = 0.161125158
  SUBCASE("none") {
    const auto ci = wilson_interval(0, 20);
    REQUIRE(ci);
    CHECK(ci->lower == 0.0);
    CHECK(ci->upper == doctest::Approx(0.161125158).epsilon(kEps));
  }
  // 20/20 mirrors it: lower = 1 - 0.161125158 = 0.838874842, upper = 1 exactly.
  SUBCASE("all") {
    const auto ci = wilson_interval(20, 20);
    REQUIRE(ci);
    CHECK(ci->lower == doctest::Approx(0.838874842).epsilon(kEps));
    CHECK(ci->upper == 1.0);
  }
}

TEST_CASE("stats: Wilson interval refuses impossible proportions") {
  CHECK_FALSE(wilson_interval(0, 0));    // nobody eligible: nothing to estimate
  CHECK_FALSE(wilson_interval(5, -10));  // negative denominator
  CHECK_FALSE(wilson_interval(-1, 10));
  CHECK_FALSE(wilson_interval(11, 10));  // more in the numerator than the denominator
  CHECK_FALSE(wilson_interval(std::nan(""), 10));
}

TEST_CASE("stats: Byar's interval for a count of 20") {
  // lower = O (1 - 1/(9O) - z/(3 sqrt O))^3
  //   1/(9*20) = 0.005555556; z/(3*4.472135955) = 0.146087090
  //   a = 1 - 0.005555556 - 0.146087090 = 0.848357354
  //   20 * a^3 = 20 * 0.610571442 = 12.211428833
  // upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3
  //   1/189 = 0.005291005; z/(3*4.582575695) = 0.142566402
  //   b = 1 - 0.005291005 + 0.142566402 = 1.137275397
  //   21 * b^3 = 21 * 1.470946684 = 30.889880372
  const auto ci = byar_interval(20);
  REQUIRE(ci);
  CHECK(ci->lower == doctest::Approx(12.211428833).epsilon(kEps));
  CHECK(ci->upper == doctest::Approx(30.889880372).epsilon(kEps));
}

TEST_CASE("stats: Byar's interval for no events has lower bound 0") {
  // The lower formula divides by zero at O = 0; the bound is 0.
  // upper = 1 * (1 - 1/9 + z/3)^3 = (0.888888889 + 0.653321328)^3
  //       = 1.542210217^3 = 3.668011833
  const auto ci = byar_interval(0);
  REQUIRE(ci);
  CHECK(ci->lower == 0.0);
  CHECK(ci->upper == doctest::Approx(3.668011833).epsilon(kEps));
  CHECK_FALSE(byar_interval(-1));
}

TEST_CASE("stats: rate intervals are exact below 10 events and Byar's from 10") {
  // Exact Poisson limits (the chi-squared form Fingertips uses below 10):
  // alpha/2 = 0.025, so upper for 0 events = -ln(0.025) = 3.688879454.
  // For 5 events the limits solve P(X >= 5 | mu) = 0.025 and
  // P(X <= 5 | mu) = 0.025: 1.623486390 and 11.668332081, the values in
  // published tables of exact Poisson limits (1.6235, 11.6683).
  SUBCASE("zero") {
    const auto ci = poisson_interval(0);
    REQUIRE(ci);
    CHECK(ci->lower == 0.0);
    CHECK(ci->upper == doctest::Approx(3.688879454).epsilon(kEps));
  }
  SUBCASE("five") {
    const auto ci = poisson_interval(5);
    REQUIRE(ci);
    CHECK(ci->lower == doctest::Approx(1.623486390).epsilon(kEps));
    CHECK(ci->upper == doctest::Approx(11.668332081).epsilon(kEps));
  }
  SUBCASE("nine is still exact") {
    // Tables: 4.1154, 17.0848; Byar's would give a different lower bound.
    const auto ci = poisson_interval(9);
    REQUIRE(ci);
    CHECK(ci->lower == doctest::Approx(4.115373097).epsilon(kEps));
    CHECK(ci->upper == doctest::Approx(17.084803453).epsilon(kEps));
  }
  SUBCASE("ten switches to Byar's") {
    // a = 1 - 1/90 - z/(3 sqrt 10) = 0.782290545, 10 a^3 = 4.787449913
    // b = 1 - 1/99 + z/(3 sqrt 11) = 1.186882782, 11 b^3 = 18.391458608
    const auto ci = poisson_interval(10);
    REQUIRE(ci);
    CHECK(ci->lower == doctest::Approx(4.787449913).epsilon(kEps));
    CHECK(ci->upper == doctest::Approx(18.391458608).epsilon(kEps));
  }
  SUBCASE("not a count") {
    CHECK_FALSE(poisson_interval(2.5));
    CHECK_FALSE(poisson_interval(-3));
  }
}

TEST_CASE("stats: quartiles match Excel QUARTILE.INC") {
  // {1,2,3,4,10}: n = 5, position h = 4p.
  //   Q1 h = 1 -> x[1] = 2; median h = 2 -> 3; Q3 h = 3 -> 4. The outlier 10
  //   moves only the maximum.
  SUBCASE("odd count") {
    const std::vector<std::optional<double>> v{10, 1, 3, 2, 4};
    const auto q = quartiles(v);
    REQUIRE(q);
    CHECK(q->min == 1.0);
    CHECK(q->q1 == doctest::Approx(2.0).epsilon(kEps));
    CHECK(q->median == doctest::Approx(3.0).epsilon(kEps));
    CHECK(q->q3 == doctest::Approx(4.0).epsilon(kEps));
    CHECK(q->max == 10.0);
  }
  // {1,2,3,4}: h = 3p.
  //   Q1 h = 0.75 -> 1 + 0.75*(2-1) = 1.75
  //   median h = 1.5 -> 2 + 0.5*(3-2) = 2.5
  //   Q3 h = 2.25 -> 3 + 0.25*(4-3) = 3.25
  SUBCASE("even count interpolates") {
    const std::vector<std::optional<double>> v{4, 3, 2, 1};
    const auto q = quartiles(v);
    REQUIRE(q);
    CHECK(q->q1 == doctest::Approx(1.75).epsilon(kEps));
    CHECK(q->median == doctest::Approx(2.5).epsilon(kEps));
    CHECK(q->q3 == doctest::Approx(3.25).epsilon(kEps));
  }
  // Unpublished values are left out, not read as 0: {1,_,2,NaN,3,4} is {1,2,3,4}.
  SUBCASE("missing values are ignored") {
    const std::vector<std::optional<double>> v{1, std::nullopt, 2, std::nan(""), 3, 4};
    const auto q = quartiles(v);
    REQUIRE(q);
    CHECK(q->min == 1.0);
    CHECK(q->median == doctest::Approx(2.5).epsilon(kEps));
  }
  SUBCASE("one practice") {
    const std::vector<std::optional<double>> v{std::nullopt, 7.5};
    const auto q = quartiles(v);
    REQUIRE(q);
    CHECK(*q == Quartiles{7.5, 7.5, 7.5, 7.5, 7.5});
  }
  SUBCASE("no practice") {
    const std::vector<std::optional<double>> v{std::nullopt};
    CHECK_FALSE(quartiles(v));
    CHECK_FALSE(median(v));
  }
}

TEST_CASE("stats: percentile_inc interpolates between order statistics") {
  // {10,20,30,40,50}, p = 0.9: h = 4*0.9 = 3.6 -> 40 + 0.6*(50-40) = 46
  const std::vector<double> sorted{10, 20, 30, 40, 50};
  CHECK(*percentile_inc(sorted, 0.9) == doctest::Approx(46.0).epsilon(kEps));
  CHECK(*percentile_inc(sorted, 0.0) == 10.0);
  CHECK(*percentile_inc(sorted, 1.0) == 50.0);
}

TEST_CASE("stats: deciles put the lowest values in decile 1") {
  // 20 distinct values 1..20: decile = 1 + floor(10 * below / 20).
  std::vector<double> sorted;
  for (int i = 1; i <= 20; ++i) sorted.push_back(i);
  CHECK(decile(sorted, 1) == 1);    // below 0  -> 1 + 0
  CHECK(decile(sorted, 2) == 1);    // below 1  -> 1 + floor(0.5) = 1
  CHECK(decile(sorted, 3) == 2);    // below 2  -> 1 + floor(1.0) = 2: the edge
  CHECK(decile(sorted, 11) == 6);   // below 10 -> 1 + 5
  CHECK(decile(sorted, 19) == 10);  // below 18 -> 1 + 9
  CHECK(decile(sorted, 20) == 10);  // below 19 -> 1 + floor(9.5) = 10
  // A value above every practice still clamps to 10.
  CHECK(decile(sorted, 99) == 10);  // below 20 -> 1 + 10 = 11 -> 10
}

TEST_CASE("stats: tied practices share a decile") {
  // {5,5,5,5,5,6,7,8,9,10}: every 5 has 0 values below it, so decile 1,
  // not spread over deciles 1-5 by input order; 6 has 5 below: 1 + 5 = 6.
  const std::vector<double> sorted{5, 5, 5, 5, 5, 6, 7, 8, 9, 10};
  CHECK(decile(sorted, 5) == 1);
  CHECK(decile(sorted, 6) == 6);
  CHECK(decile(sorted, 10) == 10);  // 9 below: 1 + 9
}

TEST_CASE("stats: deciles of small groups") {
  // n = 1: the only practice is in decile 1.
  const std::vector<double> one{42};
  CHECK(decile(one, 42) == 1);
  // n = 3 {1,2,3}: 1 + floor(10*0/3) = 1, 1 + floor(10/3) = 4, 1 + floor(20/3) = 7.
  const std::vector<double> three{1, 2, 3};
  CHECK(decile(three, 1) == 1);
  CHECK(decile(three, 2) == 4);
  CHECK(decile(three, 3) == 7);
  CHECK_FALSE(decile(std::vector<double>{}, 1));
}

}  // namespace gpress::analyse
