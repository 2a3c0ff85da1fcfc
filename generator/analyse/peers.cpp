#include "analyse/peers.hpp"

#include <algorithm>
#include <cmath>

namespace gpress::analyse {
namespace {

std::optional<std::array<double, kPeerMeasureCount>> measures_of(const PeerMeasures& m) {
  if (!m.list_size || !m.deprivation || !m.age_share) return std::nullopt;
  const std::array<double, kPeerMeasureCount> x = {*m.list_size, *m.deprivation, *m.age_share};
  for (double v : x)
    if (!std::isfinite(v)) return std::nullopt;
  return x;
}

}  // namespace

PeerSpace::PeerSpace(std::span<const PeerMeasures> practices) : practices_(practices.begin(), practices.end()) {
  for (std::size_t i = 0; i < practices_.size(); ++i)
    if (practices_[i].candidate && measures_of(practices_[i])) pool_.push_back(i);
  if (pool_.empty()) return;
  const double n = static_cast<double>(pool_.size());
  for (std::size_t i : pool_) {
    const auto x = *measures_of(practices_[i]);
    for (std::size_t m = 0; m < kPeerMeasureCount; ++m) mean_[m] += x[m];
  }
  for (double& v : mean_) v /= n;
  for (std::size_t i : pool_) {
    const auto x = *measures_of(practices_[i]);
    for (std::size_t m = 0; m < kPeerMeasureCount; ++m) sd_[m] += (x[m] - mean_[m]) * (x[m] - mean_[m]);
  }
  for (double& v : sd_) v = std::sqrt(v / n);
  pool_z_.reserve(pool_.size() * kPeerMeasureCount);
  for (std::size_t i : pool_) {
    const auto z = *z_of(i);
    pool_z_.insert(pool_z_.end(), z.begin(), z.end());
  }
}

std::optional<std::array<double, kPeerMeasureCount>> PeerSpace::z_of(std::size_t practice) const {
  const auto x = measures_of(practices_.at(practice));
  if (!x) return std::nullopt;
  std::array<double, kPeerMeasureCount> z{};
  // A measure every candidate shares tells no practice apart: it adds nothing.
  for (std::size_t m = 0; m < kPeerMeasureCount; ++m) z[m] = sd_[m] > 0.0 ? ((*x)[m] - mean_[m]) / sd_[m] : 0.0;
  return z;
}

std::vector<Peer> PeerSpace::nearest(std::size_t practice, std::size_t count) const {
  const auto z = z_of(practice);
  if (!z || count == 0) return {};
  std::vector<Peer> all;
  all.reserve(pool_.size());
  for (std::size_t k = 0; k < pool_.size(); ++k) {
    if (pool_[k] == practice) continue;
    double sum = 0.0;
    for (std::size_t m = 0; m < kPeerMeasureCount; ++m) {
      const double d = pool_z_[k * kPeerMeasureCount + m] - (*z)[m];
      sum += d * d;
    }
    all.push_back({pool_[k], sum});  // squared until the end: same order, no square roots
  }
  const auto before = [](const Peer& a, const Peer& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.practice < b.practice;
  };
  const std::size_t keep = std::min(count, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), before);
  all.resize(keep);
  for (Peer& p : all) p.distance = std::sqrt(p.distance);
  return all;
}

std::vector<std::optional<int>> deprivation_deciles(std::span<const std::optional<double>> scores) {
  std::vector<double> sorted;
  for (const auto& s : scores)
    if (s && std::isfinite(*s)) sorted.push_back(*s);
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::optional<int>> out(scores.size());
  if (sorted.empty()) return out;
  const auto n = static_cast<double>(sorted.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!scores[i] || !std::isfinite(*scores[i])) continue;
    const auto more_deprived =
        static_cast<double>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), *scores[i]));
    out[i] = std::min(10, 1 + static_cast<int>(std::floor(10.0 * more_deprived / n)));
  }
  return out;
}

std::array<Comparator, 10> decile_comparators(std::span<const Observation> observations,
                                              std::span<const std::optional<int>> decile_of, Unit unit,
                                              ComparatorMethod method) {
  std::array<std::vector<Observation>, 10> groups;
  for (const Observation& o : observations)
    if (o.practice < decile_of.size() && decile_of[o.practice]) groups[*decile_of[o.practice] - 1].push_back(o);
  std::array<Comparator, 10> out;
  for (std::size_t d = 0; d < groups.size(); ++d) out[d] = comparator_value(groups[d], unit, method);
  return out;
}

}  // namespace gpress::analyse
