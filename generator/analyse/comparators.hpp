// Where a practice stands against its PCN, sub-ICB, ICB and England.
//
// For one indicator and one period, compare_indicator() works out every
// comparator at once, the way OHID's Fingertips compares an area with its
// benchmark (docs/comparators.md gives the rules for analysts):
//
//   observations ──► per group (PCN, sub-ICB, ICB, England):
//                      comparator value (pooled, or median as fallback),
//                      practices contributing, quartiles of practice values
//                ──► per practice:
//                      95% interval, decile in England and in its ICB,
//                      significance against each group's value
//
// The inputs are small structs of its own (Observation, PracticeAreas, and
// Unit/Polarity spelt as in indicators.csv) in namespace gpress::analyse, so
// the module stays independent of the data model and its names cannot clash
// with the model's; Geography is built once per run and reused for every
// indicator and period. Pure functions: no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyse/stats.hpp"

namespace gpress::analyse {

/// What an indicator's value measures (indicators.csv `unit`). gbp is pounds
/// per patient (NHS Payments to General Practice): never compared by interval.
enum class Unit { kPercent, kCount, kRatio, kPer1000, kPer10000, kScore, kGbp };

/// Which direction is good (indicators.csv `polarity`).
enum class Polarity { kHigherIsBetter, kLowerIsBetter, kNeither };

/// "percent", "count", "ratio", "per-1000", "per-10000", "score", "gbp"; nullopt for
/// anything else (the caller reports it with its file and line).
std::optional<Unit> parse_unit(std::string_view text);
std::string_view to_string(Unit unit);

/// "higher-is-better", "lower-is-better", "neither"; nullopt otherwise.
std::optional<Polarity> parse_polarity(std::string_view text);
std::string_view to_string(Polarity polarity);

/// How a practice's 95% interval is worked out (indicators.csv `interval`),
/// the same in every period of an indicator.
enum class IntervalMethod {
  kWilson,  ///< a proportion of people: Wilson score
  kByar,    ///< a rate of events: exact Poisson below 10 events, Byar's from 10
  kNone,    ///< points, FTEs, scores, money, ratios: no interval
};

/// What numerator/denominator is multiplied by to give a value in the unit:
/// 100 for percent, 1,000 for per-1000, 10,000 for per-10000, 1 otherwise.
double unit_scale(Unit unit);

/// A practice against a comparator. kBetter/kWorse when the indicator has a
/// polarity, kHigher/kLower when it is "neither".
enum class Significance { kBetter, kSimilar, kWorse, kHigher, kLower, kNotCompared };

/// "better", "similar", "worse", "higher", "lower", "not compared": the
/// token used in data files, CSS classes and triggers.
std::string_view to_string(Significance significance);

/// Words for a reader, following Fingertips' legend: "Better (95%
/// confidence)", "Similar", "Worse (99.8% confidence)", "Higher (95%
/// confidence)", "Lower (95% confidence)", "Not compared", at the level the
/// comparison was made at.
std::string label(Significance significance, Confidence level);

/// One practice's published figures for one indicator and period. A missing
/// value means "not published" and is never treated as zero.
struct Observation {
  /// Index of the practice in the Geography (0-based, < practice_count()).
  std::size_t practice = 0;
  std::optional<double> value;
  std::optional<double> numerator;
  std::optional<double> denominator;
};

/// How a comparator's value was worked out.
enum class ComparatorMethod {
  /// sum(numerator) / sum(denominator) x unit_scale over the practices that
  /// have both, used whenever any practice for the indicator and period does.
  kPooled,
  /// Median (QUARTILE.INC) of the practice values, used when no practice has
  /// both a numerator and a denominator (e.g. survey scores). The indicator's
  /// description in indicators.csv says so to readers.
  kMedian,
};

/// "pooled" or "median".
std::string_view to_string(ComparatorMethod method);

/// kPooled when any observation has both a finite numerator and a finite
/// denominator, kMedian otherwise. Chosen once per indicator and period so
/// every group is worked out the same way.
ComparatorMethod choose_method(std::span<const Observation> observations);

/// A comparator's value and how many practices it stands for.
struct Comparator {
  /// nullopt when no practice contributes, or the pooled denominator is 0.
  std::optional<double> value;
  /// Practices contributing: with both numerator and denominator (pooled) or
  /// with a value (median).
  std::size_t practices = 0;
  ComparatorMethod method = ComparatorMethod::kPooled;
};

/// The comparator value of one group of practices, by the given method.
Comparator comparator_value(std::span<const Observation> group, Unit unit, ComparatorMethod method);

/// As above, choosing the method with choose_method(group).
Comparator comparator_value(std::span<const Observation> group, Unit unit);

/// A practice's interval (95% by default; z = kZ998 for 99.8%) in the
/// indicator's unit, or nullopt when the
/// method is kNone or the numbers do not fit it:
///   kWilson, whole 0 <= num <= den, den > 0: Wilson score x unit_scale;
///   kByar, whole num >= 0, den > 0: poisson_interval (exact below 10
///     events, Byar's from 10) / den x unit_scale.
/// The loader refuses values whose numbers do not fit their indicator's
/// method, so an indicator has an interval in every period or in none.
std::optional<Interval> practice_interval(IntervalMethod method, Unit unit, std::optional<double> numerator,
                                          std::optional<double> denominator, double z = kZ95);

/// Of a value's 95% and 99.8% intervals, the one that decides significance
/// at `level`: the one place the [packs] significance setting is applied.
const std::optional<Interval>& deciding_interval(Confidence level, const std::optional<Interval>& ci95,
                                                 const std::optional<Interval>& ci998);

/// Significance of an interval against a comparator value: higher when the
/// lower bound is above it, lower when the upper bound is below it, otherwise
/// similar; then better/worse by polarity (kNeither keeps higher/lower).
/// Not compared when comparator is missing or not finite.
Significance compare(const Interval& interval, std::optional<double> comparator, Polarity polarity);

/// Significance of one practice: not compared when the practice has no
/// value, when practice_interval() gives none, or when comparator is missing.
Significance significance(const Observation& practice, IntervalMethod method, Unit unit, Polarity polarity,
                          std::optional<double> comparator);

/// The comparator levels of a data pack, smallest first.
enum class Level { kPcn = 0, kSubIcb = 1, kIcb = 2, kEngland = 3 };
inline constexpr std::size_t kLevelCount = 4;

/// "pcn", "sub-icb", "icb", "england" (as used by triggers' worse_than).
std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view text);

