#include "assemble/pack.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "analyse/risk.hpp"
#include "assemble/pack_peers.hpp"
#include "assemble/pack_trend.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"

namespace gpress {
namespace {

using json = nlohmann::json;
using analyse::Level;
using analyse::Significance;

constexpr std::array<Level, analyse::kLevelCount> kLevels = {Level::kPcn, Level::kSubIcb, Level::kIcb, Level::kEngland};

// The widest level is named for what it covers (PackPage::widest_area).
std::string level_name(Level level, const PackPage& page) {
  switch (level) {
    case Level::kPcn: return "PCN";
    case Level::kSubIcb: return "Sub-ICB";
    case Level::kIcb: return "ICB";
    case Level::kEngland: return page.widest_area;
  }
  return "";
}

std::vector<analyse::PracticeAreas> areas_of(const PracticeData& data) {
  std::vector<analyse::PracticeAreas> out;
  out.reserve(data.practices.size());
  for (const auto& p : data.practices) out.push_back({p.pcn_code, p.sub_icb_code, p.icb_code});
  return out;
}

std::string iso_date_words(const std::string& iso) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  if (!is_iso_date(iso)) return iso;
  const int month = std::stoi(iso.substr(5, 2));
  return fmt::format("{} {} {}", std::stoi(iso.substr(8, 2)), kMonths[month - 1], iso.substr(0, 4));
}

std::string rating_token(std::optional<CqcRatingValue> r) {
  if (!r) return "not-rated";
  return slugify(to_string(*r));
}

std::string rating_text(std::optional<CqcRatingValue> r) { return r ? std::string(to_string(*r)) : "Not rated"; }

// Objects are built key by key in the loops that make a page: nlohmann's
// initializer lists build every pair as an array first.
json sig_json(Significance s, std::string_view area, analyse::Confidence level) {
  json j = json::object();
  j["text"] = significance_text(s, area, level);
  j["token"] = significance_token(s);
  return j;
}

json sources_json(const PackPage& page) {
  json sources = json::array();
  if (page.sources)
    for (const Source& s : *page.sources)
      sources.push_back({{"title", s.title},
                         {"publisher", s.publisher},
                         {"period", s.period},
                         {"has_period", !s.period.empty()},
                         {"url", s.url},
                         {"has_url", !s.url.empty()},
                         {"licence", s.licence.empty() ? "Open Government Licence v3.0" : s.licence},
                         {"attribution", s.attribution}});
  return sources;
}

std::string groupings_statement(const Practice& p, const PackPage& page) {
  if (p.groupings_on.empty() && p.groupings_source.empty()) return {};
  std::string out = "Practice groupings";
  if (!p.groupings_on.empty()) out += " as at " + iso_date_words(p.groupings_on);
  if (!p.groupings_source.empty()) out += ", from " + source_title(page, p.groupings_source);
  return out;
}

}  // namespace

std::string source_title(const PackPage& page, const std::string& id) {
  if (page.sources)
    for (const Source& s : *page.sources)
      if (s.id == id) return s.title;
  return id;
}

// ---- Words and numbers -------------------------------------------------------

int unit_decimals(Unit unit) {
  switch (unit) {
    case Unit::kCount: return 0;
    case Unit::kGbp: return 2;
    default: return 1;
  }
}

std::string format_number(double v, int decimals) {
  std::string s = format_fixed(v, decimals);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // "-0.0"
  const std::size_t sign = s.front() == '-' ? 1 : 0;
  std::size_t int_end = s.find('.');
  if (int_end == std::string::npos) int_end = s.size();
  const std::size_t digits = int_end - sign;
  if (digits <= 3) return s;
  // Thousands separators in one pass, not one insert (and move) each.
  std::string out;
  out.reserve(s.size() + digits / 3);
  out.append(s, 0, sign);
  for (std::size_t i = 0; i < digits; ++i) {
    if (i > 0 && (digits - i) % 3 == 0) out += ',';
    out += s[sign + i];
  }
  out.append(s, int_end, std::string::npos);
  return out;
}

std::string format_bare(Unit unit, double v) {
  const std::string n = format_number(v, unit_decimals(unit));
  if (unit == Unit::kGbp) return n.front() == '-' ? "-£" + n.substr(1) : "£" + n;
  return n;
}

