// The recent trend of one practice's indicator, by OHID's Fingertips method
// (Fingertips "Trend markers" technical guidance; docs/trend.md works an
// example through):
//
//   the last five periods ──► proportion (Wilson): chi-squared test for
//                               trend on the numerators and denominators
//                               (Cochran-Armitage, as R's prop.trend.test)
//                         ──► rate (Byar): weighted regression of the value
//                               on time, weights 1 / SE², SE from the 95%
//                               interval's width / (2 × 1.96)
//                         ──► chi-squared above the 99.8% critical value and
//                             the slope's sign the same with any one point
//                             left out ──► increasing / decreasing, getting
//                             better / worse by polarity
//
// As Fingertips, the test needs five yearly periods in a row (monthly and
// quarterly figures are not tested) and an interval for each; otherwise the
// trend "cannot be calculated" and says why. Pure functions, no I/O, in
// namespace gpress::analyse like comparators.hpp, whose enums it uses.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyse/comparators.hpp"

namespace gpress::analyse {

/// How many of the latest periods the recent trend is worked out from.
inline constexpr std::size_t kTrendPoints = 5;

/// One period of a practice's series, oldest first.
struct TrendPoint {
  std::string period;       ///< "2021-22": named in reasons
  std::optional<int> year;  ///< the calendar year a yearly period starts in; nullopt for months and quarters
  std::optional<double> value, numerator, denominator;
};

enum class TrendDirection { kIncreasing, kDecreasing, kNoSignificantChange, kCannotBeCalculated };

/// A practice's recent trend for one indicator.
struct RecentTrend {
  TrendDirection direction = TrendDirection::kCannotBeCalculated;
  /// Getting better (true) or worse (false) for a significant trend of an
  /// indicator with a polarity; nullopt otherwise.
  std::optional<bool> better;
  /// Why it cannot be calculated ("fewer than 5 periods"); empty otherwise.
  std::string reason;
  /// The test statistic (chi-squared, 1 degree of freedom) and the slope in
  /// the indicator's unit per year; 0 when it cannot be calculated.
  double chi_squared = 0.0;
  double slope = 0.0;
  /// The periods it was worked out from ("2018-19 to 2022-23"); empty when
  /// it cannot be calculated.
  std::string periods;

  bool getting_worse() const { return better.has_value() && !*better; }
};

/// The chi-squared test for trend in proportions (Cochran-Armitage) on
/// numerators r and denominators n at times t = 1..k:
///   chi² = N (N Σ r t − R Σ n t)² / (R (N − R) (N Σ n t² − (Σ n t)²))
/// with N = Σ n and R = Σ r; slope = (N Σ r t − R Σ n t) / (N Σ n t² − (Σ n t)²),
/// a proportion per period. Both 0 when every point is 0% or every one 100%.
/// Requires equal sizes >= 2 and n > 0.
struct TrendTest {
  double chi_squared = 0.0;
  double slope = 0.0;
};
TrendTest proportion_trend_test(std::span<const double> numerators, std::span<const double> denominators);

/// Weighted least-squares regression of values on t = 1..k with weights
/// 1 / se²: slope = (Σw Σwyt − Σwt Σwy) / (Σw Σwt² − (Σwt)²), its standard
/// error sqrt(Σw / (Σw Σwt² − (Σwt)²)), chi² = (slope / SE)². Requires
/// equal sizes >= 2 and se > 0.
TrendTest regression_trend_test(std::span<const double> values, std::span<const double> standard_errors);

/// The recent trend of a series (every period of the indicator the pack
/// shows, oldest first) by the indicator's interval method: Wilson by the
/// proportion test, Byar by the regression, none cannot be calculated.
/// Significant when chi² exceeds z² (z = kZ998 by default) and the slope
/// keeps its sign whichever single point is left out (Fingertips' check
/// that one outlying year does not make the trend).
RecentTrend recent_trend(std::span<const TrendPoint> series, IntervalMethod method, Unit unit, Polarity polarity,
                         double z = kZ998);

/// "Increasing and getting worse", "Decreasing", "No significant change",
/// "Cannot be calculated: fewer than 5 periods".
std::string trend_text(const RecentTrend& trend);
/// For CSS classes and files: "increasing-worse", "decreasing-better",
/// "increasing", "decreasing", "no-change", "cannot-calculate".
std::string_view trend_token(const RecentTrend& trend);
/// A one-character marker for the trend (↑ ↓ → or –); trend_text says it in words.
std::string_view trend_arrow(const RecentTrend& trend);

}  // namespace gpress::analyse
