#include "analyse/stats.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gpress::analyse {
namespace {

bool is_whole(double x) { return std::isfinite(x) && std::floor(x) == x; }

// P(X <= k) for X ~ Poisson(mu). Only called with k < 10, so the direct sum
// is exact to rounding and needs no special functions.
double poisson_cdf(int k, double mu) {
  double term = std::exp(-mu);
  double sum = term;
  for (int i = 1; i <= k; ++i) {
    term *= mu / i;
    sum += term;
  }
  return sum;
}

// The mu in [0, hi] at which poisson_cdf(k, mu) == target; the CDF falls as
// mu grows. A fixed number of halvings keeps the answer identical on every
// machine and run, and 200 of them reach the limit of double precision.
double solve_poisson_cdf(int k, double target, double hi) {
  double lo = 0.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = lo + (hi - lo) / 2.0;
    if (mid <= lo || mid >= hi) break;
    if (poisson_cdf(k, mid) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2.0;
}

}  // namespace

std::string_view percent_text(Confidence level) { return level == Confidence::k998 ? "99.8%" : "95%"; }

std::optional<Interval> wilson_interval(double numerator, double denominator, double z) {
  if (!std::isfinite(numerator) || !std::isfinite(denominator) || denominator <= 0.0 || numerator < 0.0 ||
      numerator > denominator) {
    return std::nullopt;
  }
  const double n = denominator;
  const double p = numerator / n;
  const double z2 = z * z;
  const double scale = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / scale;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / scale;
  Interval ci{centre - half, centre + half};
  // At the ends the two terms cancel exactly in real arithmetic but not in
  // floating point; pin them so 0/n never shows a negative lower bound.
  if (numerator == 0.0) ci.lower = 0.0;
  if (numerator == denominator) ci.upper = 1.0;
  ci.lower = std::clamp(ci.lower, 0.0, 1.0);
  ci.upper = std::clamp(ci.upper, 0.0, 1.0);
  return ci;
}

std::optional<Interval> byar_interval(double count, double z) {
  if (!std::isfinite(count) || count < 0.0) return std::nullopt;
  Interval ci;
  if (count > 0.0) {
    const double a = 1.0 - 1.0 / (9.0 * count) - z / (3.0 * std::sqrt(count));
    ci.lower = std::max(0.0, count * a * a * a);
  }
  const double o1 = count + 1.0;
  const double b = 1.0 - 1.0 / (9.0 * o1) + z / (3.0 * std::sqrt(o1));
  ci.upper = o1 * b * b * b;
  return ci;
}

std::optional<Interval> poisson_interval(double count, double z) {
  if (!is_whole(count) || count < 0.0) return std::nullopt;
  if (count >= 10.0) return byar_interval(count, z);
  const int k = static_cast<int>(count);
  const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));  // alpha / 2
  // Far above any upper limit for k < 10 at any sensible confidence level.
  const double hi = 100.0;
  Interval ci;
  // Lower: the mean at which seeing k or more events has probability alpha/2.
  if (k > 0) ci.lower = solve_poisson_cdf(k - 1, 1.0 - tail, hi);
  // Upper: the mean at which seeing k or fewer events has probability alpha/2.
  ci.upper = k == 0 ? -std::log(tail) : solve_poisson_cdf(k, tail, hi);
  return ci;
}

std::optional<double> percentile_inc(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  p = std::clamp(p, 0.0, 1.0);
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  const double frac = h - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

std::optional<Quartiles> quartiles_of_sorted(std::span<const double> sorted) {
  if (sorted.empty()) return std::nullopt;
  return Quartiles{sorted.front(), *percentile_inc(sorted, 0.25), *percentile_inc(sorted, 0.5),
                   *percentile_inc(sorted, 0.75), sorted.back()};
}

namespace {
std::vector<double> present_sorted(std::span<const std::optional<double>> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (const auto& v : values) {
    if (v && !std::isnan(*v)) out.push_back(*v);
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

std::optional<Quartiles> quartiles(std::span<const std::optional<double>> values) {
  const std::vector<double> sorted = present_sorted(values);
  return quartiles_of_sorted(sorted);
}

std::optional<double> median(std::span<const std::optional<double>> values) {
  const std::vector<double> sorted = present_sorted(values);
  return percentile_inc(sorted, 0.5);
}

std::optional<int> decile(std::span<const double> sorted, double value) {
  if (sorted.empty() || std::isnan(value)) return std::nullopt;
  const auto below = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
  // Integer arithmetic: 10 * below / n exactly, with no rounding at the edges.
  const std::size_t d = 1 + (10 * below) / sorted.size();
  return static_cast<int>(std::min<std::size_t>(d, 10));
}

}  // namespace gpress::analyse
