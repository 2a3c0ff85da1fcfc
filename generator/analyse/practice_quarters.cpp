#include "analyse/practice_quarters.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "analyse/practice_trend.hpp"
#include "analyse/risk.hpp"
#include "analyse/support_level.hpp"
#include "analyse/triggers/trigger.hpp"
#include "core/parallel.hpp"

namespace gpress {
namespace {

// The date each kind of assessment row is placed in time by.
const std::string& date_of(const MaturityRating& r) { return r.assessed_on; }
const std::string& date_of(const Team360Score& r) { return r.assessed_on; }
const std::string& date_of(const IntelligenceFlag& r) { return r.recorded_on; }
const std::string& date_of(const SupportOverride& r) { return r.set_on; }

// Whether an assessment row of any kind has a date `accept` takes.
template <typename Accept>
bool any_assessment_dated(const Assessments& a, Accept accept) {
  const auto any = [&](const auto& rows) {
    return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return accept(date_of(r)); });
  };
  return any(a.maturity) || any(a.team360) || any(a.intelligence) || any(a.overrides);
}

// Whether the practice data has a value whose period ends in a month
// `accept_month` takes, or a CQC rating inspected on a date `accept_date`
// takes (an undated rating is in every quarter, so it decides nothing).
template <typename AcceptMonth, typename AcceptDate>
bool any_data_dated(const PracticeData& d, AcceptMonth accept_month, AcceptDate accept_date) {
  return std::any_of(d.values.begin(), d.values.end(),
                     [&](const Value& v) { return accept_month(v.period.last_month()); }) ||
         std::any_of(d.cqc.begin(), d.cqc.end(),
                     [&](const CqcRating& c) { return c.inspected_on && accept_date(*c.inspected_on); });
}

// The rows of `all` dated up to `end`: only those are copied.
template <typename Row>
std::vector<Row> rows_by(const std::vector<Row>& all, const std::string& end) {
  const auto by_end = [&](const Row& r) { return date_of(r) <= end; };
  std::vector<Row> kept;
  kept.reserve(static_cast<std::size_t>(std::count_if(all.begin(), all.end(), by_end)));
  std::copy_if(all.begin(), all.end(), std::back_inserter(kept), by_end);
  return kept;
}

// Whether a snapshot at `end` leaves anything out. The latest quarter's
// usually leaves nothing, and the project's own data can stand in for a copy.
bool assessments_after(const Assessments& all, const std::string& end) {
  return any_assessment_dated(all, [&](const std::string& date) { return date > end; });
}

bool data_after(const PracticeData& all, const Period& quarter, const std::string& end) {
  const int last = quarter.last_month();
  return any_data_dated(
      all, [&](int month) { return month > last; }, [&](const std::string& date) { return date > end; });
}

Assessments assessments_by(const Assessments& all, const std::string& end) {
  Assessments a;
  a.maturity = rows_by(all.maturity, end);
  a.team360 = rows_by(all.team360, end);
  a.intelligence = rows_by(all.intelligence, end);
  a.overrides = rows_by(all.overrides, end);
  a.team360_dimensions = all.team360_dimensions;
  a.reindex();
  return a;
}

PracticeData data_by(const PracticeData& all, const Period& quarter, const std::string& end) {
  PracticeData d;
  d.practices = all.practices;
  d.indicators = all.indicators;
  d.sources = all.sources;
  d.values_path = all.values_path;
  d.widest_area = all.widest_area;
  d.significance = all.significance;
  const int last = quarter.last_month();
  for (const auto& v : all.values)
    if (v.period.last_month() <= last) d.values.push_back(v);
  // A rating without an inspection date cannot be placed in time; it is the
  // only rating there is, so every quarter sees it.
  for (const auto& c : all.cqc)
    if (!c.inspected_on || *c.inspected_on <= end) d.cqc.push_back(c);
  d.reindex();
  return d;
}

