// What a practice's data pack says: every indicator and period, the practice
// against its PCN, sub-ICB, ICB and England, and the words and numbers the
// page and the workbook show.
//
//   PracticeData ──► PackAnalysis (once per run)
//                      values bucketed by indicator × period,
//                      analyse::compare_indicator on each bucket
//                ──► PackAnalysis::pack(practice)  (per practice, O(indicators × periods))
//                      PracticePack: plain figures
//                ──► pack_context() ──► templates/data-pack.html
//                ──► xlsx/pack_workbook ──► data-pack.xlsx
//
// The page and the workbook format numbers with the same functions here, so
// they agree to the precision the page shows. No I/O: the product
// (products/packs.cpp) writes the files.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyse/comparators.hpp"
#include "analyse/funnel.hpp"
#include "analyse/practice_profile.hpp"
#include "analyse/trend.hpp"
#include "assemble/context.hpp"
#include "model/practice_data.hpp"

namespace gpress {

// ---- Words and numbers -------------------------------------------------------

/// Decimal places a value of the unit is shown with: 1, except count 0 and gbp 2.
int unit_decimals(Unit unit);
/// v to `decimals` places with thousands separators: 12,345.6. Rounds as
/// fmt (and Python's format) do: the nearest, ties to even on the exact binary value.
std::string format_number(double v, int decimals);
/// A value with its unit: "12.3%", "4.5 per 1,000", "£123.45", "12,345";
/// "Not published" when missing.
std::string format_value(Unit unit, std::optional<double> v);
/// The value without the unit words (axis ticks, tables with the unit in the heading).
std::string format_bare(Unit unit, double v);
/// A numerator or denominator: whole numbers as 12,345; fractions (FTE,
/// pounds) to 2 places without trailing zeros.
std::string format_count(double v);
/// "percentage", "per 1,000 patients", ...: a unit for readers.
std::string_view unit_label(Unit unit);
/// "Higher is better", "Lower is better", "Neither higher nor lower is better".
std::string_view polarity_label(Polarity polarity);
/// "Better than England (95% confidence)", "Similar to England", "Not compared with England",
/// at the level the comparison was made at.
std::string significance_text(analyse::Significance s, std::string_view area, analyse::Confidence level);
/// The token used in CSS classes: "better", ..., "not-compared".
std::string significance_token(analyse::Significance s);

analyse::Unit to_analyse(Unit unit);
analyse::Polarity to_analyse(Polarity polarity);

// ---- Figures ----------------------------------------------------------------

/// One comparator area for one indicator and period.
struct AreaFigures {
  std::string code, name;  ///< empty when the practice is in no area at that level
  std::optional<double> value;
  std::size_t practices = 0;                 ///< practices contributing to value
  std::optional<analyse::Quartiles> spread;  ///< of the practices' published values
  /// The practice against this area's value.
  analyse::Significance significance = analyse::Significance::kNotCompared;
};

/// One indicator in one period, for one practice.
struct PeriodFigures {
  Period period;
  std::optional<double> value, numerator, denominator;
  std::optional<analyse::Interval> interval, interval_998;  ///< 95% and 99.8%
  analyse::ComparatorMethod method = analyse::ComparatorMethod::kPooled;
  std::array<AreaFigures, analyse::kLevelCount> areas;  ///< by analyse::Level
  std::optional<int> england_decile, icb_decile;
  /// Practices like this one and its England deprivation decile as
  /// comparators (assemble/pack_peers.cpp); code empty when it has none.
  AreaFigures like_yours, same_decile;

  const AreaFigures& area(analyse::Level level) const { return areas[static_cast<std::size_t>(level)]; }
};

/// An indicator's periods (oldest first; the last is the one a pack leads with).
struct IndicatorFigures {
  const Indicator* indicator = nullptr;
  std::vector<PeriodFigures> periods;
  /// The recent trend over the last five periods (assemble/pack_trend.hpp).
  analyse::RecentTrend trend;
  /// Every practice's figures in the latest period against its funnel
  /// limits; null when the indicator has none (no interval method, or no counts).
  const analyse::Funnel* funnel = nullptr;
  /// A QOF register against the prevalence the practice's age profile and
  /// deprivation predict, in the model's period.
  std::optional<RegisterExpectation> expected;
  const PeriodFigures& latest() const { return periods.back(); }
};

/// Everything one practice's pack shows.
struct PracticePack {
  const Practice* practice = nullptr;
  const CqcRating* cqc = nullptr;  ///< null: not rated
  /// Indicators in display order: by domain, criterion (none last), name.
  /// Indicators without any period in the run are left out.
  std::vector<IndicatorFigures> indicators;
  /// The practice's latest imd_score, if the data has that indicator.
  std::optional<double> deprivation;
  /// England deprivation decile: 1 the most deprived tenth, 10 the least.
  std::optional<int> deprivation_decile;
  /// Share of the list in PracticeProfiles::age_band().
  std::optional<double> age_share;
  /// Practices like this one, nearest first.
  struct PeerFigures {
    const Practice* practice = nullptr;
    double distance = 0.0;
    analyse::PeerMeasures measures;
  };
  std::vector<PeerFigures> peers;
  const PracticeProfiles* profiles = nullptr;  ///< what peers and expected prevalence come from
};

/// Comparisons for every practice, worked out once per run.
class PackAnalysis {
 public:
  /// Values whose period starts after `cap` ends are left out (--quarter).
  /// `data` must outlive the analysis. Buckets run on `jobs` threads.
  /// `peers` is how many practices like each practice it compares with
  /// (gpress.toml [packs] peers); significance against the areas is judged
  /// at data.significance.
  PackAnalysis(const PracticeData& data, std::optional<Period> cap, unsigned jobs, std::size_t peers = 10);