std::string format_value(Unit unit, std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return "Not published";
  const std::string n = format_bare(unit, *v);
  switch (unit) {
    case Unit::kPercent: return n + "%";
    case Unit::kPer1000: return n + " per 1,000";
    case Unit::kPer10000: return n + " per 10,000";
    default: return n;
  }
}

std::string format_count(double v) {
  if (std::abs(v - std::round(v)) < 1e-9) return format_number(v, 0);
  std::string s = format_number(v, 2);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string_view unit_label(Unit unit) {
  switch (unit) {
    case Unit::kPercent: return "percentage";
    case Unit::kCount: return "count";
    case Unit::kRatio: return "ratio";
    case Unit::kPer1000: return "per 1,000 patients";
    case Unit::kPer10000: return "per 10,000 patients";
    case Unit::kScore: return "score";
    case Unit::kGbp: return "pounds";
  }
  return "";
}

std::string_view polarity_label(Polarity polarity) {
  switch (polarity) {
    case Polarity::kHigherIsBetter: return "Higher is better";
    case Polarity::kLowerIsBetter: return "Lower is better";
    case Polarity::kNeither: return "Neither higher nor lower is better";
  }
  return "";
}

std::string significance_text(Significance s, std::string_view area, analyse::Confidence level) {
  const std::string_view pct = analyse::percent_text(level);
  switch (s) {
    case Significance::kBetter: return fmt::format("Better than {} ({} confidence)", area, pct);
    case Significance::kWorse: return fmt::format("Worse than {} ({} confidence)", area, pct);
    case Significance::kHigher: return fmt::format("Higher than {} ({} confidence)", area, pct);
    case Significance::kLower: return fmt::format("Lower than {} ({} confidence)", area, pct);
    case Significance::kSimilar: return fmt::format("Similar to {}", area);
    case Significance::kNotCompared: return fmt::format("Not compared with {}", area);
  }
  return "";
}

std::string significance_token(Significance s) {
  return s == Significance::kNotCompared ? "not-compared" : std::string(analyse::to_string(s));
}

// The analyse module keeps its own enums so it does not depend on the model;
// both follow indicators.csv's spelling and order.
analyse::Unit to_analyse(Unit unit) {
  switch (unit) {
    case Unit::kPercent: return analyse::Unit::kPercent;
    case Unit::kCount: return analyse::Unit::kCount;
    case Unit::kRatio: return analyse::Unit::kRatio;
    case Unit::kPer1000: return analyse::Unit::kPer1000;
    case Unit::kPer10000: return analyse::Unit::kPer10000;
    case Unit::kScore: return analyse::Unit::kScore;
    case Unit::kGbp: return analyse::Unit::kGbp;
  }
  return analyse::Unit::kScore;
}

analyse::Polarity to_analyse(Polarity polarity) {
  switch (polarity) {
    case Polarity::kHigherIsBetter: return analyse::Polarity::kHigherIsBetter;
    case Polarity::kLowerIsBetter: return analyse::Polarity::kLowerIsBetter;
    case Polarity::kNeither: return analyse::Polarity::kNeither;
  }
  return analyse::Polarity::kNeither;
}

// ---- Analysis ---------------------------------------------------------------

PackAnalysis::PackAnalysis(const PracticeData& data, std::optional<Period> cap, unsigned jobs, std::size_t peers)
    : data_(data), cap_(cap), geography_(areas_of(data)), profiles_(data, cap), peer_count_(peers) {
  std::vector<const Indicator*> order;
  for (const auto& i : data.indicators) order.push_back(&i);
  std::sort(order.begin(), order.end(), [](const Indicator* a, const Indicator* b) {
    return std::tuple(a->domain, a->criterion.value_or(100), a->name, a->id) <
           std::tuple(b->domain, b->criterion.value_or(100), b->name, b->id);
  });
  std::unordered_map<std::string_view, std::size_t> indicator_pos, practice_pos;
  for (std::size_t i = 0; i < order.size(); ++i) indicator_pos[order[i]->id] = i;
  for (std::size_t i = 0; i < data.practices.size(); ++i) practice_pos[data.practices[i].ods_code] = i;

  // One pass over the values, bucketed by indicator and period.
  struct Pending {
    std::vector<analyse::Observation> observations;
    std::vector<const Value*> values;
  };
  std::vector<std::map<Period, Pending>> pending(order.size());
  for (const Value& v : data.values) {
    if (cap_ && v.period.first_month() > cap_->last_month()) continue;
    auto ip = indicator_pos.find(v.indicator_id);
    auto pp = practice_pos.find(v.ods_code);
    if (ip == indicator_pos.end() || pp == practice_pos.end()) continue;
    Pending& p = pending[ip->second][v.period];
    p.observations.push_back({pp->second, v.value, v.numerator, v.denominator});
    p.values.push_back(&v);
    if (!first_ || v.period < *first_) first_ = v.period;
    if (!last_ || *last_ < v.period) last_ = v.period;
  }

  struct Job {
    std::size_t indicator, bucket;
    const Pending* pending;
  };
  std::vector<Job> work;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (pending[i].empty()) continue;
    IndicatorBuckets ib{order[i], {}};
    for (const auto& [period, p] : pending[i]) {
      ib.buckets.push_back(Bucket{period, {}, {}, std::nullopt, {}});
      work.push_back({indicators_.size(), ib.buckets.size() - 1, &p});
    }
    if (order[i]->id == "imd_score") imd_ = indicators_.size();
    indicators_.push_back(std::move(ib));
  }
  const std::size_t n = data.practices.size();
  parallel_for(work.size(), jobs, [&](std::size_t w) {
    const Job& job = work[w];
    Bucket& b = indicators_[job.indicator].buckets[job.bucket];
    const Indicator& ind = *indicators_[job.indicator].indicator;
    b.comparison = analyse::compare_indicator(geography_, job.pending->observations, to_analyse(ind.interval),
                                              to_analyse(ind.unit), to_analyse(ind.polarity), data_.significance);
    if (job.bucket + 1 == indicators_[job.indicator].buckets.size())
      b.funnel =
          analyse::make_funnel(to_analyse(ind.interval), to_analyse(ind.unit), job.pending->observations,
                               b.comparison.groups[static_cast<std::size_t>(Level::kEngland)][0].comparator.value);
    b.deciles = analyse::decile_comparators(job.pending->observations, profiles_.deprivation_deciles(),
                                            to_analyse(ind.unit), b.comparison.method);
    b.by_practice.assign(n, nullptr);
    for (std::size_t k = 0; k < job.pending->observations.size(); ++k)
      b.by_practice[job.pending->observations[k].practice] = job.pending->values[k];
  });
}