// The first date anything was recorded about each practice (the support began):
// one pass over the assessments, not one per practice.
std::unordered_map<std::string, std::string> earliest_assessments(const Assessments& a) {
  std::unordered_map<std::string, std::string> first;
  auto consider = [&](const std::string& ods, const std::string& date) {
    auto [it, inserted] = first.emplace(ods, date);
    if (!inserted && date < it->second) it->second = date;
  };
  for (const auto& r : a.maturity) consider(r.ods_code, r.assessed_on);
  for (const auto& r : a.team360) consider(r.ods_code, r.assessed_on);
  for (const auto& r : a.intelligence) consider(r.ods_code, r.recorded_on);
  for (const auto& r : a.overrides) consider(r.ods_code, r.set_on);
  return first;
}

std::string comparator_words(const RiskConfig& config, const PracticeData& data) {
  const analyse::Level level = analyse::parse_level(config.comparator).value_or(analyse::Level::kEngland);
  return level_label(level, data);
}

const RiskConfig::Threshold* threshold_of(const RiskConfig& config, const std::string& indicator) {
  for (const auto& t : config.thresholds)
    if (t.indicator == indicator) return &t;
  return nullptr;
}

std::string number_words(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// The findings behind the met criteria, named alike for every practice so
// they can be counted: the same three sources the risk profile reads.
std::vector<ThematicItem> findings_of(const Cohort& cohort, std::size_t practice, const Assessments& assessments,
                                      const RiskConfig& config) {
  std::vector<ThematicItem> out;
  const PracticeData& data = cohort.data();
  const std::string& ods = data.practices[practice].ods_code;
  if (const CqcRating* cqc = data.find_cqc(ods); cqc && cqc->overall) {
    if (*cqc->overall == CqcRatingValue::kInadequate)
      out.push_back({"cqc-overall-inadequate", "CQC overall rating Inadequate"});
    if (*cqc->overall == CqcRatingValue::kRequiresImprovement)
      out.push_back({"cqc-overall-requires-improvement", "CQC overall rating Requires improvement"});
  }
  for (const Indicator& ind : data.indicators) {
    if (!ind.criterion || *ind.criterion < 1 || *ind.criterion > 16) continue;
    auto e = indicator_evidence(cohort, ind, practice, config);
    if (!e || e->judgement != Judgement::kMet) continue;
    std::string label;
    if (const auto* t = threshold_of(config, ind.id))
      label = fmt::format("{} {} {}", ind.name, ind.polarity == Polarity::kHigherIsBetter ? "below" : "above",
                          number_words(t->value));
    else label = fmt::format("{} significantly worse than {}", ind.name, comparator_words(config, data));
    out.push_back({"indicator-" + ind.id, std::move(label)});
  }
  // Worse than England and getting worse, for every indicator with a
  // polarity, so the report counts the practices of each.
  for (const Indicator& ind : data.indicators) {
    if (ind.polarity == Polarity::kNeither) continue;
    const auto* pc = cohort.comparison(ind.id, practice);
    // The trend is worked out only where the practice is worse.
    if (!pc || pc->against(analyse::Level::kEngland) != analyse::Significance::kWorse) continue;
    if (!worse_and_getting_worse(pc->against(analyse::Level::kEngland), cohort.trend(ind.id, practice))) continue;
    out.push_back({"worsening-" + ind.id, fmt::format("{} worse than {} and getting worse", ind.name,
                                                      level_label(analyse::Level::kEngland, data))});
  }
  for (int n = 3; n <= 16; ++n) {
    const IntelligenceFlag* f = assessments.latest_flag(ods, n);
    if (f && f->flag)
      out.push_back({fmt::format("intelligence-{}", n),
                     fmt::format("Local intelligence: {}", std::string(national_criterion(n).title))});
  }
  return out;
}

// Who the practice is and where it sits (PCN, sub-ICB, ICB), for counting by
// area.
void name_practice(const Practice& p, PracticeQuarter& q) {
  q.ods = p.ods_code;
  q.name = p.name;
  q.pcn_code = p.pcn_code;
  q.pcn_name = p.pcn_name;
  q.sub_icb_code = p.sub_icb_code;
  q.sub_icb_name = p.sub_icb_name;
  q.icb_code = p.icb_code;
  q.icb_name = p.icb_name;
  q.list_size = p.list_size;
}

// The maturity levels of each theme, one letter per domain in domain order
// (a space for a domain not assessed).
void place_maturity(const std::vector<const MaturityRating*>& maturity, PracticeQuarter& q) {
  for (const MaturityRating* m : maturity) {
    auto& levels = q.maturity[m->theme];
    if (levels.size() < static_cast<std::size_t>(m->domain)) levels.resize(static_cast<std::size_t>(m->domain), ' ');
    levels[static_cast<std::size_t>(m->domain - 1)] = m->level;
  }
}

}  // namespace

