// Disclosure control, case by case: which counts a wider audience sees.
#include <doctest/doctest.h>

#include <random>

#include "analyse/suppression.hpp"

using namespace gpress;

namespace {

using Cell = DisclosureTable::Cell;

std::vector<bool> hidden_of(const SuppressionResult& r) {
  std::vector<bool> h;
  for (auto s : r.cells) h.push_back(s != Suppression::kShown);
  return h;
}

bool none_recoverable(const DisclosureTable& t, const SuppressionResult& r) {
  for (bool b : recoverable(t, hidden_of(r)))
    if (b) return false;
  return true;
}

// A rows x cols matrix with row totals, column totals and a grand total.
struct Matrix {
  DisclosureTable t;
  std::vector<std::vector<Cell>> cell;
  std::vector<Cell> row_total, col_total;
  Cell grand = 0;

  explicit Matrix(const std::vector<std::vector<int>>& v) {
    const std::size_t rows = v.size(), cols = v[0].size();
    int all = 0;
    std::vector<int> cs(cols, 0);
    for (std::size_t i = 0; i < rows; ++i) {
      cell.emplace_back();
      for (std::size_t j = 0; j < cols; ++j) {
        cell[i].push_back(t.add(v[i][j]));
        cs[j] += v[i][j];
        all += v[i][j];
      }
    }
    for (std::size_t i = 0; i < rows; ++i) {
      int s = 0;
      for (int x : v[i]) s += x;
      row_total.push_back(t.add(s));
      t.add_sum(row_total[i], cell[i]);
    }
    for (std::size_t j = 0; j < cols; ++j) {
      col_total.push_back(t.add(cs[j]));
      std::vector<Cell> col;
      for (std::size_t i = 0; i < rows; ++i) col.push_back(cell[i][j]);
      t.add_sum(col_total[j], col);
    }
    grand = t.add(all);
    t.add_sum(grand, row_total);
    t.add_sum(grand, col_total);
  }
};

}  // namespace

TEST_CASE("primary suppression hides 1 to threshold-1 and shows 0 and the threshold") {
  DisclosureTable t;
  const Cell zero = t.add(0), one = t.add(1), four = t.add(4), five = t.add(5), big = t.add(120);
  const auto r = suppress(t, 5);
  CHECK(r.cells[zero] == Suppression::kShown);
  CHECK(r.cells[one] == Suppression::kPrimary);
  CHECK(r.cells[four] == Suppression::kPrimary);
  CHECK(r.cells[five] == Suppression::kShown);
  CHECK(r.cells[big] == Suppression::kShown);
  CHECK(r.primary == 2);
  CHECK(r.secondary == 0);
}

TEST_CASE("the threshold is configurable - a threshold of 1 hides nothing") {
  DisclosureTable t;
  const Cell six = t.add(6), nine = t.add(9);
  CHECK(suppress(t, 10).cells[six] == Suppression::kPrimary);
  CHECK(suppress(t, 10).cells[nine] == Suppression::kPrimary);
  CHECK(suppress(t, 1).primary == 0);
}

TEST_CASE("a row with one hidden cell hides the next smallest cell, not the total") {
  // 20 = 3 + 7 + 10: with only the 3 hidden, 20 - 7 - 10 gives it away.
  DisclosureTable t;
  const Cell a = t.add(3), b = t.add(7), c = t.add(10), total = t.add(20);
  t.add_sum(total, {a, b, c});
  const auto r = suppress(t, 5);
  CHECK(r.cells[a] == Suppression::kPrimary);
  CHECK(r.cells[b] == Suppression::kSecondary);
  CHECK(r.cells[c] == Suppression::kShown);
  CHECK(r.cells[total] == Suppression::kShown);
  CHECK(none_recoverable(t, r));
}

TEST_CASE("zeros are not chosen while a non-zero cell can be - ties go to the first registered") {
  DisclosureTable t;
  const Cell a = t.add(2), z = t.add(0), b = t.add(8), c = t.add(8), total = t.add(18);
  t.add_sum(total, {a, z, b, c});
  const auto r = suppress(t, 5);
  CHECK(r.cells[z] == Suppression::kShown);
  CHECK(r.cells[b] == Suppression::kSecondary);
  CHECK(r.cells[c] == Suppression::kShown);
}

TEST_CASE("when every other part is zero the total is hidden instead") {
  // 10 = 3 + 7 hides the 7 as well; then 7 = 7 + 0 would give the 7 away
  // through its total, and no part above zero is left to hide.
  DisclosureTable t;
  const Cell small = t.add(3), seven = t.add(7), row = t.add(10);
  t.add_sum(row, {small, seven});
  const Cell zero = t.add(0), other_total = t.add(7);
  t.add_sum(other_total, {seven, zero});
  const auto r = suppress(t, 5);
  CHECK(r.cells[small] == Suppression::kPrimary);
  CHECK(r.cells[seven] == Suppression::kSecondary);
  CHECK(r.cells[other_total] == Suppression::kSecondary);
  CHECK(r.cells[zero] == Suppression::kShown);
  CHECK(r.cells[row] == Suppression::kShown);
  CHECK(none_recoverable(t, r));
}

TEST_CASE("a small total hides with its parts - large sums are left alone") {
  DisclosureTable t;
  const Cell a = t.add(2), z = t.add(0), total = t.add(2);
  t.add_sum(total, {a, z});
  const auto r = suppress(t, 5);
  CHECK(r.cells[total] == Suppression::kPrimary);
  CHECK(r.cells[z] == Suppression::kShown);

  DisclosureTable u;
  const Cell x = u.add(10), y = u.add(20), sum = u.add(30);
  u.add_sum(sum, {x, y});
  CHECK(suppress(u, 5).primary == 0);
  CHECK(suppress(u, 5).secondary == 0);
}