std::vector<std::pair<const Indicator*, const analyse::Funnel*>> PackAnalysis::funnels() const {
  std::vector<std::pair<const Indicator*, const analyse::Funnel*>> out;
  for (const IndicatorBuckets& ib : indicators_)
    if (ib.buckets.back().funnel) out.emplace_back(ib.indicator, &*ib.buckets.back().funnel);
  return out;
}

PracticePack PackAnalysis::pack(std::size_t index) const {
  PracticePack out;
  const Practice& p = data_.practices[index];
  out.practice = &p;
  out.cqc = data_.find_cqc(p.ods_code);
  const std::array<std::pair<const std::string*, const std::string*>, analyse::kLevelCount> names = {
      std::pair{&p.pcn_code, &p.pcn_name}, std::pair{&p.sub_icb_code, &p.sub_icb_name},
      std::pair{&p.icb_code, &p.icb_name}, std::pair{nullptr, nullptr}};
  out.indicators.reserve(indicators_.size());
  for (const IndicatorBuckets& ib : indicators_) {
    IndicatorFigures f{ib.indicator, {}, {}, nullptr, std::nullopt};
    f.funnel = ib.buckets.back().funnel ? &*ib.buckets.back().funnel : nullptr;
    f.periods.reserve(ib.buckets.size());
    for (const Bucket& b : ib.buckets) {
      const analyse::PracticeComparison& pc = b.comparison.practices[index];
      PeriodFigures pf;
      pf.period = b.period;
      pf.value = pc.value;
      if (const Value* v = b.by_practice[index]) {
        pf.numerator = v->numerator;
        pf.denominator = v->denominator;
      }
      pf.interval = pc.interval;
      pf.interval_998 = pc.interval_998;
      pf.method = b.comparison.method;
      pf.england_decile = pc.england_decile;
      pf.icb_decile = pc.icb_decile;
      for (Level level : kLevels) {
        AreaFigures& a = pf.areas[static_cast<std::size_t>(level)];
        const auto& [code, name] = names[static_cast<std::size_t>(level)];
        if (code) {
          a.code = *code;
          a.name = name->empty() ? *code : *name;
        } else {
          a.code = std::string(analyse::kEnglandCode);
          a.name = data_.widest_area;
        }
        a.significance = pc.against(level);
        if (const analyse::GroupSummary* g = b.comparison.group_for(geography_, index, level)) {
          a.value = g->comparator.value;
          a.practices = g->comparator.practices;
          a.spread = g->quartiles;
        } else {
          a.code.clear();
          a.name.clear();
        }
      }
      f.periods.push_back(std::move(pf));
    }
    f.trend = recent_trend_of(f);
    out.indicators.push_back(std::move(f));
  }
  if (imd_) {
    const PeriodFigures& latest = out.indicators[*imd_].latest();
    out.deprivation = latest.value;
  }
  add_peer_figures(out, index);
  return out;
}

