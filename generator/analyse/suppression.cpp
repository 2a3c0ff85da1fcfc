#include "analyse/suppression.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "analyse/thematic.hpp"

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

// ---- The thematic report's counts --------------------------------------------

Suppression DisclosedCounts::state(const std::string& key) const {
  auto it = cells.find(key);
  return it == cells.end() ? Suppression::kShown : it->second;
}

namespace {

// The table with every cell under its key: a key registered twice is the
// same number shown in two places, so it is one cell.
class KeyedTable {
 public:
  Cell cell(const std::string& key, int value) {
    if (auto it = at_.find(key); it != at_.end()) return it->second;
    const Cell c = table_.add(value);
    at_.emplace(key, c);
    return c;
  }
  void add_sum(Cell total, std::vector<Cell> parts) { table_.add_sum(total, std::move(parts)); }

  DisclosedCounts suppress(int threshold) const {
    const SuppressionResult result = gpress::suppress(table_, threshold);
    DisclosedCounts out;
    out.threshold = threshold;
    out.primary = result.primary;
    out.secondary = result.secondary;
    for (const auto& [key, c] : at_) out.cells[key] = result.cells[c];
    return out;
  }

 private:
  DisclosureTable table_;
  std::map<std::string, Cell> at_;
};

// The cohort by support level, both quarters, and the matrix of movements.
// Returns this quarter's level cells.
std::vector<Cell> register_support_levels(KeyedTable& t, const ThematicReport& r) {
  const std::size_t nl = kLevelLabels.size();
  const Cell cohort = t.cell("cohort", r.practice_count);
  std::vector<Cell> now_levels;
  for (std::size_t i = 0; i < nl; ++i) now_levels.push_back(t.cell(fmt::format("level/now/{}", i), r.level_counts[i]));
  t.add_sum(cohort, now_levels);
  if (!r.movements) return now_levels;
  const Transition& m = *r.movements;
  std::vector<Cell> prev_levels;
  for (std::size_t i = 0; i < nl; ++i) prev_levels.push_back(t.cell(fmt::format("level/prev/{}", i), m.row_totals[i]));
  t.add_sum(cohort, prev_levels);
  std::vector<std::vector<Cell>> moves(nl);
  for (std::size_t i = 0; i < nl; ++i)
    for (std::size_t j = 0; j < nl; ++j) moves[i].push_back(t.cell(fmt::format("move/{}/{}", i, j), m.counts[i][j]));
  for (std::size_t i = 0; i < nl; ++i) t.add_sum(prev_levels[i], moves[i]);
  for (std::size_t j = 0; j < nl; ++j) {
    std::vector<Cell> col;
    for (std::size_t i = 0; i < nl; ++i) col.push_back(moves[i][j]);
    t.add_sum(now_levels[j], col);
  }
  return now_levels;
}

// Each shared item: practices now = its ICBs (each = its sub-ICBs), and its
// change since last quarter.
void register_shared_item(KeyedTable& t, const ThematicReport& r, const SharedItem& item) {
  const std::string base = fmt::format("item/{}/{}/", to_string(item.kind), item.id);
  const Cell now = t.cell(base + "now", item.practices);
  std::vector<Cell> icbs;
  for (std::size_t a = 0; a < r.icbs.size(); ++a) {
    const Cell icb = t.cell(base + "icb/" + r.icbs[a].code, item.by_icb[a]);
    icbs.push_back(icb);
    std::vector<Cell> subs;
    for (std::size_t s = 0; s < r.sub_icbs.size(); ++s)
      if (r.sub_icbs[s].parent_code == r.icbs[a].code)
        subs.push_back(t.cell(base + "sub/" + r.sub_icbs[s].code, item.by_sub_icb[s]));
    t.add_sum(icb, subs);
  }
  t.add_sum(now, icbs);
  if (!item.change) return;
  const Cell prev = t.cell(base + "prev", item.change->previous);
  const Cell added = t.cell(base + "new", item.change->added);
  const Cell persisting = t.cell(base + "persisting", item.change->persisting);
  const Cell resolved = t.cell(base + "resolved", item.change->resolved);
  t.add_sum(now, {added, persisting});
  t.add_sum(prev, {persisting, resolved});
}

void register_maturity(KeyedTable& t, const ThematicReport& r) {
  for (const auto& row : r.maturity) {
    const std::string base = fmt::format("maturity/{}/{}/", row.theme_slug, row.domain);
    const Cell assessed = t.cell(base + "assessed", row.assessed);
    std::vector<Cell> parts;
    for (std::size_t l = 0; l < 4; ++l)
      parts.push_back(t.cell(base + std::string(1, static_cast<char>('A' + l)), row.at[l]));
    t.add_sum(assessed, parts);
  }
}

// Supported practices and the matrix of their ratings before and after.
void register_outcomes(KeyedTable& t, const ThematicReport& r, const std::vector<Cell>& now_levels) {
  const Transition& o = r.outcomes.ratings;
  const Cell supported = t.cell("outcome/supported", r.outcomes.supported);
  int levelled = 0;
  for (std::size_t i = 0; i < 4; ++i) levelled += r.level_counts[i];
  if (levelled == r.outcomes.supported) {
    // Supported means assessed here, so a reader can add the levels up.
    t.add_sum(supported, {now_levels[0], now_levels[1], now_levels[2], now_levels[3]});
  }
  const Cell total = t.cell("outcome/total", o.total);
  std::vector<Cell> rows, cols;
  std::vector<std::vector<Cell>> m(o.from.size());
  for (std::size_t i = 0; i < o.from.size(); ++i) {
    rows.push_back(t.cell(fmt::format("outcome/row/{}", i), o.row_totals[i]));
    for (std::size_t j = 0; j < o.to.size(); ++j)
      m[i].push_back(t.cell(fmt::format("outcome/{}/{}", i, j), o.counts[i][j]));
    t.add_sum(rows[i], m[i]);
  }
  for (std::size_t j = 0; j < o.to.size(); ++j) {
    cols.push_back(t.cell(fmt::format("outcome/col/{}", j), o.column_totals[j]));
    std::vector<Cell> col;
    for (std::size_t i = 0; i < o.from.size(); ++i) col.push_back(m[i][j]);
    t.add_sum(cols[j], col);
  }
  t.add_sum(total, rows);
  t.add_sum(total, cols);
}

void register_opportunities(KeyedTable& t, const ThematicReport& r) {
  for (const auto& o : r.opportunities) {
    const std::string base = opportunity_key(o);
    const Cell practices = t.cell(base, static_cast<int>(o.ods.size()));
    std::vector<Cell> levels;
    for (std::size_t i = 0; i < o.levels.size(); ++i)
      levels.push_back(t.cell(fmt::format("{}/level/{}", base, i), o.levels[i]));
    t.add_sum(practices, levels);
  }
}

}  // namespace

DisclosedCounts disclose(const ThematicReport& r, int threshold) {
  KeyedTable table;
  const std::vector<Cell> now_levels = register_support_levels(table, r);
  for (const auto* list : {&r.criteria, &r.findings, &r.actions})
    for (const auto& item : *list) register_shared_item(table, r, item);
  register_maturity(table, r);
  register_outcomes(table, r, now_levels);
  register_opportunities(table, r);
  return table.suppress(threshold);
}

}  // namespace gpress