TEST_CASE("a table with margins: sums are visited in order until no row or column has one hidden cell") {
  // 3 | 10 | 12      row 0 hides 10 (its next smallest); column 0 hides 8;
  // 9 | 11 | 14      column 1, now with only the 10 hidden, hides 11; then
  // 8 | 15 | 20      row 1 hides 9 and row 2 hides 15. Every row and column
  //                  with a hidden cell has two or three; totals stay shown.
  Matrix m({{3, 10, 12}, {9, 11, 14}, {8, 15, 20}});
  const auto r = suppress(m.t, 5);
  CHECK(r.cells[m.cell[0][0]] == Suppression::kPrimary);
  for (auto [i, j] : {std::pair{0, 1}, {2, 0}, {1, 1}, {1, 0}, {2, 1}})
    CHECK_MESSAGE(r.cells[m.cell[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]] == Suppression::kSecondary,
                  i << "," << j);
  for (auto [i, j] : {std::pair{0, 2}, {1, 2}, {2, 2}})
    CHECK_FALSE(r.hidden(m.cell[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]));
  CHECK(r.secondary == 5);
  for (Cell c : m.row_total) CHECK_FALSE(r.hidden(c));
  for (Cell c : m.col_total) CHECK_FALSE(r.hidden(c));
  CHECK_FALSE(r.hidden(m.grand));
  CHECK(none_recoverable(m.t, r));
}

TEST_CASE("a single small cell in a 2x2 table hides the whole table but its grand total") {
  Matrix m({{2, 6}, {7, 9}});
  const auto r = suppress(m.t, 5);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) CHECK(r.hidden(m.cell[i][j]));
  CHECK_FALSE(r.hidden(m.grand));
  CHECK(none_recoverable(m.t, r));
}

TEST_CASE("recoverable finds a cell given away by a chain of subtractions through several sums") {
  // Rows R1 = a + b + x, R2 = c + d; columns C1 = a + c, C2 = b + d. Every sum
  // has two hidden members, yet R1 + R2 - C1 - C2 = x.
  DisclosureTable t;
  const Cell a = t.add(6), b = t.add(7), x = t.add(8), c = t.add(9), d = t.add(10);
  const Cell r1 = t.add(21), r2 = t.add(19), c1 = t.add(15), c2 = t.add(17);
  t.add_sum(r1, {a, b, x});
  t.add_sum(r2, {c, d});
  t.add_sum(c1, {a, c});
  t.add_sum(c2, {b, d});
  std::vector<bool> hidden(t.size(), false);
  for (Cell h : {a, b, x, c, d}) hidden[h] = true;
  const auto open = recoverable(t, hidden);
  CHECK(open[x]);
  CHECK_FALSE(open[a]);
  CHECK_FALSE(open[b]);
  CHECK_FALSE(open[c]);
  CHECK_FALSE(open[d]);

  // suppress() closes it: with a, b, c, d, x all small, it hides more.
  DisclosureTable small;
  const Cell sa = small.add(1), sb = small.add(2), sx = small.add(3), sc = small.add(4), sd = small.add(1);
  const Cell s1 = small.add(6), s2 = small.add(5), s3 = small.add(5), s4 = small.add(3);
  small.add_sum(s1, {sa, sb, sx});
  small.add_sum(s2, {sc, sd});
  small.add_sum(s3, {sa, sc});
  small.add_sum(s4, {sb, sd});
  const auto r = suppress(small, 2);  // only the 1s are small
  CHECK(r.hidden(sa));
  CHECK(r.hidden(sd));
  CHECK(none_recoverable(small, r));
}

TEST_CASE("one cell used in two tables hides in both") {
  // A level count appears in a summary (cohort = levels) and as a column
  // total of a movements matrix: registered once, it cannot differ.
  DisclosureTable t;
  const Cell manage = t.add(3), improve = t.add(40), cohort = t.add(43);
  t.add_sum(cohort, {manage, improve});
  const Cell m1 = t.add(2), m2 = t.add(1), i1 = t.add(20), i2 = t.add(20);
  t.add_sum(manage, {m1, m2});
  t.add_sum(improve, {i1, i2});
  const auto r = suppress(t, 5);
  CHECK(r.hidden(manage));
  CHECK(r.hidden(improve));  // else cohort - improve = manage
  CHECK(none_recoverable(t, r));
}

TEST_CASE("random tables: no small count shown and nothing recoverable after suppression") {
  std::mt19937 rng(20251231);
  std::uniform_int_distribution<int> small(0, 6), size(2, 5);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::vector<int>> v(static_cast<std::size_t>(size(rng)));
    const int cols = size(rng);
    for (auto& row : v)
      for (int j = 0; j < cols; ++j) row.push_back(small(rng) * (small(rng) > 2 ? 3 : 1));
    Matrix m(v);
    const auto r = suppress(m.t, 5);
    for (Cell c = 0; c < m.t.size(); ++c) {
      const auto value = m.t.value(c);
      if (value >= 1 && value <= 4) CHECK_MESSAGE(r.hidden(c), "round " << round << " shows " << value);
    }
    CHECK_MESSAGE(none_recoverable(m.t, r), "round " << round);
  }
}

TEST_CASE("the explanation names the marker and the range") {
  CHECK(suppression_explanation(5).find("[c]") == 0);
  CHECK(suppression_explanation(5).find("from 1 to 4") != std::string::npos);
  CHECK(suppression_explanation(10).find("from 1 to 9") != std::string::npos);
}
