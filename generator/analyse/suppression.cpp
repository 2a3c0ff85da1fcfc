#include "analyse/suppression.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

namespace gpress {
namespace {

using Cell = DisclosureTable::Cell;

// The member step 2 hides next in `sum`, or nothing when every member is
// already hidden.
std::optional<Cell> next_to_hide(const DisclosureTable& table, const DisclosureTable::Sum& sum,
                                 const std::vector<bool>& hidden) {
  std::optional<Cell> best;
  for (Cell p : sum.parts) {
    if (hidden[p] || table.value(p) <= 0) continue;
    if (!best || table.value(p) < table.value(*best)) best = p;
  }
  if (best) return best;
  if (!hidden[sum.total]) return sum.total;
  for (Cell p : sum.parts) {
    if (hidden[p]) continue;
    if (!best || table.value(p) < table.value(*best)) best = p;
  }
  return best;
}

std::size_t hidden_members(const DisclosureTable::Sum& sum, const std::vector<bool>& hidden) {
  std::size_t n = hidden[sum.total] ? 1 : 0;
  for (Cell p : sum.parts) n += hidden[p] ? 1 : 0;
  return n;
}

// Steps 2 and 3: until no sum has exactly one hidden member.
void secondary_fixed_point(const DisclosureTable& table, std::vector<bool>& hidden, SuppressionResult& result) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& sum : table.sums()) {
      if (hidden_members(sum, hidden) != 1) continue;
      if (auto c = next_to_hide(table, sum, hidden)) {
        hidden[*c] = true;
        result.cells[*c] = Suppression::kSecondary;
        ++result.secondary;
        changed = true;
      }
    }
  }
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

DisclosureTable::Cell DisclosureTable::add(std::int64_t value) {
  if (value < 0) throw std::invalid_argument("a published count cannot be negative");
  values_.push_back(value);
  return values_.size() - 1;
}

void DisclosureTable::add_sum(Cell total, std::vector<Cell> parts) {
  if (total >= values_.size()) throw std::out_of_range("sum total is not a registered cell");
  for (Cell p : parts)
    if (p >= values_.size()) throw std::out_of_range("sum part is not a registered cell");
  sums_.push_back({total, std::move(parts)});
}

