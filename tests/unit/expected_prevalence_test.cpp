// Expected prevalence against hand-worked cases: an exact plane, and a noisy
// set worked independently (the same formulas in a short Python script).
#include "analyse/expected_prevalence.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace gpress::analyse {

TEST_CASE("expected prevalence: a register that lies on a plane is fitted exactly") {
  // prevalence = 0.01 + 0.1 × age share + 0.001 × IMD score, lists of 1,000.
  const std::vector<RegisterObservation> obs = {
      {40, 1000, 0.2, 10}, {60, 1000, 0.3, 20}, {60, 1000, 0.4, 10}, {60, 1000, 0.2, 30}, {100, 1000, 0.5, 40}};
  const auto m = fit_prevalence_model(obs);
  REQUIRE(m);
  CHECK(m->intercept == doctest::Approx(0.01));
  CHECK(m->age == doctest::Approx(0.1));
  CHECK(m->deprivation == doctest::Approx(0.001));
  CHECK(m->r_squared == doctest::Approx(1.0));
  CHECK(m->practices == 5);
  CHECK(m->between_variance == doctest::Approx(0.0));  // every z-score is 0

  // A practice of 10,000 like the second: expected 6%, range ±1.96 √(0.06 × 0.94 / 10,000).
  const auto e = expected_prevalence(*m, {500, 10000, 0.3, 20});
  REQUIRE(e);
  CHECK(e->expected == doctest::Approx(0.06));
  CHECK(e->recorded == doctest::Approx(0.05));
  CHECK(e->range.lower == doctest::Approx(0.06 - 1.959963985 * std::sqrt(0.06 * 0.94 / 10000)));
  CHECK(e->against == AgainstExpected::kBelow);
  CHECK(e->gap == doctest::Approx(100));  // 600 expected, 500 on the register
  CHECK(expected_prevalence(*m, {590, 10000, 0.3, 20})->against == AgainstExpected::kSimilar);
  CHECK(expected_prevalence(*m, {700, 10000, 0.3, 20})->against == AgainstExpected::kAbove);
  CHECK_FALSE(expected_prevalence(*m, {5, 0, 0.3, 20}));
}

TEST_CASE("expected prevalence: weighted fit, R² and Spiegelhalter's τ² on a noisy register") {
  const std::vector<RegisterObservation> obs = {{30, 1000, 0.2, 10},  {70, 1000, 0.3, 20},  {50, 1000, 0.4, 10},
                                                {65, 1000, 0.2, 30},  {110, 1000, 0.5, 40}, {45, 2000, 0.25, 15},
                                                {90, 1500, 0.35, 25}, {5, 0, 0.3, 20} /* no list: left out */};
  const auto m = fit_prevalence_model(obs);
  REQUIRE(m);
  CHECK(m->practices == 7);
  CHECK(m->intercept == doctest::Approx(-0.018731012658227967));
  CHECK(m->age == doctest::Approx(0.11047468354430422));
  CHECK(m->deprivation == doctest::Approx(0.0018547468354430372));
  CHECK(m->r_squared == doctest::Approx(0.8464747100576475));
  CHECK(m->between_variance == doctest::Approx(4.740442758380452e-05));
  const auto e = expected_prevalence(*m, {200, 5000, 0.3, 20});
  REQUIRE(e);
  CHECK(e->expected == doctest::Approx(0.05150632911392404));
  CHECK(e->range.lower == doctest::Approx(0.0366862129762733));
  CHECK(e->range.upper == doctest::Approx(0.06632644525157477));
  CHECK(e->gap == doctest::Approx(57.531645569620196));
  CHECK(e->against == AgainstExpected::kSimilar);  // 4.0% is inside 3.7% to 6.6%
}

TEST_CASE("expected prevalence: no model from too few practices or covariates that do not vary") {
  CHECK_FALSE(
      fit_prevalence_model(std::vector<RegisterObservation>{{1, 10, 0.2, 5}, {2, 10, 0.3, 6}, {3, 10, 0.4, 7}}));
  CHECK_FALSE(fit_prevalence_model(
      std::vector<RegisterObservation>{{1, 10, 0.2, 5}, {2, 10, 0.2, 5}, {3, 10, 0.2, 5}, {4, 10, 0.2, 5}}));
}

}  // namespace gpress::analyse
