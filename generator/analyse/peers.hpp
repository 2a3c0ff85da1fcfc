// Practices like yours: the nearest practices in England on list size,
// deprivation and age profile, and each practice's England deprivation
// decile (docs/comparators.md, "Practices like yours").
//
//   measures of every practice ──► PeerSpace (once per run)
//                                    pool: candidates with all three measures,
//                                    z-scores over the pool
//                              ──► nearest(practice, n) (per practice, O(pool))
//
// Distance is the Euclidean distance between z-scores (standardised
// Euclidean distance):
//   d(a, b) = sqrt(sum over measures m of ((x_am - x_bm) / sd_m)^2),
// with sd_m the population standard deviation of measure m over the pool.
// Ties are broken by practice index, which is ODS code order when the caller
// passes practices sorted by code (PracticeData does). Pure functions: no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "analyse/comparators.hpp"

namespace gpress::analyse {

/// The measures practices are matched on, in this order.
inline constexpr std::size_t kPeerMeasureCount = 3;

/// One practice's measures. A practice missing any of them has no peers and
/// is no one's peer.
struct PeerMeasures {
  std::optional<double> list_size;    ///< registered patients
  std::optional<double> deprivation;  ///< IMD score
  std::optional<double> age_share;    ///< share of the list in the older age band (0..1)
  /// Whether it may be someone's peer (an open practice); a practice that is
  /// not still gets peers of its own when it has every measure.
  bool candidate = true;
};

/// A peer and its distance from the practice.
struct Peer {
  std::size_t practice = 0;
  double distance = 0.0;
};

/// The pool of candidates, standardised, built once per run.
class PeerSpace {
 public:
  /// practices[i] are the measures of practice i (in ODS code order, so ties
  /// fall to the lower code).
  explicit PeerSpace(std::span<const PeerMeasures> practices);

  /// Candidates with every measure.
  std::size_t pool_size() const { return pool_.size(); }
  /// Mean and population standard deviation of each measure over the pool.
  const std::array<double, kPeerMeasureCount>& mean() const { return mean_; }
  const std::array<double, kPeerMeasureCount>& sd() const { return sd_; }

  /// The `count` pool members nearest to `practice` (itself left out),
  /// nearest first, ties by practice index; empty when the practice lacks a
  /// measure. Fewer than `count` when the pool is smaller.
  std::vector<Peer> nearest(std::size_t practice, std::size_t count) const;

 private:
  // z-scores of practice i; nullopt when it lacks a measure.
  std::optional<std::array<double, kPeerMeasureCount>> z_of(std::size_t practice) const;

  std::vector<PeerMeasures> practices_;
  std::array<double, kPeerMeasureCount> mean_{}, sd_{};
  std::vector<std::size_t> pool_;  // ascending practice index
  std::vector<double> pool_z_;     // kPeerMeasureCount per pool member
};

/// England deprivation decile of each practice with a score, OHID's way
/// round: decile 1 holds the most deprived tenth (highest IMD scores), 10 the
/// least deprived:
///   decile = 1 + floor(10 * more_deprived / n), at most 10,
/// where more_deprived counts scores strictly above the practice's and n the
/// practices with a score. Tied scores share a decile. nullopt without a score.
std::vector<std::optional<int>> deprivation_deciles(std::span<const std::optional<double>> scores);

/// Each deprivation decile as a comparator for one indicator and period
/// (index 0 is decile 1): the practices of the decile, by the same rule and
/// method as an area (comparator_value). decile_of[i] is practice i's decile;
/// observations of practices without one are left out.
std::array<Comparator, 10> decile_comparators(std::span<const Observation> observations,
                                              std::span<const std::optional<int>> decile_of, Unit unit,
                                              ComparatorMethod method);

}  // namespace gpress::analyse
