#include "analyse/expected_prevalence.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gpress::analyse {
namespace {

bool usable(const RegisterObservation& o) {
  return std::isfinite(o.on_register) && std::isfinite(o.list) && std::isfinite(o.age_share) &&
         std::isfinite(o.deprivation) && o.list > 0.0 && o.on_register >= 0.0 && o.on_register <= o.list;
}

double linear(const PrevalenceModel& m, double age_share, double deprivation) {
  return m.intercept + m.age * age_share + m.deprivation * deprivation;
}

// Solves the 3×3 system a x = b by Gaussian elimination with partial
// pivoting; nullopt when it is singular (to the scale of its entries).
std::optional<std::array<double, 3>> solve3(std::array<std::array<double, 4>, 3> m) {
  double scale = 0.0;
  for (const auto& row : m)
    for (std::size_t j = 0; j < 3; ++j) scale = std::max(scale, std::abs(row[j]));
  for (std::size_t c = 0; c < 3; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < 3; ++r)
      if (std::abs(m[r][c]) > std::abs(m[pivot][c])) pivot = r;
    if (!(std::abs(m[pivot][c]) > scale * 1e-12)) return std::nullopt;
    std::swap(m[c], m[pivot]);
    for (std::size_t r = 0; r < 3; ++r) {
      if (r == c) continue;
      const double f = m[r][c] / m[c][c];
      for (std::size_t j = c; j < 4; ++j) m[r][j] -= f * m[c][j];
    }
  }
  return std::array<double, 3>{m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
}

// Spiegelhalter's τ² from the winsorised z-scores of the practices.
double between_variance(const PrevalenceModel& model, std::span<const RegisterObservation> observations) {
  std::vector<double> z, w;
  for (const RegisterObservation& o : observations) {
    if (!usable(o)) continue;
    const double e = model.predict(o.age_share, o.deprivation);
    if (!(e > 0.0 && e < 1.0)) continue;  // no binomial spread at 0 or 1
    const double s2 = e * (1.0 - e) / o.list;
    z.push_back((o.on_register / o.list - e) / std::sqrt(s2));
    w.push_back(1.0 / s2);
  }
  if (z.size() < 2) return 0.0;
  std::vector<double> sorted = z;
  std::sort(sorted.begin(), sorted.end());
  const double lo = *percentile_inc(sorted, 0.1), hi = *percentile_inc(sorted, 0.9);
  double phi = 0.0, sw = 0.0, sw2 = 0.0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double zw = std::clamp(z[i], lo, hi);
    phi += zw * zw;
    sw += w[i];
    sw2 += w[i] * w[i];
  }
  const double n = static_cast<double>(z.size());
  phi /= n;
  const double denominator = sw - sw2 / sw;
  if (!(denominator > 0.0)) return 0.0;
  return std::max(0.0, (n * phi - (n - 1.0)) / denominator);
}

}  // namespace

double PrevalenceModel::predict(double age_share, double deprivation_score) const {
  return std::clamp(linear(*this, age_share, deprivation_score), 0.0, 1.0);
}

std::optional<PrevalenceModel> fit_prevalence_model(std::span<const RegisterObservation> observations) {
  std::array<std::array<double, 4>, 3> normal{};  // [X'WX | X'Wy]
  double sum_w = 0.0, sum_wy = 0.0;
  std::size_t n = 0;
  for (const RegisterObservation& o : observations) {
    if (!usable(o)) continue;
    const std::array<double, 3> x = {1.0, o.age_share, o.deprivation};
    const double y = o.on_register / o.list, w = o.list;
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t j = 0; j < 3; ++j) normal[i][j] += w * x[i] * x[j];
      normal[i][3] += w * x[i] * y;
    }
    sum_w += w;
    sum_wy += w * y;
    ++n;
  }
  if (n < 4) return std::nullopt;
  const auto beta = solve3(normal);
  if (!beta) return std::nullopt;
  PrevalenceModel m;
  m.intercept = (*beta)[0];
  m.age = (*beta)[1];
  m.deprivation = (*beta)[2];
  m.practices = n;
  const double mean = sum_wy / sum_w;
  double sse = 0.0, sst = 0.0;
  for (const RegisterObservation& o : observations) {
    if (!usable(o)) continue;
    const double y = o.on_register / o.list;
    sse += o.list * (y - linear(m, o.age_share, o.deprivation)) * (y - linear(m, o.age_share, o.deprivation));
    sst += o.list * (y - mean) * (y - mean);
  }
  m.r_squared = sst > 0.0 ? 1.0 - sse / sst : 0.0;
  m.between_variance = between_variance(m, observations);
  return m;
}

std::optional<ExpectedPrevalence> expected_prevalence(const PrevalenceModel& model, const RegisterObservation& practice,
                                                      double z) {
  if (!usable(practice)) return std::nullopt;
  ExpectedPrevalence out;
  out.recorded = practice.on_register / practice.list;
  out.expected = model.predict(practice.age_share, practice.deprivation);
  const double half = z * std::sqrt(out.expected * (1.0 - out.expected) / practice.list + model.between_variance);
  out.range = {std::max(0.0, out.expected - half), std::min(1.0, out.expected + half)};
  out.against = out.recorded < out.expected - half   ? AgainstExpected::kBelow
                : out.recorded > out.expected + half ? AgainstExpected::kAbove
                                                     : AgainstExpected::kSimilar;
  out.gap = out.expected * practice.list - practice.on_register;
  return out;
}

}  // namespace gpress::analyse