std::vector<bool> recoverable(const DisclosureTable& table, const std::vector<bool>& hidden) {
  const std::size_t n = table.size();
  std::vector<bool> out(n, false);
  // Hidden cells sharing a sum are solved together; unrelated ones separately,
  // which keeps each elimination small.
  UnionFind uf(n);
  for (const auto& sum : table.sums()) {
    std::optional<Cell> first;
    auto link = [&](Cell c) {
      if (!hidden[c]) return;
      if (first) uf.unite(*first, c);
      else first = c;
    };
    link(sum.total);
    for (Cell p : sum.parts) link(p);
  }
  std::map<std::size_t, std::vector<Cell>> components;
  for (Cell c = 0; c < n; ++c)
    if (hidden[c]) components[uf.find(c)].push_back(c);

  // Every hidden member of a sum is in one component, so each sum belongs to
  // at most one: group them once instead of scanning every sum per component.
  std::map<std::size_t, std::vector<std::size_t>> sums_of;
  for (std::size_t i = 0; i < table.sums().size(); ++i) {
    const auto& sum = table.sums()[i];
    std::optional<Cell> member;
    if (hidden[sum.total]) member = sum.total;
    for (Cell p : sum.parts)
      if (!member && hidden[p]) member = p;
    if (member) sums_of[uf.find(*member)].push_back(i);
  }

  for (const auto& [root, cells] : components) {
    std::map<Cell, std::size_t> column;
    for (std::size_t i = 0; i < cells.size(); ++i) column[cells[i]] = i;
    // One equation per sum touching the component, over its hidden cells
    // only: the shown members are known numbers and move to the other side,
    // which does not change which unknowns are determined.
    std::vector<std::vector<double>> rows;
    for (std::size_t index : sums_of[root]) {
      const auto& sum = table.sums()[index];
      std::vector<double> row(cells.size(), 0.0);
      auto put = [&](Cell c, double coef) {
        if (hidden[c]) row[column.at(c)] += coef;
      };
      put(sum.total, -1.0);
      for (Cell p : sum.parts) put(p, 1.0);
      rows.push_back(std::move(row));
    }
    // Reduced row echelon form. The unknown x_j follows from the equations
    // exactly when the unit vector e_j lies in their row space, which in
    // reduced form means some row is e_j.
    const std::size_t m = rows.size(), k = cells.size();
    std::size_t r = 0;
    std::vector<std::size_t> pivot_of_row;
    for (std::size_t c = 0; c < k && r < m; ++c) {
      std::size_t best = r;
      for (std::size_t i = r + 1; i < m; ++i)
        if (std::fabs(rows[i][c]) > std::fabs(rows[best][c])) best = i;
      if (std::fabs(rows[best][c]) < 1e-9) continue;
      std::swap(rows[r], rows[best]);
      const double pv = rows[r][c];
      for (double& v : rows[r]) v /= pv;
      for (std::size_t i = 0; i < m; ++i) {
        if (i == r || std::fabs(rows[i][c]) < 1e-12) continue;
        const double f = rows[i][c];
        for (std::size_t j = 0; j < k; ++j) rows[i][j] -= f * rows[r][j];
      }
      pivot_of_row.push_back(c);
      ++r;
    }
    for (std::size_t i = 0; i < r; ++i) {
      bool alone = true;
      for (std::size_t j = 0; j < k && alone; ++j)
        if (j != pivot_of_row[i] && std::fabs(rows[i][j]) > 1e-9) alone = false;
      if (alone) out[cells[pivot_of_row[i]]] = true;
    }
  }
  return out;
}

SuppressionResult suppress(const DisclosureTable& table, int threshold) {
  SuppressionResult result;
  const std::size_t n = table.size();
  result.cells.assign(n, Suppression::kShown);
  std::vector<bool> hidden(n, false);
  for (Cell c = 0; c < n; ++c) {
    const auto v = table.value(c);
    if (v >= 1 && v < threshold) {
      hidden[c] = true;
      result.cells[c] = Suppression::kPrimary;
      ++result.primary;
    }
  }
  if (result.primary == 0) return result;

  // The sums each cell is a member of, in registration order.
  std::vector<std::vector<std::size_t>> member_of(n);
  for (std::size_t i = 0; i < table.sums().size(); ++i) {
    const auto& sum = table.sums()[i];
    member_of[sum.total].push_back(i);
    for (Cell p : sum.parts)
      if (member_of[p].empty() || member_of[p].back() != i) member_of[p].push_back(i);
  }
  while (true) {
    secondary_fixed_point(table, hidden, result);
    const std::vector<bool> open = recoverable(table, hidden);
    bool changed = false;
    for (Cell c = 0; c < n; ++c) {
      if (!open[c]) continue;
      for (std::size_t index : member_of[c]) {
        const auto& sum = table.sums()[index];
        if (auto h = next_to_hide(table, sum, hidden)) {
          hidden[*h] = true;
          result.cells[*h] = Suppression::kSecondary;
          ++result.secondary;
          changed = true;
          break;
        }
      }
    }
    // A cell whose every sum is fully hidden yet still follows (possible only
    // when the sums force it to zero) cannot be helped by hiding more.
    if (!changed) break;
  }
  return result;
}

std::string suppression_explanation(int threshold) {
  return fmt::format(
      "{} marks a count that is not shown: counts from 1 to {} are suppressed, and further counts are suppressed "
      "where they would let a suppressed count be worked out from a total.",
      kSuppressedMark, threshold - 1);
}

}  // namespace gpress