// ---- Template contexts -------------------------------------------------------

namespace {

std::string deprivation_statement(const PracticePack& pack, const PackPage& page) {
  if (!pack.deprivation) return "Not published";
  std::string out = format_number(*pack.deprivation, 1);
  if (pack.deprivation_decile)
    out += fmt::format(" (IMD score; decile {} of 10 in {}, where 1 is the most deprived)", *pack.deprivation_decile,
                       page.widest_area);
  else out += " (IMD score)";
  return out;
}

// Who the practice is: names, codes and the areas it is compared with.
json practice_json(const PracticePack& pack, const PackPage& page) {
  const Practice& p = *pack.practice;
  const std::string& contract = p.contract_type;
  json practice = {
      {"ods", p.ods_code},
      {"name", p.name},
      {"postcode", p.postcode},
      {"list_size",
       p.list_size ? format_number(static_cast<double>(*p.list_size), 0) + " registered patients" : "Not published"},
      {"pcn", p.pcn_name.empty() ? "Not in a PCN" : p.pcn_name},
      {"pcn_code", p.pcn_code},
      {"sub_icb", p.sub_icb_name.empty() ? p.sub_icb_code : p.sub_icb_name},
      {"sub_icb_code", p.sub_icb_code},
      {"icb", p.icb_name.empty() ? p.icb_code : p.icb_name},
      {"icb_code", p.icb_code},
      {"region", p.region.empty() ? "Not published" : p.region},
      {"deprivation", deprivation_statement(pack, page)},
      {"contract", contract},
      {"has_contract", !contract.empty()},
  };
  const std::string groupings = groupings_statement(p, page);
  practice["groupings"] = groupings;
  practice["has_groupings"] = !groupings.empty();
  return practice;
}

// CQC: overall and the five key questions.
json cqc_json(const CqcRating* r) {
  json cqc = {{"rated", false}};
  if (!r) return cqc;
  const bool any = r->overall || r->safe || r->effective || r->caring || r->responsive || r->well_led;
  cqc["rated"] = any;
  cqc["inspected_on"] = r->inspected_on ? iso_date_words(*r->inspected_on) : "";
  cqc["has_date"] = r->inspected_on.has_value();
  cqc["overall"] = rating_text(r->overall);
  cqc["overall_token"] = rating_token(r->overall);
  json domains = json::array();
  for (const auto& [name, rating] :
       std::initializer_list<std::pair<const char*, std::optional<CqcRatingValue>>>{{"Safe", r->safe},
                                                                                    {"Effective", r->effective},
                                                                                    {"Caring", r->caring},
                                                                                    {"Responsive", r->responsive},
                                                                                    {"Well-led", r->well_led}})
    domains.push_back({{"name", name}, {"rating", rating_text(rating)}, {"token", rating_token(rating)}});
  cqc["domains"] = std::move(domains);
  return cqc;
}

// The practice's latest value against each comparator area it has.
json areas_json(const PeriodFigures& pf, const Indicator& ind, const PackPage& page) {
  json areas = json::array();
  for (Level level : kLevels) {
    const AreaFigures& a = pf.area(level);
    if (a.code.empty()) continue;
    json area = json::object();
    area["level"] = level_name(level, page);
    area["name"] = level == Level::kEngland ? std::string() : a.name;
    area["value"] = a.value ? format_value(ind.unit, a.value) : "Not available";
    area["practices"] = format_number(static_cast<double>(a.practices), 0);
    area["significance"] = sig_json(a.significance, level_name(level, page), page.significance);
    areas.push_back(std::move(area));
  }
  return areas;
}

// The spread of practice values in the ICB and the widest area.
json spreads_json(const PeriodFigures& pf, const Indicator& ind, const PackPage& page) {
  json spreads = json::array();
  for (Level level : {Level::kIcb, Level::kEngland}) {
    const AreaFigures& a = pf.area(level);
    if (!a.spread) continue;
    auto v = [&](double x) { return format_value(ind.unit, x); };
    json spread = json::object();
    spread["level"] = level_name(level, page);
    spread["min"] = v(a.spread->min);
    spread["q1"] = v(a.spread->q1);
    spread["median"] = v(a.spread->median);
    spread["q3"] = v(a.spread->q3);
    spread["max"] = v(a.spread->max);
    spreads.push_back(std::move(spread));
  }
  return spreads;
}

// Ends of the spine chart, named as Fingertips names them.
void add_spine_ends(json& e, const Indicator& ind, const analyse::Quartiles& sp, const PackPage& page) {
  const bool has_polarity = ind.polarity != Polarity::kNeither;
  const bool reversed = ind.polarity == Polarity::kLowerIsBetter;
  const double left = reversed ? sp.max : sp.min, right = reversed ? sp.min : sp.max;
  e["spine_left"] =
      fmt::format("{} in {}: {}", has_polarity ? "Worst" : "Lowest", page.widest_area, format_value(ind.unit, left));
  e["spine_right"] =
      fmt::format("{} in {}: {}", has_polarity ? "Best" : "Highest", page.widest_area, format_value(ind.unit, right));
}

// "50.2% to 69.1%"; "Not available" without an interval or a value.
std::string interval_text(Unit unit, const std::optional<analyse::Interval>& ci, std::optional<double> value) {
  if (!ci || !value) return "Not available";
  return fmt::format("{} to {}", format_value(unit, ci->lower), format_value(unit, ci->upper));
}

// Every period's value for the practice, the ICB and England.
json trend_rows_json(const IndicatorFigures& f) {
  const Indicator& ind = *f.indicator;
  json rows = json::array();
  for (const PeriodFigures& q : f.periods) {
    json row = json::object();
    row["period"] = q.period.str();
    row["practice"] = format_value(ind.unit, q.value);
    row["icb"] = q.area(Level::kIcb).value ? format_value(ind.unit, q.area(Level::kIcb).value) : "Not available";
    row["england"] = format_value(ind.unit, q.area(Level::kEngland).value);
    row["ci95"] = interval_text(ind.unit, q.interval, q.value);
    row["ci998"] = interval_text(ind.unit, q.interval_998, q.value);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The latest period's value, its interval and counts, as the page states them.
void add_latest_value(json& e, const Indicator& ind, const PeriodFigures& pf) {
  e["period"] = pf.period.str();
  e["value"] = format_value(ind.unit, pf.value);
  e["has_value"] = pf.value.has_value();
  const bool counts = pf.numerator && pf.denominator;
  e["has_counts"] = counts;
  e["counts"] = counts ? fmt::format("{} / {}", format_count(*pf.numerator), format_count(*pf.denominator)) : "";
  e["has_interval"] = pf.interval.has_value() && pf.value.has_value();
  e["interval"] = interval_text(ind.unit, pf.interval, pf.value);
  e["interval_998"] = interval_text(ind.unit, pf.interval_998, pf.value);
  // The trend table has interval columns when the indicator has intervals at all.
  e["trend_intervals"] = ind.interval != IntervalMethod::kNone;
}

// One indicator's section of the pack.
json indicator_json(const PracticePack& pack, const IndicatorFigures& f, const PackPage& page, const ChartFn& spine,
                    const ChartFn& trend, const DistributionCharts& distribution) {
  const Indicator& ind = *f.indicator;
  const PeriodFigures& pf = f.latest();
  const AreaFigures& england = pf.area(Level::kEngland);
  json e;
  e["id"] = ind.id;
  e["anchor"] = "ind-" + slugify(ind.id);
  e["name"] = ind.name;
  e["has_criterion"] = ind.criterion.has_value();
  e["criterion"] = ind.criterion
                       ? fmt::format("Criterion {}: {}", *ind.criterion, national_criterion(*ind.criterion).title)
                       : std::string("No national criterion");
  e["unit"] = std::string(unit_label(ind.unit));
  e["polarity"] = std::string(polarity_label(ind.polarity));
  add_latest_value(e, ind, pf);
  e["vs_england"] = sig_json(england.significance, page.widest_area, page.significance);
  e["vs_icb"] = sig_json(pf.area(Level::kIcb).significance, "ICB", page.significance);
  e["trend"] = trend_json(f.trend);
  e["areas"] = areas_json(pf, ind, page);
  add_peer_areas(e["areas"], pf, ind, page);
  e["expected"] = expected_json(pack, f, page);
  e["has_expected"] = !e["expected"].is_null();
  e["method"] = pf.method == analyse::ComparatorMethod::kPooled
                    ? "Area values are pooled: the total of the practices' numerators over the total of their "
                      "denominators."
                    : "Area values are the median of the practices' values (no numerators and denominators).";
  json spreads = spreads_json(pf, ind, page);
  e["has_spreads"] = !spreads.empty();
  e["spreads"] = std::move(spreads);
  e["has_decile"] = pf.england_decile.has_value();
  e["decile"] = pf.england_decile ? fmt::format("Decile {} of 10 in {}{}", *pf.england_decile, page.widest_area,
                                                pf.icb_decile ? fmt::format(" and {} in the ICB", *pf.icb_decile) : "")
                                  : "";
  const auto& sp = england.spread;
  if (sp) add_spine_ends(e, ind, *sp, page);
  e["has_spine"] = sp.has_value();
  e["spine_chart"] = sp && spine ? spine(pack, f) : "";
  // One period has no trend to draw: its figure is in the table below.
  const bool draw_trend = trend && f.periods.size() > 1;
  e["has_trend_chart"] = draw_trend;
  e["trend_chart"] = draw_trend ? trend(pack, f) : "";
  std::string funnel = distribution.funnel ? distribution.funnel(pack, f) : "";
  std::string boxes = distribution.boxes ? distribution.boxes(pack, f) : "";
  e["has_funnel"] = !funnel.empty();
  e["has_boxes"] = !boxes.empty();
  e["funnel_chart"] = std::move(funnel);
  e["box_chart"] = std::move(boxes);
  e["trend_rows"] = trend_rows_json(f);
  e["period_count"] = std::to_string(f.periods.size());
  e["description"] = ind.description;
  e["source"] = source_title(page, ind.source);
  return e;
}

// How a domain's indicators compare with England, for the summary table.
struct DomainTally {
  int better = 0, similar = 0, worse = 0, higher_lower = 0, not_compared = 0;

  void count(Significance s) {
    switch (s) {
      case Significance::kBetter: ++better; break;
      case Significance::kSimilar: ++similar; break;
      case Significance::kWorse: ++worse; break;
      case Significance::kHigher:
      case Significance::kLower: ++higher_lower; break;
      case Significance::kNotCompared: ++not_compared; break;
    }
  }
};

json domain_summary_json(Domain domain, const std::string& anchor, const DomainTally& t, std::size_t total) {
  return {{"title", std::string(criteria_domain_title(domain))},
          {"anchor", anchor},
          {"better", std::to_string(t.better)},
          {"similar", std::to_string(t.similar)},
          {"worse", std::to_string(t.worse)},
          {"higher_lower", std::to_string(t.higher_lower)},
          {"not_compared", std::to_string(t.not_compared)},
          {"total", std::to_string(total)}};
}

struct DomainSections {
  json domains = json::array();  ///< each domain's title, anchor and indicators
  json summary = json::array();  ///< each domain's counts against England
};

// The indicators, grouped by domain (they arrive in domain order), and the
// summary of each domain.
DomainSections domain_sections(const PracticePack& pack, const PackPage& page, const ChartFn& spine,
                               const ChartFn& trend, const DistributionCharts& distribution) {
  DomainSections out;
  for (std::size_t i = 0; i < pack.indicators.size();) {
    const Domain domain = pack.indicators[i].indicator->domain;
    json list = json::array();
    DomainTally tally;
    for (; i < pack.indicators.size() && pack.indicators[i].indicator->domain == domain; ++i) {
      const IndicatorFigures& f = pack.indicators[i];
      tally.count(f.latest().area(Level::kEngland).significance);
      list.push_back(indicator_json(pack, f, page, spine, trend, distribution));
    }
    const std::string anchor = "domain-" + std::string(to_string(domain));
    const std::size_t total = list.size();
    json group = json::object();
    group["title"] = std::string(criteria_domain_title(domain));
    group["anchor"] = anchor;
    group["indicators"] = std::move(list);
    out.domains.push_back(std::move(group));
    out.summary.push_back(domain_summary_json(domain, anchor, tally, total));
  }
  return out;
}

json periods_json(const PackPage& page) {
  return {{"first", page.first_period ? page.first_period->str() : ""},
          {"last", page.last_period ? page.last_period->str() : ""},
          {"has_range", page.first_period.has_value()},
          {"cap", page.cap ? page.cap->str() : ""},
          {"has_cap", page.cap.has_value()}};
}

}  // namespace

json pack_context(const PracticePack& pack, const PackPage& page, const ChartFn& spine, const ChartFn& trend,
                  const DistributionCharts& distribution) {
  const Practice& p = *pack.practice;
  json ctx;
  ctx["page_title"] = fmt::format("{} ({}): data pack", p.name, p.ods_code);
  ctx["generator"] = page.generator;
  ctx["styles"] = page.styles;
  ctx["programme"] = {{"name", page.programme}, {"local_office", page.local_office}};
  ctx["index_url"] = page.index_url;
  ctx["workbook_url"] = page.workbook_url;
  ctx["confidence"] = std::string(analyse::percent_text(page.significance));
  ctx["at_998"] = page.significance == Confidence::k998;
  ctx["practice"] = practice_json(pack, page);
  const std::string pyramid = distribution.pyramid ? distribution.pyramid(pack) : "";
  ctx["pyramid"] = {{"has_chart", !pyramid.empty()}, {"chart", pyramid}};
  ctx["widest_area"] = page.widest_area;
  ctx["cqc"] = cqc_json(pack.cqc);
  ctx["peers"] = peers_json(pack, page);
  DomainSections sections = domain_sections(pack, page, spine, trend, distribution);
  ctx["has_indicators"] = !sections.domains.empty();
  ctx["worsening"] = worsening_json(pack);
  ctx["has_worsening"] = !ctx["worsening"].empty();
  ctx["domains"] = std::move(sections.domains);
  ctx["summary"] = std::move(sections.summary);
  ctx["sources"] = sources_json(page);
  ctx["periods"] = periods_json(page);
  return ctx;
}

json index_context(const std::vector<IndexEntry>& entries, const PackPage& page, const std::string& script) {
  json ctx;
  ctx["page_title"] = "Practices in priority order";
  ctx["generator"] = page.generator;
  ctx["styles"] = page.styles;
  ctx["script"] = script;
  ctx["programme"] = {{"name", page.programme}, {"local_office", page.local_office}};
  json rows = json::array();
  for (const IndexEntry& e : entries) {
    const Practice& p = *e.practice;
    json links = json::array();
    for (const auto& [title, url] : e.links) links.push_back({{"title", title}, {"url", url}});
    const bool has_links = !links.empty();
    rows.push_back({{"ods", p.ods_code},
                    {"name", p.name},
                    {"pcn", p.pcn_name},
                    {"icb", p.icb_name.empty() ? p.icb_code : p.icb_name},
                    {"list_size", p.list_size ? format_number(static_cast<double>(*p.list_size), 0) : "Not published"},
                    {"list_size_sort", p.list_size ? std::to_string(*p.list_size) : "-1"},
                    {"links", std::move(links)},
                    {"has_links", has_links},
                    {"rank", e.rank},
                    {"risk_score", e.risk_score},
                    {"support_level", e.support_level},
                    {"support_slug", e.support_slug},
                    {"overridden", e.overridden},
                    {"top_criteria", join(e.top_criteria, "; ")},
                    {"top_action", e.top_action},
                    {"has_top_action", !e.top_action.empty()}});
  }
  ctx["practices"] = std::move(rows);
  ctx["widest_area"] = page.widest_area;
  ctx["sources"] = sources_json(page);
  ctx["count"] = format_number(static_cast<double>(entries.size()), 0);
  ctx["periods"] = {{"first", page.first_period ? page.first_period->str() : ""},
                    {"last", page.last_period ? page.last_period->str() : ""},
                    {"has_range", page.first_period.has_value()},
                    {"cap", page.cap ? page.cap->str() : ""},
                    {"has_cap", page.cap.has_value()}};
  return ctx;
}

}  // namespace gpress
