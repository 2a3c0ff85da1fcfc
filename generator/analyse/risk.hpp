// The risk profile: each practice judged on the 16 national criteria of the
// General Practice Resilience Programme, a weighted risk score, and the
// priority order in which the support team visits practices.
//
//   cqc.csv overall rating ───────────────► criteria 1, 2
//   indicators.csv criterion + values.csv ─► Cohort (latest period, compared
//                                             with PCN/sub-ICB/ICB/England once
//                                             for every practice) ─► 4, 5, 11, 14-16 ...
//   assessments/intelligence.csv ─────────► 3, 6, 8, 9, 10, 13 (and any other)
//                      └──► CriterionJudgement (met / not met / no data + evidence)
//                      └──► RiskProfile: score = Σ weight over met criteria, rank
//
// docs/options-report.md explains every rule for the people who read the
// report. Pure functions over loaded data: no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyse/comparators.hpp"
#include "analyse/practice_profile.hpp"
#include "analyse/trend.hpp"
#include "config/config.hpp"
#include "model/assessment.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// One of the 16 national criteria (GPRP guidance, Annex B).
struct NationalCriterion {
  int number = 0;
  Domain domain = Domain::kSafety;
  std::string_view title;  ///< as the guidance words it, e.g. "CQC rating – inadequate"
};

/// The 16 criteria, by number (index 0 is criterion 1).
const std::array<NationalCriterion, 16>& national_criteria();
/// Criterion `number` (1-16); throws std::out_of_range otherwise.
const NationalCriterion& national_criterion(int number);
/// "Safety", "Workforce", "External perspective", "Organisational issues",
/// "Efficiency", "Patient experience / access".
std::string_view criteria_domain_title(Domain domain);

enum class Judgement { kMet, kNotMet, kNoData };
/// "met", "not met", "no data".
std::string_view to_string(Judgement judgement);

/// One piece of evidence behind a judgement: a sentence a reader can check
/// (value, comparator, date or period, source) and what it says on its own.
struct Evidence {
  std::string text;
  Judgement judgement = Judgement::kNoData;
};

struct CriterionJudgement {
  int criterion = 0;
  /// Met when any evidence meets it; not met when there is evidence and none
  /// meets it; no data when nothing speaks to it.
  Judgement judgement = Judgement::kNoData;
  std::vector<Evidence> evidence;
};

/// A value as a reader expects it in the indicator's unit: "87.2%",
/// "4.1 per 10,000", "2,310", "£154.20".
std::string format_value(double value, Unit unit);

/// "Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led" for
/// cqc.csv's column names; empty for anything else.
std::string_view cqc_domain_label(std::string_view column);
/// cqc.csv's rating columns: overall, safe, effective, caring, responsive, well_led.
const std::vector<std::string>& cqc_domain_names();
/// The rating of one column of a CQC row (nullopt when not rated).
std::optional<CqcRatingValue> cqc_rating_of(const CqcRating& rating, std::string_view column);
/// "Well-led rated Inadequate, inspected 2024-03-14" (or "..., inspection date not published").
std::string cqc_evidence(const CqcRating& rating, std::string_view column);

/// One indicator in its latest period, compared for every practice at once.
struct IndicatorFacts {
  const Indicator* indicator = nullptr;
  std::vector<Period> periods;  ///< every period with values, oldest first
  Period period;
  analyse::IndicatorComparison comparison;
};

/// What the whole cohort's data says, worked out once per build so every
/// practice's judgements and triggers are lookups: the geography of
/// comparators and each indicator's latest comparison.
class Cohort {
 public:
  /// Compares every indicator of `data` in its latest period, on `jobs`
  /// threads. `data` must outlive the Cohort.
  /// Significance is judged at data.significance.
  Cohort(const PracticeData& data, unsigned jobs);

