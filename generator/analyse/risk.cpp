#include "analyse/risk.hpp"

#include "analyse/practice_trend.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "core/parallel.hpp"
#include "core/text.hpp"

namespace gpress {

const std::array<NationalCriterion, 16>& national_criteria() {
  static const std::array<NationalCriterion, 16> all = {{
      {1, Domain::kSafety, "CQC rating – inadequate"},
      {2, Domain::kSafety, "CQC rating – requires improvement"},
      {3, Domain::kSafety, "Individual professional performance issues"},
      {4, Domain::kWorkforce, "Patients per WTE GP and/or WTE practice nurse"},
      {5, Domain::kWorkforce, "Vacancies (including long-term illness)"},
      {6, Domain::kExternal, "Other external perspectives, e.g. significant support from the LMC, ICB or NHS England"},
      {7, Domain::kExternal, "Primary care dashboards (formerly the Primary Care Web Tool)"},
      {8, Domain::kOrganisational, "Practice leadership issues (partner relationships)"},
      {9, Domain::kOrganisational, "Significant practice changes"},
      {10, Domain::kOrganisational, "Professional isolation"},
      {11, Domain::kEfficiency, "QOF % achievement"},
      {12, Domain::kEfficiency, "Referral or prescribing performance compared with the ICB average"},
      {13, Domain::kPatientExperience, "List closure (including an application to close the list)"},
      {14, Domain::kPatientExperience, "GP Patient Survey – overall experience / would recommend"},
      {15, Domain::kPatientExperience, "GP Patient Survey – ease of getting through by phone"},
      {16, Domain::kPatientExperience, "GP Patient Survey – ability to get an appointment"},
  }};
  return all;
}

const NationalCriterion& national_criterion(int number) {
  if (number < 1 || number > 16) throw std::out_of_range("national criterion out of range");
  return national_criteria()[static_cast<std::size_t>(number - 1)];
}

std::string_view criteria_domain_title(Domain domain) {
  switch (domain) {
    case Domain::kSafety: return "Safety";
    case Domain::kWorkforce: return "Workforce";
    case Domain::kExternal: return "External perspective";
    case Domain::kOrganisational: return "Organisational issues";
    case Domain::kEfficiency: return "Efficiency";
    case Domain::kPatientExperience: return "Patient experience / access";
  }
  return "";
}

std::string_view to_string(Judgement judgement) {
  switch (judgement) {
    case Judgement::kMet: return "met";
    case Judgement::kNotMet: return "not met";
    case Judgement::kNoData: return "no data";
  }
  return "no data";
}

namespace {

// 1234567.8 -> "1,234,568" for the given decimals.
std::string grouped(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : digits.substr(dot);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  const bool negative = value < 0 && std::stod(digits) != 0;
  return (negative ? "-" : "") + out + frac;
}

analyse::Unit to_analyse(Unit u) { return *analyse::parse_unit(to_string(u)); }
analyse::Polarity to_analyse(Polarity p) { return *analyse::parse_polarity(to_string(p)); }

const RiskConfig::Threshold* threshold_for(const RiskConfig& config, std::string_view indicator) {
  for (const auto& t : config.thresholds)
    if (t.indicator == indicator) return &t;
  return nullptr;
}

std::string plain_number(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string format_value(double value, Unit unit) {
  switch (unit) {
    case Unit::kPercent: return grouped(value, 1) + "%";
    case Unit::kPer1000: return grouped(value, 1) + " per 1,000";
    case Unit::kPer10000: return grouped(value, 1) + " per 10,000";
    case Unit::kCount: return grouped(value, 0);
    case Unit::kRatio: return std::fabs(value) >= 100 ? grouped(value, 0) : grouped(value, 2);
    case Unit::kScore: return grouped(value, 1);
    case Unit::kGbp: return (value < 0 ? "-£" : "£") + grouped(std::fabs(value), 2);
  }
  return grouped(value, 1);
}

const std::vector<std::string>& cqc_domain_names() {
  static const std::vector<std::string> names = {"overall", "safe", "effective", "caring", "responsive", "well_led"};
  return names;
}

std::string_view cqc_domain_label(std::string_view column) {
  if (column == "overall") return "Overall";
  if (column == "safe") return "Safe";
  if (column == "effective") return "Effective";
  if (column == "caring") return "Caring";
  if (column == "responsive") return "Responsive";
  if (column == "well_led") return "Well-led";
  return "";
}

std::optional<CqcRatingValue> cqc_rating_of(const CqcRating& r, std::string_view column) {
  if (column == "overall") return r.overall;
  if (column == "safe") return r.safe;
  if (column == "effective") return r.effective;
  if (column == "caring") return r.caring;
  if (column == "responsive") return r.responsive;
  if (column == "well_led") return r.well_led;
  return std::nullopt;
}

std::string cqc_evidence(const CqcRating& rating, std::string_view column) {
  const auto value = cqc_rating_of(rating, column);
  const std::string label(cqc_domain_label(column));
  if (!value) return fmt::format("{} not rated by CQC", label);
  if (rating.inspected_on)
    return fmt::format("{} rated {}, inspected {}", label, to_string(*value), *rating.inspected_on);
  return fmt::format("{} rated {}, inspection date not published", label, to_string(*value));
}

analyse::IntervalMethod to_analyse(IntervalMethod method) {
  switch (method) {
    case IntervalMethod::kWilson: return analyse::IntervalMethod::kWilson;
    case IntervalMethod::kByar: return analyse::IntervalMethod::kByar;
    case IntervalMethod::kNone: return analyse::IntervalMethod::kNone;
  }
  return analyse::IntervalMethod::kNone;
}

std::string level_label(analyse::Level level, const PracticeData& data) {
  switch (level) {
    case analyse::Level::kPcn: return "PCN";
    case analyse::Level::kSubIcb: return "sub-ICB";
    case analyse::Level::kIcb: return "ICB";
    case analyse::Level::kEngland: return data.widest_area;
  }
  return "";
}

Cohort::Cohort(const PracticeData& data, unsigned jobs) : data_(data) {
  std::vector<analyse::PracticeAreas> areas;
  areas.reserve(data.practices.size());
  for (const auto& p : data.practices) areas.push_back({p.pcn_code, p.sub_icb_code, p.icb_code});
  geography_ = std::make_unique<analyse::Geography>(areas);
  profiles_ = std::make_unique<PracticeProfiles>(data, std::nullopt);
  facts_.resize(data.indicators.size());
  parallel_for(data.indicators.size(), jobs, [&](std::size_t i) {
    const Indicator& ind = data.indicators[i];
    IndicatorFacts& f = facts_[i];
    f.indicator = &ind;
    f.periods = data.periods_of(ind.id);
    if (f.periods.empty()) return;
    f.period = f.periods.back();
    std::vector<analyse::Observation> obs;
    for (const Value* v : data.values_of(ind.id, f.period)) {
      auto at = index_of(v->ods_code);
      if (!at) continue;
      obs.push_back({*at, v->value, v->numerator, v->denominator});
    }
    f.comparison = analyse::compare_indicator(*geography_, obs, to_analyse(ind.interval), to_analyse(ind.unit),
                                              to_analyse(ind.polarity), data.significance);
  });
}

analyse::RecentTrend Cohort::trend(std::string_view indicator, std::size_t practice) const {
  const IndicatorFacts* facts = latest(indicator);
  if (!facts) return {};
  return practice_trend(data_, *facts->indicator, facts->periods, data_.practices.at(practice).ods_code);
}

std::optional<std::size_t> Cohort::index_of(std::string_view ods) const {
  const Practice* p = data_.find_practice(ods);
  if (!p) return std::nullopt;
  return static_cast<std::size_t>(p - data_.practices.data());
}

const IndicatorFacts* Cohort::latest(std::string_view indicator) const {
  const Indicator* ind = data_.find_indicator(indicator);
  if (!ind) return nullptr;
  const IndicatorFacts& f = facts_[static_cast<std::size_t>(ind - data_.indicators.data())];
  return f.comparison.practices.empty() ? nullptr : &f;
}

const analyse::PracticeComparison* Cohort::comparison(std::string_view indicator, std::size_t practice) const {
  const IndicatorFacts* f = latest(indicator);
  if (!f || practice >= f->comparison.practices.size()) return nullptr;
  return &f->comparison.practices[practice];
}

std::optional<double> Cohort::comparator(std::string_view indicator, std::size_t practice, analyse::Level level) const {
  const IndicatorFacts* f = latest(indicator);
  if (!f) return std::nullopt;
  const auto* g = f->comparison.group_for(*geography_, practice, level);
  if (!g) return std::nullopt;
  return g->comparator.value;
}

namespace {

// The indicator in its latest period, judged against the comparator.
std::optional<Evidence> latest_evidence(const Cohort& cohort, const Indicator& ind, std::size_t practice,
                                        const RiskConfig& config) {
  const RiskConfig::Threshold* threshold = threshold_for(config, ind.id);
  if (!threshold && ind.polarity == Polarity::kNeither) return std::nullopt;
  const IndicatorFacts* facts = cohort.latest(ind.id);
  if (!facts) return std::nullopt;
  const auto* pc = cohort.comparison(ind.id, practice);
  const std::string period = facts->period.str();
  if (!pc || !pc->value)
    return Evidence{fmt::format("{}: not published for {} (source: {})", ind.name, period, ind.source),
                    Judgement::kNoData};
  const std::string value = format_value(*pc->value, ind.unit);
  if (threshold) {
    const bool wrong_side =
        ind.polarity == Polarity::kHigherIsBetter ? *pc->value < threshold->value : *pc->value > threshold->value;
    const char* side = ind.polarity == Polarity::kHigherIsBetter ? (wrong_side ? "below" : "not below")
                                                                 : (wrong_side ? "above" : "not above");
    return Evidence{fmt::format("{} {} in {}, {} the threshold of {} (source: {})", ind.name, value, period, side,
                                plain_number(threshold->value), ind.source),
                    wrong_side ? Judgement::kMet : Judgement::kNotMet};
  }
  const analyse::Level level = analyse::parse_level(config.comparator).value_or(analyse::Level::kEngland);
  const auto cmp = cohort.comparator(ind.id, practice, level);
  const std::string against =
      cmp ? fmt::format("{} {}", level_label(level, cohort.data()), format_value(*cmp, ind.unit))
          : level_label(level, cohort.data());
  switch (pc->against(level)) {
    case analyse::Significance::kWorse:
      return Evidence{fmt::format("{} {} in {}, significantly worse than {} (source: {})", ind.name, value, period,
                                  against, ind.source),
                      Judgement::kMet};
    case analyse::Significance::kBetter:
      return Evidence{fmt::format("{} {} in {}, significantly better than {} (source: {})", ind.name, value, period,
                                  against, ind.source),
                      Judgement::kNotMet};
    case analyse::Significance::kSimilar:
      return Evidence{
          fmt::format("{} {} in {}, similar to {} (source: {})", ind.name, value, period, against, ind.source),
          Judgement::kNotMet};
    default: break;
  }
  if (auto q = worst_quarter(cohort, ind, practice, level)) {
    const bool worst = *q;
    const auto* group = facts->comparison.group_for(cohort.geography(), practice, level);
    const bool higher_better = ind.polarity == Polarity::kHigherIsBetter;
    const double bound = higher_better ? group->quartiles->q1 : group->quartiles->q3;
    return Evidence{fmt::format("{} {} in {}, {} the worst quarter of {} practices ({} quartile {}) (source: {})",
                                ind.name, value, period, worst ? "in" : "not in", level_label(level, cohort.data()),
                                higher_better ? "lower" : "upper", format_value(bound, ind.unit), ind.source),
                    worst ? Judgement::kMet : Judgement::kNotMet};
  }
  return Evidence{
      fmt::format("{} {} in {}, not compared with {} (source: {})", ind.name, value, period, against, ind.source),
      Judgement::kNoData};
}

}  // namespace

std::optional<Evidence> indicator_evidence(const Cohort& cohort, const Indicator& ind, std::size_t practice,
                                           const RiskConfig& config) {
  auto e = latest_evidence(cohort, ind, practice, config);
  if (!e || e->judgement == Judgement::kNoData) return e;
  // The recent trend, where one can be calculated, says whether it is
  // getting better or worse; "worse and getting worse" is against England.
  const analyse::RecentTrend trend = cohort.trend(ind.id, practice);
  if (trend.direction == analyse::TrendDirection::kCannotBeCalculated) return e;
  std::string words = analyse::trend_text(trend);
  words[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[0])));
  e->text += fmt::format("; recent trend {}: {}", trend.periods, words);
  const auto* pc = cohort.comparison(ind.id, practice);
  if (pc && worse_and_getting_worse(pc->against(analyse::Level::kEngland), trend))
    e->text += fmt::format(" (worse than {} and getting worse)", level_label(analyse::Level::kEngland, cohort.data()));
  return e;
}

namespace {

// The group's quartiles when the value has no interval and at least four
// practices of the group have a value; null otherwise.
const analyse::Quartiles* quarters_for(const Cohort& cohort, const Indicator& ind, std::size_t practice,
                                       analyse::Level level, double* value) {
  if (ind.polarity == Polarity::kNeither) return nullptr;
  const IndicatorFacts* facts = cohort.latest(ind.id);
  const auto* pc = cohort.comparison(ind.id, practice);
  if (!facts || !pc || !pc->value || pc->interval) return nullptr;
  const auto* group = facts->comparison.group_for(cohort.geography(), practice, level);
  // Fewer than four practices make no quarters worth the name.
  if (!group || !group->quartiles || group->with_value < 4) return nullptr;
  *value = *pc->value;
  return &*group->quartiles;
}

}  // namespace

std::optional<bool> worst_quarter(const Cohort& cohort, const Indicator& ind, std::size_t practice,
                                  analyse::Level level) {
  double v = 0;
  const auto* q = quarters_for(cohort, ind, practice, level, &v);
  if (!q) return std::nullopt;
  return ind.polarity == Polarity::kHigherIsBetter ? v < q->q1 : v > q->q3;
}

std::optional<bool> best_quarter(const Cohort& cohort, const Indicator& ind, std::size_t practice,
                                 analyse::Level level) {
  double v = 0;
  const auto* q = quarters_for(cohort, ind, practice, level, &v);
  if (!q) return std::nullopt;
  return ind.polarity == Polarity::kHigherIsBetter ? v > q->q3 : v < q->q1;
}

std::vector<int> RiskProfile::met_by_weight(const RiskConfig& config) const {
  std::vector<int> out;
  for (const auto& c : criteria)
    if (c.judgement == Judgement::kMet) out.push_back(c.criterion);
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    return config.weights[static_cast<std::size_t>(a - 1)] > config.weights[static_cast<std::size_t>(b - 1)];
  });
  return out;
}