/// The code England's single group carries (ONS code for England, as
/// Fingertips labels its England benchmark).
inline constexpr std::string_view kEnglandCode = "E92000001";

/// A practice's area codes (practices.csv pcn_code, sub_icb_code, icb_code).
/// An empty code means the practice is in no group at that level (e.g. not
/// in a PCN); it is then not compared at that level.
struct PracticeAreas {
  std::string pcn;
  std::string sub_icb;
  std::string icb;
};

/// Which practice is in which group at each level, built once per run.
/// Groups at each level are numbered 0..group_count-1 in ascending order of
/// their codes, so output order never depends on input order.
class Geography {
 public:
  /// Marks a practice that is in no group at a level.
  static constexpr std::size_t kNoGroup = std::numeric_limits<std::size_t>::max();

  /// practices[i] are the areas of practice i; the Geography keeps its own
  /// copy of the codes.
  explicit Geography(std::span<const PracticeAreas> practices);

  std::size_t practice_count() const { return practice_count_; }
  std::size_t group_count(Level level) const;
  /// The group of practice at level, or kNoGroup. England is always group 0.
  std::size_t group_of(std::size_t practice, Level level) const;
  const std::string& code(Level level, std::size_t group) const;
  /// The group with this code at level, or nullopt.
  std::optional<std::size_t> find(Level level, std::string_view code) const;
  /// Practices in a group, ascending by practice index.
  std::span<const std::size_t> members(Level level, std::size_t group) const;

 private:
  struct LevelIndex {
    std::vector<std::string> codes;     // group -> code, ascending
    std::vector<std::size_t> group_of;  // practice -> group or kNoGroup
    std::vector<std::size_t> offsets;   // group -> start in members; size groups+1
    std::vector<std::size_t> members;   // practices grouped, ascending within group
  };
  const LevelIndex& level(Level l) const { return levels_[static_cast<std::size_t>(l)]; }

  std::size_t practice_count_ = 0;
  std::array<LevelIndex, kLevelCount> levels_;
};

/// One group's figures for one indicator and period.
struct GroupSummary {
  Comparator comparator;
  /// Quartiles of the published practice values in the group (nullopt when
  /// none has a value), for box plots and "spread" text.
  std::optional<Quartiles> quartiles;
  /// Practices in the group with a published value.
  std::size_t with_value = 0;
};

/// One practice's figures for one indicator and period.
struct PracticeComparison {
  std::optional<double> value;
  /// 95% and 99.8% intervals in the indicator's unit (see practice_interval()).
  std::optional<Interval> interval, interval_998;
  /// Decile among practices with a value, in England and in its ICB
  /// (see decile()); nullopt without a value.
  std::optional<int> england_decile;
  std::optional<int> icb_decile;
  /// Against each level's comparator value, indexed by Level, by the
  /// interval of the level compare_indicator() was given.
  std::array<Significance, kLevelCount> significance{Significance::kNotCompared, Significance::kNotCompared,
                                                     Significance::kNotCompared, Significance::kNotCompared};

  Significance against(Level level) const { return significance[static_cast<std::size_t>(level)]; }
};

/// Every comparator for one indicator and period.
struct IndicatorComparison {
  ComparatorMethod method = ComparatorMethod::kPooled;
  /// groups[level][group], groups numbered as in the Geography.
  std::array<std::vector<GroupSummary>, kLevelCount> groups;
  /// practices[i] for practice i of the Geography; a practice without an
  /// observation has no value and is not compared.
  std::vector<PracticeComparison> practices;

  /// The summary of practice's group at level, or nullptr when it has none.
  /// The pointer is into this object.
  const GroupSummary* group_for(const Geography& geography, std::size_t practice, Level level) const;
};

/// Compares every practice with its PCN, sub-ICB, ICB and England for one
/// indicator and period, in O(n log n) for n practices and deterministic:
/// groups are summed in practice order.
///
/// Each practice should appear at most once in observations; if it appears
/// more than once the last observation is used. Throws std::out_of_range when
/// an observation's practice index is not in the geography.
/// `confidence` is the level of the significance tests (gpress.toml [packs]
/// significance); both intervals are worked out whatever it is.
IndicatorComparison compare_indicator(const Geography& geography, std::span<const Observation> observations,
                                      IntervalMethod method, Unit unit, Polarity polarity, Confidence confidence);

}  // namespace gpress::analyse
