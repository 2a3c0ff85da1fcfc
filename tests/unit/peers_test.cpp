// Practices like yours and deprivation deciles, against hand-worked values.
#include "analyse/peers.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace gpress::analyse {

TEST_CASE("peers: standardised Euclidean distance over the pool, ties to the lower index") {
  // Pool A, B, C: means 2000, 20, 0.3; population SDs 1000·√(2/3), 10·√(2/3),
  // 0.1·√(2/3), so A's z-scores are all -√1.5, B's 0 and C's +√1.5.
  std::vector<PeerMeasures> m = {
      {1000, 10, 0.2, true},            // 0 A
      {2000, 20, 0.3, true},            // 1 B
      {3000, 30, 0.4, true},            // 2 C
      {2000, 20, 0.3, false},           // 3 D: closed, never a peer, has peers
      {2500, std::nullopt, 0.3, true},  // 4 E: no deprivation score
  };
  const PeerSpace space(m);
  CHECK(space.pool_size() == 3);
  CHECK(space.mean()[0] == doctest::Approx(2000));
  CHECK(space.sd()[1] == doctest::Approx(10 * std::sqrt(2.0 / 3.0)));

  const auto a = space.nearest(0, 2);
  REQUIRE(a.size() == 2);
  CHECK(a[0].practice == 1);
  CHECK(a[0].distance == doctest::Approx(std::sqrt(4.5)));  // √(3 × 1.5)
  CHECK(a[1].practice == 2);
  CHECK(a[1].distance == doctest::Approx(std::sqrt(18.0)));  // √(3 × 6)

  // D sits on B; A and C are equally far, and A has the lower index.
  const auto d = space.nearest(3, 2);
  REQUIRE(d.size() == 2);
  CHECK(d[0].practice == 1);
  CHECK(d[0].distance == 0.0);
  CHECK(d[1].practice == 0);

  CHECK(space.nearest(4, 2).empty());       // lacks a measure: no peers
  CHECK(space.nearest(1, 10).size() == 2);  // the pool less itself
  for (const Peer& p : space.nearest(1, 10)) CHECK(p.practice != 3);
}

TEST_CASE("peers: England deprivation decile, 1 the most deprived, ties shared") {
  const std::vector<std::optional<double>> scores = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, std::nullopt, 100};
  const auto d = deprivation_deciles(scores);
  // 11 scores. 100: none more deprived -> 1. 10: 10 above -> 1 + floor(100/11) = 10.
  CHECK(d[9] == 1);
  CHECK(d[11] == 1);
  CHECK(d[0] == 10);
  CHECK(d[4] == 6);  // 50: 6 above -> 1 + floor(60/11)
  CHECK(d[8] == 2);  // 90: the two 100s above -> 1 + floor(20/11)
  CHECK_FALSE(d[10]);
}

}  // namespace gpress::analyse