void validate_risk_config(const RiskConfig& config, const PracticeData& data, Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const auto& ind : data.indicators) ids.push_back(ind.id);
  for (const auto& t : config.thresholds) {
    const Indicator* ind = data.find_indicator(t.indicator);
    if (!ind) {
      std::string msg = fmt::format("[risk] thresholds: unknown indicator '{}'", t.indicator);
      if (auto near = closest_match(t.indicator, ids)) msg += fmt::format(" (did you mean '{}'?)", *near);
      diags.error(t.loc, msg);
    } else if (!ind->criterion) {
      diags.error(t.loc, fmt::format("[risk] thresholds: indicator '{}' informs no national criterion (its criterion "
                                     "in indicators.csv is empty), so a threshold would change nothing",
                                     t.indicator));
    } else if (ind->polarity == Polarity::kNeither) {
      diags.error(t.loc, fmt::format("[risk] thresholds: indicator '{}' has polarity 'neither', so no side of a "
                                     "threshold is worse",
                                     t.indicator));
    }
  }
}

RiskProfile assess_practice(const Cohort& cohort, std::size_t practice, const Assessments& assessments,
                            const RiskConfig& config) {
  const PracticeData& data = cohort.data();
  RiskProfile p;
  p.ods_code = data.practices.at(practice).ods_code;
  for (int n = 1; n <= 16; ++n) p.criteria[static_cast<std::size_t>(n - 1)].criterion = n;

  // Criteria 1 and 2: the overall CQC rating.
  if (const CqcRating* cqc = data.find_cqc(p.ods_code); cqc && cqc->overall) {
    const std::string text = cqc_evidence(*cqc, "overall");
    p.criteria[0].evidence.push_back(
        {text, *cqc->overall == CqcRatingValue::kInadequate ? Judgement::kMet : Judgement::kNotMet});
    p.criteria[1].evidence.push_back(
        {text, *cqc->overall == CqcRatingValue::kRequiresImprovement ? Judgement::kMet : Judgement::kNotMet});
  }
  // Indicators mapped to a criterion, in indicator id order.
  for (const Indicator& ind : data.indicators) {
    if (!ind.criterion || *ind.criterion < 1 || *ind.criterion > 16) continue;
    if (auto e = indicator_evidence(cohort, ind, practice, config))
      p.criteria[static_cast<std::size_t>(*ind.criterion - 1)].evidence.push_back(std::move(*e));
  }
  // Local intelligence: the latest flag on each criterion.
  for (int n = 3; n <= 16; ++n) {
    const IntelligenceFlag* f = assessments.latest_flag(p.ods_code, n);
    if (!f) continue;
    std::string text = fmt::format("Local intelligence recorded {}: {}", f->recorded_on, f->flag ? "yes" : "no");
    if (!f->note.empty()) text += " – " + f->note;
    p.criteria[static_cast<std::size_t>(n - 1)].evidence.push_back(
        {std::move(text), f->flag ? Judgement::kMet : Judgement::kNotMet});
  }
  for (auto& c : p.criteria) {
    bool any_met = false, any_data = false;
    for (const auto& e : c.evidence) {
      any_met = any_met || e.judgement == Judgement::kMet;
      any_data = any_data || e.judgement != Judgement::kNoData;
    }
    c.judgement = any_met ? Judgement::kMet : any_data ? Judgement::kNotMet : Judgement::kNoData;
    if (c.judgement == Judgement::kMet) {
      ++p.criteria_met;
      p.score += config.weights[static_cast<std::size_t>(c.criterion - 1)];
    }
  }
  return p;
}

void rank_profiles(std::vector<RiskProfile>& profiles) {
  std::vector<std::size_t> order(profiles.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const RiskProfile& x = profiles[a];
    const RiskProfile& y = profiles[b];
    return std::tie(y.score, y.criteria_met, x.ods_code) < std::tie(x.score, x.criteria_met, y.ods_code);
  });
  for (std::size_t r = 0; r < order.size(); ++r) profiles[order[r]].rank = static_cast<int>(r + 1);
}

std::vector<RiskProfile> assess_cohort(const Cohort& cohort, const Assessments& assessments, const RiskConfig& config,
                                       unsigned jobs) {
  std::vector<RiskProfile> out(cohort.data().practices.size());
  parallel_for(out.size(), jobs, [&](std::size_t i) { out[i] = assess_practice(cohort, i, assessments, config); });
  rank_profiles(out);
  return out;
}

}  // namespace gpress
