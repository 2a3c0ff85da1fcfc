// Practice-level data: the register, indicator definitions, indicator values
// and CQC ratings (design.md, "Data files"), as plain structs.
//
// Units are design.md's percent, count, ratio, per-1000 and score, plus two
// additions the real publications need: `per-10000` (workforce FTE per 10,000
// patients, the scale NHS England's workforce statistics use) and `gbp`
// (pounds sterling, NHS Payments to General Practice per patient).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "model/confidence.hpp"

namespace gpress {

/// The six national criteria domains.
enum class Domain { kSafety, kWorkforce, kExternal, kOrganisational, kEfficiency, kPatientExperience };
enum class Unit { kPercent, kCount, kRatio, kPer1000, kPer10000, kScore, kGbp };
enum class Polarity { kHigherIsBetter, kLowerIsBetter, kNeither };
enum class CqcRatingValue { kOutstanding, kGood, kRequiresImprovement, kInadequate };
/// How a practice's value is compared (indicators.csv `interval`), the same
/// in every period: Wilson score for a proportion of people, Byar's method
/// (exact Poisson below 10 events) for a rate of events, or not at all.
enum class IntervalMethod { kWilson, kByar, kNone };

/// "safety", "workforce", "external", "organisational", "efficiency", "patient-experience".
std::string_view to_string(Domain d);
/// "percent", "count", "ratio", "per-1000", "per-10000", "score", "gbp".
std::string_view to_string(Unit u);
/// "higher-is-better", "lower-is-better", "neither".
std::string_view to_string(Polarity p);
/// "Outstanding", "Good", "Requires improvement", "Inadequate".
std::string_view to_string(CqcRatingValue r);
/// "wilson", "byar", "none".
std::string_view to_string(IntervalMethod m);

/// Exact (case-sensitive) parses of the strings above.
std::optional<Domain> parse_domain(std::string_view text);
std::optional<Unit> parse_unit(std::string_view text);
std::optional<Polarity> parse_polarity(std::string_view text);
std::optional<CqcRatingValue> parse_cqc_rating(std::string_view text);
std::optional<IntervalMethod> parse_interval_method(std::string_view text);

/// Every valid spelling, in declaration order: for messages and suggestions.
std::vector<std::string> domain_names();
std::vector<std::string> unit_names();
std::vector<std::string> polarity_names();
std::vector<std::string> cqc_rating_names();
std::vector<std::string> interval_method_names();

/// The method an indicator gets when indicators.csv leaves `interval` empty:
/// wilson for percent, byar for per-1000 and per-10000, none otherwise.
IntervalMethod default_interval(Unit unit);

/// What numerator / denominator is multiplied by to give a value in `unit`:
/// 100 for percent, 1000 for per-1000, 10000 for per-10000, otherwise 1.
/// A comparator's pooled value is scale * sum(numerator) / sum(denominator).
double unit_scale(Unit unit);

/// A reporting period: a calendar month `YYYY-MM`, a calendar quarter `YYYY-Qn`
/// (Q1 = January-March) or a financial year `YYYY-YY` (April to March, the
/// second year the one after the first: 2022-23). Periods sort by their first
/// month, then shorter before longer.
struct Period {
  enum class Kind : std::uint8_t { kMonth, kQuarter, kFinancialYear };
  Kind kind = Kind::kMonth;
  std::uint16_t year = 0;   ///< the calendar year it starts in
  std::uint8_t number = 0;  ///< month 1-12, quarter 1-4, or 0 for a financial year

  /// nullopt when `text` is none of the three forms (or a financial year whose
  /// second year does not follow the first).
  static std::optional<Period> parse(std::string_view text);
  /// The canonical text: "2025-12", "2025-Q4", "2022-23".
  std::string str() const;
  /// Months since year 0 of the first and last month covered.
  int first_month() const;
  int last_month() const;

  friend bool operator==(const Period&, const Period&) = default;
  friend std::strong_ordering operator<=>(const Period& a, const Period& b);
};

struct Practice {
  std::string ods_code;
  std::string name;
  std::string postcode;
  std::string pcn_code;
  std::string pcn_name;
  std::string sub_icb_code;
  std::string sub_icb_name;
  std::string icb_code;
  std::string icb_name;
  std::string region;
  std::optional<std::int64_t> list_size;
  std::string contract_type;     ///< GMS, PMS, APMS (optional column contract_type or contract); may be empty
  std::string closed_on;         ///< ISO date it closed; empty while open
  std::string groupings_on;      ///< ISO date of the source its PCN, sub-ICB and ICB come from; may be empty
  std::string groupings_source;  ///< that source's id in sources.csv; may be empty
  /// Whether [programme] cohort names it (every practice when there is no
  /// cohort). Comparators use every practice whatever this says.
  bool in_cohort = true;
  SourceLoc loc;  ///< its row in practices.csv