bool has_data_by(const ProjectInputs& project, const Assessments& assessments, const Period& quarter) {
  const std::string end = quarter_last_day(quarter);
  const int last = quarter.last_month();
  const auto by_end = [&](const std::string& date) { return date <= end; };
  return any_data_dated(
             project.data, [&](int month) { return month <= last; }, by_end) ||
         any_assessment_dated(assessments, by_end);
}

std::vector<PracticeQuarter> practice_quarters(const ProjectInputs& project, const Assessments& all,
                                               const Period& quarter, unsigned jobs) {
  const std::string end = quarter_last_day(quarter);
  std::optional<PracticeData> data_copy;
  if (data_after(project.data, quarter, end)) data_copy = data_by(project.data, quarter, end);
  const PracticeData& data = data_copy ? *data_copy : project.data;
  std::optional<Assessments> assessments_copy;
  if (assessments_after(all, end)) assessments_copy = assessments_by(all, end);
  const Assessments& assessments = assessments_copy ? *assessments_copy : all;
  const Cohort cohort(data, jobs);
  const RiskConfig& risk = project.config.risk;
  const std::vector<RiskProfile> profiles = assess_cohort(cohort, assessments, risk, jobs);
  const TriggerEnv env{data, project.themes, assessments.team360_dimensions};
  // The options report reports problems with the actions; here they only
  // leave out the broken trigger.
  Diagnostics ignored;
  const std::vector<CompiledAction> actions = compile_actions(project.content.actions, env, ignored);
  PriorityRules priority;
  priority.weights = risk.weights;
  priority.as_of = end;

  const auto first_seen = earliest_assessments(assessments);
  std::vector<PracticeQuarter> out(data.practices.size());
  parallel_for(data.practices.size(), jobs, [&](std::size_t i) {
    const Practice& p = data.practices[i];
    PracticeQuarter& q = out[i];
    name_practice(p, q);
    const RiskProfile& risk_profile = profiles[i];
    for (int n = 1; n <= 16; ++n)
      if (risk_profile.met(n)) q.criteria_met.push_back(n);
    const auto maturity = assessments.latest_maturity(p.ods_code);
    const auto team360 = assessments.latest_team360(p.ods_code);
    const SupportDecision decision =
        decide_support(risk_profile, maturity, team360, assessments.override_of(p.ods_code), project.config.support);
    q.support_level = std::string(to_string(decision.level));
    q.findings = findings_of(cohort, i, assessments, risk);
    // The actions the options report built at the quarter's end would lead with.
    const PracticeFacts facts{cohort, i, assessments, project.themes};
    std::size_t leading = 0;
    for (const auto& rec : recommend(actions, facts, priority, decision.level))
      if (rec.suits_level && leading++ < static_cast<std::size_t>(project.config.options.max_actions))
        q.actions.push_back({rec.page->slug, rec.page->title});
    place_maturity(maturity, q);
    if (const CqcRating* c = data.find_cqc(p.ods_code); c && c->overall) {
      q.cqc_overall = std::string(to_string(*c->overall));
      q.cqc_inspected_on = c->inspected_on;
    }
    if (auto since = first_seen.find(p.ods_code); since != first_seen.end()) {
      q.supported = true;
      q.supported_since = since->second;
    }
  });
  // The report covers the programme's cohort, less practices closed by the
  // quarter's end; their figures still count in the comparators above.
  std::vector<PracticeQuarter> covered;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Practice& p = data.practices[i];
    if (p.in_cohort && (p.closed_on.empty() || p.closed_on > end)) covered.push_back(std::move(out[i]));
  }
  return covered;
}

}  // namespace gpress