  /// The figures of practice `index` (its position in data.practices).
  PracticePack pack(std::size_t index) const;

  /// Earliest and latest period with data in this run (none when no values).
  std::optional<Period> first_period() const { return first_; }
  std::optional<Period> last_period() const { return last_; }
  const std::optional<Period>& cap() const { return cap_; }
  /// The funnel of each indicator that has one, in display order.
  std::vector<std::pair<const Indicator*, const analyse::Funnel*>> funnels() const;
  const PracticeProfiles& profiles() const { return profiles_; }

 private:
  struct Bucket {
    Period period;
    analyse::IndicatorComparison comparison;
    std::vector<const Value*> by_practice;        // practice index -> its value or null
    std::optional<analyse::Funnel> funnel;        // the latest period's only
    std::array<analyse::Comparator, 10> deciles;  // by England deprivation decile
  };
  struct IndicatorBuckets {
    const Indicator* indicator = nullptr;
    std::vector<Bucket> buckets;  // oldest first
  };

  const PracticeData& data_;
  std::optional<Period> cap_, first_, last_;
  analyse::Geography geography_;
  std::vector<IndicatorBuckets> indicators_;  // display order
  std::optional<std::size_t> imd_;            // position of imd_score in indicators_
  PracticeProfiles profiles_;
  std::size_t peer_count_;
  // Peers, deprivation decile and expected prevalence (assemble/pack_peers.cpp).
  void add_peer_figures(PracticePack& pack, std::size_t index) const;
};

// ---- Template contexts -------------------------------------------------------

/// What the page needs beyond the figures.
struct PackPage {
  std::string programme;  ///< gpress.toml [programme] name
  std::string local_office;
  std::string generator;  ///< "gpress 0.1.0"
  std::string styles;     ///< pack.css, inlined so one file is the whole pack
  std::string index_url = "../index.html";
  std::string workbook_url = "data-pack.xlsx";
  std::optional<Period> first_period, last_period, cap;
  const std::vector<Source>* sources = nullptr;  ///< data/sources.csv, by title
  /// The widest comparator's name (PracticeData::widest_area): "England"
  /// unless the data covers some ICBs only.
  std::string widest_area = "England";
  /// The confidence of the significance tests (gpress.toml [packs] significance).
  analyse::Confidence significance = analyse::Confidence::k95;
};

/// The title of source `id` in page.sources, or the id when it is not there.
std::string source_title(const PackPage& page, const std::string& id);

/// Inline SVG for one indicator (the product draws them; see render/svg_charts).
using ChartFn = std::function<std::string(const PracticePack&, const IndicatorFigures&)>;

/// The data-pack.html context for one practice.
/// Charts of the spread of practices (render/funnel_plot, render/box_plot)
/// and of the practice's patients by age and sex (render/population_pyramid):
/// "" where there is none.
struct DistributionCharts {
  ChartFn funnel, boxes;
  std::function<std::string(const PracticePack&)> pyramid;
};

nlohmann::json pack_context(const PracticePack& pack, const PackPage& page, const ChartFn& spine, const ChartFn& trend,
                            const DistributionCharts& distribution = {});

/// One practice in the index, in visiting order; `links` lists its outputs
/// (the data pack first).
struct IndexEntry {
  const Practice* practice = nullptr;
  std::vector<std::pair<std::string, std::string>> links;  ///< title, URL relative to the index
  int rank = 0;                                            ///< 1 = highest risk, visit first
  int risk_score = 0;
  std::string support_level;  ///< "Manage", "Stabilise", "Improve", "Sustain"
  std::string support_slug;   ///< for styling: "manage", ...
  bool overridden = false;    ///< level set by the support team
  std::vector<std::string> top_criteria;
  std::string top_action;  ///< the options report's first action; empty when none
};

/// The practices/index.html context.
nlohmann::json index_context(const std::vector<IndexEntry>& entries, const PackPage& page, const std::string& script);

/// The schemas of data-pack.html and practices-index.html (pack_schema.cpp).
const std::vector<std::pair<std::string, TemplateSchema>>& pack_schemas();

}  // namespace gpress
