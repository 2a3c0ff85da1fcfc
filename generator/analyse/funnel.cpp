#include "analyse/funnel.hpp"

#include <algorithm>
#include <cmath>

namespace gpress::analyse {
namespace {

// qnorm(0.975) and qnorm(0.999), to the precision Fingertips uses.
constexpr double kZ95 = 1.959963985;
constexpr double kZ998 = 3.090232306;

double z_of(FunnelLevel level) { return level == FunnelLevel::k95 ? kZ95 : kZ998; }

// Byar's bounds as functions of a continuous count (stats.hpp's
// byar_interval, without its guard against counts below 1, which the solver
// below never needs).
double byar_lower(double o, double z) {
  if (o <= 0) return 0;
  const double a = 1.0 - 1.0 / (9.0 * o) - z / (3.0 * std::sqrt(o));
  return a <= 0 ? 0 : o * a * a * a;
}
double byar_upper(double o, double z) {
  const double o1 = o + 1.0;
  const double b = 1.0 - 1.0 / (9.0 * o1) + z / (3.0 * std::sqrt(o1));
  return o1 * b * b * b;
}

// The x in lo..hi at which the increasing function f reaches target, by
// bisection to the last bit a double can tell apart.
template <typename F>
double solve_increasing(F f, double target, double lo, double hi) {
  for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, hi); ++i) {
    const double mid = 0.5 * (lo + hi);
    (f(mid) < target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

bool usable(const Observation& o) {
  return o.value && std::isfinite(*o.value) && o.numerator && std::isfinite(*o.numerator) && o.denominator &&
         std::isfinite(*o.denominator) && *o.denominator > 0 && *o.numerator >= 0;
}

}  // namespace

std::optional<Interval> proportion_funnel_limits(double average, double denominator, FunnelLevel level) {
  if (!(denominator > 0) || !std::isfinite(denominator) || !(average >= 0 && average <= 1)) return std::nullopt;
  // PHEindicatormethods' sigma_adjustment: the roots of the quadratic that
  // puts the Wilson bound of a proportion p at n on the average.
  const double z2 = z_of(level) * z_of(level), n = denominator, a = average;
  const double first = a * (n / z2 + 1);
  const double disc =
      std::pow(-8 * a * (n / z2 + 1), 2) - 64 * (1 / z2 + 1 / n) * a * (n * (a * (n / z2 + 2) - 1) + z2 * (a - 1));
  const double adj = std::sqrt(std::max(0.0, disc));
  const double last = 1 / z2 + 1 / n;
  const double lower = (first - adj / 8) / last / n, upper = (first + adj / 8) / last / n;
  return Interval{std::clamp(lower, 0.0, 1.0), std::clamp(upper, 0.0, 1.0)};
}

std::optional<Interval> rate_funnel_limits(double average, double denominator, FunnelLevel level) {
  if (!(denominator > 0) || !std::isfinite(denominator) || !(average >= 0) || !std::isfinite(average))
    return std::nullopt;
  const double z = z_of(level), expected = average * denominator;
  // Upper: the count whose Byar lower bound is the expected count. Byar's
  // lower bound is below the count, so the root lies above `expected`.
  double hi = expected + 1;
  while (byar_lower(hi, z) < expected) hi = expected + 2 * (hi - expected);
  const double upper = solve_increasing([z](double o) { return byar_lower(o, z); }, expected, expected, hi);
  // Lower: the count whose Byar upper bound is the expected count; none
  // (0) when even no events at all is within the limits.
  const double lower = byar_upper(0, z) >= expected
                           ? 0.0
                           : solve_increasing([z](double o) { return byar_upper(o, z); }, expected, 0, expected);
  return Interval{lower / denominator, upper / denominator};
}

std::string_view to_string(FunnelBand band) {
  switch (band) {
    case FunnelBand::kBelow998: return "below-99.8";
    case FunnelBand::kBelow95: return "below-95";
    case FunnelBand::kWithin95: return "within-95";
    case FunnelBand::kAbove95: return "above-95";
    case FunnelBand::kAbove998: return "above-99.8";
  }
  return "within-95";
}

std::optional<FunnelStep> Funnel::at(double denominator) const {
  const double average = baseline / scale;
  auto limits = [&](FunnelLevel level) {
    return method == IntervalMethod::kWilson ? proportion_funnel_limits(average, denominator, level)
                                             : rate_funnel_limits(average, denominator, level);
  };
  const auto l95 = limits(FunnelLevel::k95), l998 = limits(FunnelLevel::k998);
  if (!l95 || !l998) return std::nullopt;
  return FunnelStep{denominator, {l95->lower * scale, l95->upper * scale}, {l998->lower * scale, l998->upper * scale}};
}

std::optional<FunnelBand> Funnel::band(double value, double denominator) const {
  const auto step = at(denominator);
  if (!step || !std::isfinite(value)) return std::nullopt;
  if (value > step->limits998.upper) return FunnelBand::kAbove998;
  if (value > step->limits95.upper) return FunnelBand::kAbove95;
  if (value < step->limits998.lower) return FunnelBand::kBelow998;
  if (value < step->limits95.lower) return FunnelBand::kBelow95;
  return FunnelBand::kWithin95;
}

std::optional<Funnel> make_funnel(IntervalMethod method, Unit unit, std::span<const Observation> observations,
                                  std::optional<double> baseline) {
  if (method == IntervalMethod::kNone || !baseline || !std::isfinite(*baseline) || *baseline < 0) return std::nullopt;
  Funnel f;
  f.method = method;
  f.scale = unit_scale(unit);
  f.baseline = *baseline;
  if (method == IntervalMethod::kWilson && f.baseline / f.scale > 1) return std::nullopt;
  for (const Observation& o : observations)
    if (usable(o)) f.points.push_back({*o.denominator, *o.value});
  if (f.points.empty()) return std::nullopt;
  std::sort(f.points.begin(), f.points.end(), [](const FunnelPoint& a, const FunnelPoint& b) {
    return a.denominator != b.denominator ? a.denominator < b.denominator : a.value < b.value;
  });

  const double lo = std::max(1.0, f.points.front().denominator), hi = std::max(lo, f.points.back().denominator);
  constexpr int kSteps = 100;
  f.steps.reserve(kSteps);
  for (int i = 0; i < kSteps; ++i) {
    const double d = i == kSteps - 1 ? hi : lo * std::pow(hi / lo, static_cast<double>(i) / (kSteps - 1));
    if (const auto step = f.at(d)) f.steps.push_back(*step);
  }
  for (const FunnelPoint& p : f.points) {
    const auto b = f.band(p.value, p.denominator);
    if (b == FunnelBand::kAbove998) ++f.above998;
    if (b == FunnelBand::kBelow998) ++f.below998;
  }
  return f;
}

}  // namespace gpress::analyse