  const PracticeData& data() const { return data_; }
  const analyse::Geography& geography() const { return *geography_; }
  /// Every practice's measures and the QOF registers' prevalence models,
  /// fitted once on every practice (below_expected triggers).
  const PracticeProfiles& profiles() const { return *profiles_; }
  /// Position of a practice in data().practices (and in the geography).
  std::optional<std::size_t> index_of(std::string_view ods) const;
  /// The indicator's latest facts, or null when it has no values.
  const IndicatorFacts* latest(std::string_view indicator) const;

  /// The practice's comparison for an indicator's latest period (null when
  /// the indicator has no values).
  const analyse::PracticeComparison* comparison(std::string_view indicator, std::size_t practice) const;
  /// The practice's recent trend for an indicator over its periods
  /// (analyse/practice_trend.hpp); cannot be calculated when it has no values.
  analyse::RecentTrend trend(std::string_view indicator, std::size_t practice) const;
  /// Comparator value of the practice's group at `level` (nullopt when none).
  std::optional<double> comparator(std::string_view indicator, std::size_t practice, analyse::Level level) const;

 private:
  const PracticeData& data_;
  std::unique_ptr<analyse::Geography> geography_;
  std::unique_ptr<PracticeProfiles> profiles_;
  std::vector<IndicatorFacts> facts_;  // same order as data_.indicators
};

/// The analyse module's spelling of an indicator's interval method.
analyse::IntervalMethod to_analyse(IntervalMethod method);

/// "PCN", "sub-ICB", "ICB", and for England the data's widest_area
/// ("England", or "All imported practices: QMJ" for a project imported for
/// some ICBs only).
std::string level_label(analyse::Level level, const PracticeData& data);

/// "GPs (FTE) per 10,000 patients 4.1 in 2024-25 against England 6.2:
/// significantly worse (source: workforce)" and similar sentences for an
/// indicator judged against a comparator; nullopt when the practice has no
/// value in the latest period.
std::optional<Evidence> indicator_evidence(const Cohort& cohort, const Indicator& indicator, std::size_t practice,
                                           const RiskConfig& config);

/// For a value with no confidence interval (FTE numerators, ratios, scores,
/// pounds): whether it is in the worst quarter of the practices at `level`
/// (below the lower quartile when higher is better, above the upper quartile
/// when lower is better). nullopt when the indicator has an interval (judge
/// by significance), has no polarity, the practice has no value, or the
/// group has fewer than 4 practices with a value.
std::optional<bool> worst_quarter(const Cohort& cohort, const Indicator& indicator, std::size_t practice,
                                  analyse::Level level);

/// The other side: in the best quarter (above the upper quartile when higher
/// is better, below the lower quartile when lower is better); nullopt as above.
std::optional<bool> best_quarter(const Cohort& cohort, const Indicator& indicator, std::size_t practice,
                                 analyse::Level level);

struct RiskProfile {
  std::string ods_code;
  std::array<CriterionJudgement, 16> criteria;
  int score = 0;         ///< Σ weight over met criteria
  int criteria_met = 0;  ///< how many are met
  int rank = 0;          ///< 1 = highest priority; set by rank_profiles()

  bool met(int criterion) const {
    return criteria.at(static_cast<std::size_t>(criterion - 1)).judgement == Judgement::kMet;
  }
  /// Met criteria, highest weight first, then by number.
  std::vector<int> met_by_weight(const RiskConfig& config) const;
};

/// Checks [risk] thresholds against the indicators: each must name a known
/// indicator mapped to a criterion and with a polarity.
void validate_risk_config(const RiskConfig& config, const PracticeData& data, Diagnostics& diags);

/// Judges one practice on all 16 criteria.
RiskProfile assess_practice(const Cohort& cohort, std::size_t practice, const Assessments& assessments,
                            const RiskConfig& config);

/// Orders by score (highest first), then number of criteria met (most
/// first), then ODS code, and numbers them 1..n in that order: no two
/// practices share a rank, so the visit order is never left to chance.
void rank_profiles(std::vector<RiskProfile>& profiles);

/// Every practice of the cohort, in data().practices order, ranked.
std::vector<RiskProfile> assess_cohort(const Cohort& cohort, const Assessments& assessments, const RiskConfig& config,
                                       unsigned jobs);

}  // namespace gpress
