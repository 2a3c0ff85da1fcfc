// Confidence intervals and order statistics for indicator values.
//
// The methods are the ones OHID's Fingertips publishes its indicators with
// (PHE "Technical Guide: Confidence intervals"; the PHEindicatormethods R
// package), so a practice's interval in a gpress data pack matches the one an
// analyst would get from Fingertips for the same numerator and denominator:
//
//   proportion           Wilson score interval          wilson_interval
//   count of events      Byar's approximation           byar_interval
//   rate from a count    exact Poisson below 10 events,  poisson_interval
//                        Byar's from 10 up
//   spread of practices  Excel QUARTILE.INC             quartiles
//   practice's position  decile 1 (lowest) to 10        decile
//
// Everything here is a pure function of its arguments (no I/O, no state), in
// namespace gpress::analyse.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "model/confidence.hpp"

namespace gpress::analyse {

/// The two-sided 95% normal quantile, to the precision Fingertips uses.
inline constexpr double kZ95 = 1.959963985;
/// The two-sided 99.8% normal quantile: Fingertips' second level, whose
/// square (9.549535706) is also the critical value of its trend test.
inline constexpr double kZ998 = 3.090232306;

/// Fingertips' two levels (model/confidence.hpp).
using gpress::Confidence;
/// "95%" or "99.8%".
std::string_view percent_text(Confidence level);

/// A confidence interval, lower <= upper, in the units of whatever produced it.
struct Interval {
  double lower = 0.0;
  double upper = 0.0;
  friend bool operator==(const Interval&, const Interval&) = default;
};

/// Wilson score interval for the proportion numerator/denominator, returned as
/// proportions (0..1, not percent).
///
/// No interval (nullopt) when denominator <= 0, numerator < 0,
/// numerator > denominator, or either is not finite. At numerator 0 the lower
/// bound is exactly 0 and at numerator == denominator the upper bound is
/// exactly 1, so rounding never shows "0.0%" as "-0.0%" or 100% as "100.0%+".
/// The numerator need not be whole; whether it should be is the caller's rule.
std::optional<Interval> wilson_interval(double numerator, double denominator, double z = kZ95);

/// Byar's approximation to the Poisson interval for an observed count of
/// events, returned as counts (divide by the denominator and multiply by the
/// unit for a rate). Fingertips' "Byar's method":
///   lower = O (1 - 1/(9O) - z/(3 sqrt O))^3
///   upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3
/// The lower formula divides by zero at O = 0, where the lower bound is 0.
/// No interval when count < 0 or not finite.
std::optional<Interval> byar_interval(double count, double z = kZ95);

/// The Poisson interval Fingertips uses for rates (PHEindicatormethods'
/// phe_rate): exact (the chi-squared form, solved here by bisection on the
/// Poisson distribution) when the count is below 10, where Byar's
/// approximation drifts, and byar_interval from 10 up. count must be a whole
/// number >= 0; otherwise no interval.
std::optional<Interval> poisson_interval(double count, double z = kZ95);

/// The five-number summary of a set of practice values.
struct Quartiles {
  double min = 0.0;
  double q1 = 0.0;
  double median = 0.0;
  double q3 = 0.0;
  double max = 0.0;
  friend bool operator==(const Quartiles&, const Quartiles&) = default;
};

/// Excel's PERCENTILE.INC on values already sorted ascending: position
/// h = (n - 1) p, then linear interpolation between the order statistics
/// either side of h. p is clamped to 0..1. No value when sorted is empty.
std::optional<double> percentile_inc(std::span<const double> sorted, double p);

/// Excel's QUARTILE.INC for quartiles 0..4 of values already sorted ascending
/// (min, Q1, median, Q3, max). For n = 1 all five are the single value.
/// No value when sorted is empty.
std::optional<Quartiles> quartiles_of_sorted(std::span<const double> sorted);

/// As quartiles_of_sorted, for unsorted values with gaps: nullopt and NaN
/// entries (unpublished values) are left out, never counted as zero.
std::optional<Quartiles> quartiles(std::span<const std::optional<double>> values);

/// Median (QUARTILE.INC quartile 2) of values with gaps, gaps left out.
std::optional<double> median(std::span<const std::optional<double>> values);

/// The decile of value within a distribution already sorted ascending:
///   decile = 1 + floor(10 * below / n), clamped to 1..10,
/// where below is the number of values strictly less than value and n the
/// number of values. Decile 1 holds the lowest values whatever the
/// indicator's polarity. Tied values share the decile of the lowest of them,
/// so the result does not depend on the order of the input. With n = 1 the
/// only practice is in decile 1. No decile when sorted is empty or value is
/// NaN.
std::optional<int> decile(std::span<const double> sorted, double value);

}  // namespace gpress::analyse
