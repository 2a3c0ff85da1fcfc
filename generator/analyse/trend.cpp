#include "analyse/trend.hpp"

#include <cmath>
#include <functional>

#include <fmt/format.h>

namespace gpress::analyse {
namespace {

// Fingertips counts a slope of exactly 0 with the increasing ones.
bool rising(double slope) { return slope >= 0.0; }

// Unweighted least-squares slope of y on t = 1..k, leaving out point `skip`
// (none when skip >= k).
double plain_slope(std::span<const double> y, std::size_t skip) {
  double n = 0, st = 0, sy = 0, sty = 0, stt = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (i == skip) continue;
    const double t = static_cast<double>(i + 1);
    n += 1;
    st += t;
    sy += y[i];
    sty += t * y[i];
    stt += t * t;
  }
  return (n * sty - st * sy) / (n * stt - st * st);
}

// Weighted least-squares slope and its standard error, leaving out `skip`.
TrendTest weighted_slope(std::span<const double> y, std::span<const double> se, std::size_t skip) {
  double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;  // Σw, Σwyt, Σwt, Σwy, Σwt²
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (i == skip) continue;
    const double t = static_cast<double>(i + 1);
    const double w = 1.0 / (se[i] * se[i]);
    s1 += w;
    s2 += w * y[i] * t;
    s3 += w * t;
    s4 += w * y[i];
    s5 += w * t * t;
  }
  const double d = s1 * s5 - s3 * s3;
  const double slope = (s1 * s2 - s3 * s4) / d;
  const double slope_se = std::sqrt(s1 / d);
  return {slope * slope / (slope_se * slope_se), slope};
}

// Whether the slope keeps the sign of `slope` whichever single point is left
// out: Fingertips' guard against one outlying year making the trend.
bool robust(double slope, std::size_t k, const std::function<double(std::size_t)>& slope_without) {
  for (std::size_t skip = 0; skip < k; ++skip) {
    if (rising(slope_without(skip)) != rising(slope)) return false;
  }
  return true;
}

RecentTrend cannot(std::string reason) {
  RecentTrend t;
  t.reason = std::move(reason);
  return t;
}

}  // namespace

TrendTest proportion_trend_test(std::span<const double> r, std::span<const double> n) {
  double N = 0, R = 0, srt = 0, snt = 0, sntt = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double t = static_cast<double>(i + 1);
    N += n[i];
    R += r[i];
    srt += r[i] * t;
    snt += n[i] * t;
    sntt += n[i] * t * t;
  }
  const double spread = N * sntt - snt * snt;
  if (R <= 0.0 || R >= N || spread <= 0.0) return {};  // every point 0% or 100%: nothing to test
  const double diff = N * srt - R * snt;
  return {N * diff * diff / (R * (N - R) * spread), diff / spread};
}

TrendTest regression_trend_test(std::span<const double> values, std::span<const double> standard_errors) {
  return weighted_slope(values, standard_errors, values.size());
}

RecentTrend recent_trend(std::span<const TrendPoint> series, IntervalMethod method, Unit unit, Polarity polarity,
                         double z) {
  if (method == IntervalMethod::kNone) return cannot("no confidence intervals for this indicator");
  if (series.size() < kTrendPoints) return cannot(fmt::format("fewer than {} periods", kTrendPoints));
  const auto last = series.subspan(series.size() - kTrendPoints);
  for (std::size_t i = 0; i < last.size(); ++i) {
    if (!last[i].year) return cannot("monthly and quarterly figures are not tested");
    if (i > 0 && *last[i].year != *last[i - 1].year + 1)
      return cannot(fmt::format("the last {} periods are not consecutive years ({} follows {})", kTrendPoints,
                                last[i].period, last[i - 1].period));
  }

  std::vector<double> a, b;  // numerators and denominators, or values and standard errors
  for (const TrendPoint& p : last) {
    const auto ci = practice_interval(method, unit, p.numerator, p.denominator);
    if (!p.value || !std::isfinite(*p.value) || !ci) return cannot(fmt::format("no figures for {}", p.period));
    if (method == IntervalMethod::kWilson) {
      a.push_back(*p.numerator);
      b.push_back(*p.denominator);
    } else {
      const double se = (ci->upper - ci->lower) / (2.0 * kZ95);
      if (!(se > 0.0)) return cannot(fmt::format("no width to the interval for {}", p.period));
      a.push_back(*p.value);
      b.push_back(se);
    }
  }

  RecentTrend out;
  out.periods = fmt::format("{} to {}", last.front().period, last.back().period);
  bool keeps_sign = false;
  if (method == IntervalMethod::kWilson) {
    const TrendTest test = proportion_trend_test(a, b);
    out.chi_squared = test.chi_squared;
    out.slope = test.slope * unit_scale(unit);
    // Fingertips checks the sign on the log-odds of each year; a year at 0%
    // or 100% takes the usual half added to each count so it stays finite.
    std::vector<double> logit;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const double c = a[i] > 0.0 && a[i] < b[i] ? 0.0 : 0.5;
      logit.push_back(std::log((a[i] + c) / (b[i] - a[i] + c)));
    }
    keeps_sign = rising(plain_slope(logit, logit.size())) == rising(test.slope) &&
                 robust(test.slope, a.size(), [&](std::size_t skip) { return plain_slope(logit, skip); });
  } else {
    const TrendTest test = regression_trend_test(a, b);
    out.chi_squared = test.chi_squared;
    out.slope = test.slope;
    keeps_sign = robust(test.slope, a.size(), [&](std::size_t skip) { return weighted_slope(a, b, skip).slope; });
  }

  if (!(out.chi_squared > z * z) || !keeps_sign) {
    out.direction = TrendDirection::kNoSignificantChange;
    return out;
  }
  const bool up = out.slope > 0.0;
  out.direction = up ? TrendDirection::kIncreasing : TrendDirection::kDecreasing;
  if (polarity != Polarity::kNeither) out.better = up == (polarity == Polarity::kHigherIsBetter);
  return out;
}

std::string trend_text(const RecentTrend& trend) {
  switch (trend.direction) {
    case TrendDirection::kIncreasing:
    case TrendDirection::kDecreasing: {
      std::string s = trend.direction == TrendDirection::kIncreasing ? "Increasing" : "Decreasing";
      if (trend.better) s += *trend.better ? " and getting better" : " and getting worse";
      return s;
    }
    case TrendDirection::kNoSignificantChange: return "No significant change";
    case TrendDirection::kCannotBeCalculated: return "Cannot be calculated: " + trend.reason;
  }
  return "";
}

std::string_view trend_token(const RecentTrend& trend) {
  switch (trend.direction) {
    case TrendDirection::kIncreasing:
      return !trend.better ? "increasing" : *trend.better ? "increasing-better" : "increasing-worse";
    case TrendDirection::kDecreasing:
      return !trend.better ? "decreasing" : *trend.better ? "decreasing-better" : "decreasing-worse";
    case TrendDirection::kNoSignificantChange: return "no-change";
    case TrendDirection::kCannotBeCalculated: return "cannot-calculate";
  }
  return "cannot-calculate";
}

std::string_view trend_arrow(const RecentTrend& trend) {
  switch (trend.direction) {
    case TrendDirection::kIncreasing: return "\u2191";
    case TrendDirection::kDecreasing: return "\u2193";
    case TrendDirection::kNoSignificantChange: return "\u2192";
    case TrendDirection::kCannotBeCalculated: return "\u2013";
  }
  return "\u2013";
}

}  // namespace gpress::analyse
