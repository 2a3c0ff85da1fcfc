// Funnel plot control limits: how far from England's value a practice of a
// given size can be by chance alone.
//
// A funnel plot draws every practice by its denominator (x) and value (y),
// with England's value as a line and control limits either side that narrow
// as the denominator grows. The limits are the ones OHID's Fingertips draws
// (PHE "Technical Guide: Funnel plots"; PHEindicatormethods'
// calculate_funnel_limits), inverted from the interval each practice is
// compared with, so a practice is outside the 95% limits exactly when its own
// 95% interval excludes England's value:
//
//   proportion (wilson)  the values whose Wilson score interval at this
//                        denominator just touches England's proportion
//                        (PHEindicatormethods' sigma_adjustment, closed form)
//   rate (byar)          the counts whose Byar interval just touches the
//                        count England's rate expects at this denominator
//                        (solved by bisection), over the denominator
//
// Worked out once per indicator and period for every practice in the data
// (make_funnel), never per practice. Pure functions: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analyse/comparators.hpp"

namespace gpress::analyse {

/// The two confidence levels Fingertips draws funnel limits at.
enum class FunnelLevel {
  k95,   ///< 95%: z = 1.959963985 (qnorm(0.975))
  k998,  ///< 99.8%: z = 3.090232306 (qnorm(0.999))
};

/// Control limits as proportions (0..1) for a Wilson (proportion) indicator
/// whose average is `average` (0..1), at `denominator` people; clamped to
/// 0..1 as Fingertips clamps them. nullopt when denominator <= 0 or average
/// is outside 0..1.
std::optional<Interval> proportion_funnel_limits(double average, double denominator, FunnelLevel level);

/// Control limits as rates per unit of denominator (events / denominator)
/// for a Byar (rate) indicator whose average rate is `average` events per
/// unit, at `denominator`: the observed counts O whose Byar interval has
/// England's expected count E = average x denominator as its bound
/// (upper limit: Byar lower bound of O = E; lower limit: Byar upper bound of
/// O = E, or 0 when even 0 events is within), over the denominator. nullopt
/// when denominator <= 0 or average < 0.
std::optional<Interval> rate_funnel_limits(double average, double denominator, FunnelLevel level);

/// Where a value lies among the limits at its denominator.
enum class FunnelBand { kBelow998, kBelow95, kWithin95, kAbove95, kAbove998 };

/// "below-99.8", "below-95", "within-95", "above-95", "above-99.8": tokens for
/// CSS classes.
std::string_view to_string(FunnelBand band);

/// One practice on the plot, in the indicator's unit.
struct FunnelPoint {
  double denominator = 0;
  double value = 0;
};

/// The limits at one denominator, in the indicator's unit.
struct FunnelStep {
  double denominator = 0;
  Interval limits95, limits998;
};

/// One indicator and period: England's value, the limits at denominators
/// from the smallest practice's to the largest's, and every practice.
struct Funnel {
  IntervalMethod method = IntervalMethod::kWilson;
  double scale = 100;   ///< unit_scale of the indicator
  double baseline = 0;  ///< England's value in the unit
  /// 100 denominators spaced evenly on a log scale from the smallest
  /// practice's to the largest's (as PHEindicatormethods spaces them), so
  /// the curve is smooth where it bends.
  std::vector<FunnelStep> steps;
  std::vector<FunnelPoint> points;  ///< every practice with counts, by denominator
  /// Practices above the 99.8% upper limit and below the 99.8% lower limit.
  std::size_t above998 = 0, below998 = 0;

  /// The limits at any denominator (worked out exactly, not interpolated).
  std::optional<FunnelStep> at(double denominator) const;
  /// The band of value at denominator; nullopt when there are no limits.
  std::optional<FunnelBand> band(double value, double denominator) const;
};

/// The funnel of one indicator and period from every practice's figures,
/// around `baseline` (England's pooled value, in the unit). nullopt when the
/// method has no funnel (kNone), there is no baseline, or no practice has a
/// value with a numerator and a positive denominator.
std::optional<Funnel> make_funnel(IntervalMethod method, Unit unit, std::span<const Observation> observations,
                                  std::optional<double> baseline);

}  // namespace gpress::analyse
