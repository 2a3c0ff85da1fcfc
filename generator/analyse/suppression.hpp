// Disclosure control for reports shared beyond the local office.
//
// Small counts can identify a practice, so a report for a wider audience
// hides every count from 1 to threshold-1 (primary suppression). Hiding them
// is not enough where the report also shows totals: a row "12 = 7 + [c] + 5"
// gives the hidden cell away by subtraction. The published counts and the
// sums a reader can form from them are therefore registered together in one
// DisclosureTable, and suppress() hides further cells (secondary suppression)
// until no hidden count follows from what is shown.
//
// The rule, exactly (also in docs/thematic-report.md):
//
//   1. Primary: a count from 1 to threshold-1 is hidden. 0 and counts of at
//      least the threshold are shown.
//   2. Secondary, sum by sum: a sum (total = part + part + ...) with exactly
//      one hidden member, the total counted as a member, would reveal it, so
//      one more member is hidden: the smallest shown part above zero; if there
//      is none, the total; if the total is already hidden, the smallest shown
//      part (a zero). Ties go to the member registered first.
//   3. Step 2 repeats over every sum until a whole pass changes nothing.
//   4. Then every hidden count is tested with exact linear algebra against
//      all sums at once (a chain of subtractions through several rows and
//      columns can reveal a cell even when no single sum does). A hidden cell
//      that still follows has one more member of its first sum with a shown
//      member hidden, by the preference of step 2, and steps 2-4 run again.
//
// Every step only hides more, so the loop ends. The same number shown in two
// places (a level's count in a summary and as a column total of a matrix) is
// one cell registered once and used twice, so both places hide together.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gpress {

/// Why a cell is hidden.
enum class Suppression : std::uint8_t { kShown, kPrimary, kSecondary };

/// Published counts and the sums that tie them together.
class DisclosureTable {
 public:
  using Cell = std::size_t;
  struct Sum {
    Cell total;
    std::vector<Cell> parts;
  };

  /// Registers a count; returns its handle (0, 1, 2, ... in order).
  Cell add(std::int64_t value);
  /// Declares that `total` is the sum of `parts` as published, so a reader
  /// can subtract. Parts may repeat across sums (rows and columns).
  void add_sum(Cell total, std::vector<Cell> parts);

  std::int64_t value(Cell cell) const { return values_.at(cell); }
  std::size_t size() const { return values_.size(); }
  const std::vector<Sum>& sums() const { return sums_; }

 private:
  std::vector<std::int64_t> values_;
  std::vector<Sum> sums_;
};

struct SuppressionResult {
  std::vector<Suppression> cells;  ///< per cell, by handle
  std::size_t primary = 0;
  std::size_t secondary = 0;

  bool hidden(DisclosureTable::Cell cell) const { return cells.at(cell) != Suppression::kShown; }
};

/// Applies the rule above with `threshold` (counts 1..threshold-1 hidden; a
/// threshold of 1 hides nothing). Deterministic.
SuppressionResult suppress(const DisclosureTable& table, int threshold);

/// For each cell: true when it is hidden yet its value follows from the shown
/// cells through the table's sums. All false after suppress(); exposed so
/// tests and callers can check any pattern.
std::vector<bool> recoverable(const DisclosureTable& table, const std::vector<bool>& hidden);

/// The marker a hidden count is shown as, and its one-line explanation.
inline constexpr const char* kSuppressedMark = "[c]";
std::string suppression_explanation(int threshold);

// ---- The thematic report's counts --------------------------------------------

struct ThematicReport;

/// The wider variant's hidden counts, by key. Every count the wider variant
/// shows is registered under one key, with every sum a reader could form from
/// the counts shown beside it:
///
///   cohort                                  practices in the report
///   level/now/<i>, level/prev/<i>           support level counts (kLevelLabels order)
///   move/<i>/<j>                            previous level i -> level j
///   item/<kind>/<id>/now|prev|new|persisting|resolved
///   item/<kind>/<id>/icb/<code>, item/<kind>/<id>/sub/<code>
///   maturity/<theme>/<domain>/A..D|assessed
///   outcome/supported, outcome/<i>/<j>, outcome/row/<i>, outcome/col/<j>, outcome/total
///   opportunity/<area>/<kind>/<id>          practices reached (their patients are
///                                           hidden with it)
///   opportunity/<area>/<kind>/<id>/level/<i> practices at support level i
///
/// with the sums: cohort = levels (both quarters); each matrix's rows and
/// columns; an item's now = its ICBs = new + persisting, prev = persisting +
/// resolved, each ICB = its sub-ICBs; a maturity domain's assessed = A+B+C+D;
/// an opportunity's practices = its levels.
struct DisclosedCounts {
  int threshold = 5;
  std::map<std::string, Suppression> cells;
  std::size_t primary = 0, secondary = 0;

  /// The state of `key`; kShown for a key never registered.
  Suppression state(const std::string& key) const;
  bool hidden(const std::string& key) const { return state(key) != Suppression::kShown; }
};

/// Suppresses the report's counts for the wider audience.
DisclosedCounts disclose(const ThematicReport& report, int threshold);

}  // namespace gpress