  /// Whether the programme publishes for it: in the cohort and open. Only
  /// these get a data pack, an options report and a rank.
  bool published() const { return in_cohort && closed_on.empty(); }
};

struct Indicator {
  std::string id;
  std::string name;
  Domain domain = Domain::kSafety;
  std::optional<int> criterion;  ///< national criterion 1-16
  Unit unit = Unit::kPercent;
  Polarity polarity = Polarity::kNeither;
  IntervalMethod interval = IntervalMethod::kWilson;
  std::string source;       ///< the publication it comes from (a source id in sources.csv)
  std::string description;  ///< how it is derived; the comparator rule when it has no numerator
  SourceLoc loc;            ///< its row in indicators.csv
};

struct Value {
  std::string ods_code;
  std::string indicator_id;
  Period period;
  std::optional<double> value;  ///< nullopt: not published (never zero)
  std::optional<double> numerator;
  std::optional<double> denominator;
  /// Line in values.csv (PracticeData::loc gives the full place); a line
  /// number rather than a SourceLoc keeps half a million values small.
  std::uint32_t line = 0;
};

struct CqcRating {
  std::string ods_code;
  std::optional<std::string> inspected_on;  ///< ISO date of the inspection behind the rating
  std::optional<CqcRatingValue> overall, safe, effective, caring, responsive, well_led;
  SourceLoc loc;  ///< its row in cqc.csv
};

/// The 5-year age bands of NHS England's registrations by age and sex
/// (age_sex.csv `age_band`), youngest first.
inline constexpr std::array<std::string_view, 20> kAgeBands = {
    "0-4",   "5-9",   "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90-94", "95+"};
/// The first band of 65 and over ("65-69"): OHID's older age band, counted
/// by the pyramid's description and by practices like yours.
inline constexpr std::size_t kFirstBand65 = 13;
static_assert(kAgeBands[kFirstBand65] == "65-69");

/// The position of a band in kAgeBands; the publication's spelling ("0_4")
/// is accepted too. nullopt for anything else ("ALL").
std::optional<std::size_t> age_band_index(std::string_view band);

/// A row of data/age_sex.csv: patients of one sex in one 5-year age band
/// registered at a practice on the first day of a month.
struct AgeSexCount {
  std::string ods_code;
  Period period;
  bool female = false;   ///< sex: "female" or "male"
  std::size_t band = 0;  ///< index into kAgeBands
  double patients = 0;
};

/// A row of data/sources.csv: a publication figures come from, its licence,
/// and which ICBs its import was limited to (`coverage`; empty: all England).
struct Source {
  std::string id, title, publisher, period, url, licence, attribution;
  std::vector<std::string> coverage;
  SourceLoc loc;
};

/// Everything in data/practices.csv, indicators.csv, values.csv, cqc.csv and
/// sources.csv.
/// Practices are sorted by ODS code, indicators by id, values by ODS code,
/// indicator id, then period, CQC ratings by ODS code, sources by title.
struct PracticeData {
  std::vector<Practice> practices;
  std::vector<Indicator> indicators;
  std::vector<Value> values;
  std::vector<CqcRating> cqc;
  std::vector<Source> sources;
  /// data/age_sex.csv, by ODS code then period; empty when not imported.
  std::vector<AgeSexCount> age_sex;
  std::string values_path;  ///< path used in messages for values.csv
  /// The name of the widest comparator, every practice in the data:
  /// "England", or "All imported practices: QMJ" when any source's import
  /// was limited to some ICBs (sources.csv `coverage`).
  std::string widest_area = "England";
  /// The level whose interval decides significantly better or worse
  /// (gpress.toml [packs] significance), so every product judges alike.
  Confidence significance = Confidence::k95;
  /// False when practices.csv had errors: a row of another file naming a
  /// practice not found may name one of its bad rows, so is not reported again.
  bool register_complete = true;

  /// Lookups; null when absent. Valid until the vectors change (call reindex()).
  const Practice* find_practice(std::string_view ods) const;
  const Indicator* find_indicator(std::string_view id) const;
  const CqcRating* find_cqc(std::string_view ods) const;
  const Source* find_source(std::string_view id) const;
  /// One value; null when the practice has none for that indicator and period.
  const Value* find_value(std::string_view ods, std::string_view indicator, const Period& period) const;
  /// The practice's values, sorted by indicator then period (empty when none).
  std::vector<const Value*> values_of_practice(std::string_view ods) const;
  /// Every practice's value of one indicator in one period, by ODS code.
  std::vector<const Value*> values_of(std::string_view indicator, const Period& period) const;
  /// The periods an indicator has values for, oldest first.
  std::vector<Period> periods_of(std::string_view indicator) const;
  /// Where a value was read.
  SourceLoc loc(const Value& v) const { return SourceLoc{values_path, v.line, 0}; }

  /// Sorts the vectors as documented and rebuilds the lookup indexes.
  void reindex();

 private:
  struct Range {
    std::size_t begin = 0, end = 0;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;
  Index practice_index_, indicator_index_, cqc_index_;
  std::unordered_map<std::string, Range, StringHash, std::equal_to<>> practice_values_;
  std::unordered_map<std::string, std::vector<std::size_t>, StringHash, std::equal_to<>> indicator_values_;
};

}  // namespace gpress
