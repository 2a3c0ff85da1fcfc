#include "products/distribution_charts.hpp"

#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"
#include "render/box_plot.hpp"
#include "render/population_pyramid.hpp"

namespace gpress {
namespace {

using analyse::FunnelBand;
using analyse::Level;

std::string with_unit_tick(Unit unit, double v) {
  const std::string s = format_bare(unit, v);
  return unit == Unit::kPercent ? s + "%" : s;
}

// Where the practice lies, in words: the description's and the label's.
std::string band_words(FunnelBand band) {
  switch (band) {
    case FunnelBand::kAbove998: return "above the 99.8% upper limit";
    case FunnelBand::kAbove95: return "above the 95% upper limit, within the 99.8% limits";
    case FunnelBand::kWithin95: return "within the 95% limits";
    case FunnelBand::kBelow95: return "below the 95% lower limit, within the 99.8% limits";
    case FunnelBand::kBelow998: return "below the 99.8% lower limit";
  }
  return "";
}

std::string band_label(FunnelBand band) {
  switch (band) {
    case FunnelBand::kAbove998: return "Practice: above 99.8% limit";
    case FunnelBand::kAbove95: return "Practice: above 95% limit";
    case FunnelBand::kWithin95: return "Practice: within limits";
    case FunnelBand::kBelow95: return "Practice: below 95% limit";
    case FunnelBand::kBelow998: return "Practice: below 99.8% limit";
  }
  return "Practice";
}

}  // namespace

PackDistribution::PackDistribution(const PackAnalysis& analysis, const PracticeData& data)
    : widest_area_(data.widest_area), pyramids_(data) {
  for (const auto& [indicator, funnel] : analysis.funnels()) {
    charts::FunnelAxes axes;
    axes.area = widest_area_;
    axes.format_value = [unit = indicator->unit](double v) { return with_unit_tick(unit, v); };
    axes.format_denominator = [](double v) { return format_number(v, 0); };
    axes.denominator_label = "Practice's denominator";
    frames_.emplace(funnel, charts::funnel_frame(*funnel, axes));
  }
}

DistributionCharts PackDistribution::charts() const {
  return {[this](const PracticePack& p, const IndicatorFigures& f) { return funnel(p, f); }, box_plots,
          [this](const PracticePack& p) { return pyramid(p); }};
}

std::string PackDistribution::pyramid(const PracticePack& pack) const {
  const AgePyramid* practice = pyramids_.practice(pack.practice->ods_code);
  if (!practice || !(practice->total() > 0)) return {};
  const AgePyramid* england = pyramids_.england(practice->period);
  charts::PyramidChart c;
  c.id = "profile-pyramid";
  c.title = fmt::format("Registered patients by age and sex, {}, against {}", practice->period.str(), widest_area_);
  c.outline_name = widest_area_;
  const double total = practice->total(), england_total = england ? england->total() : 0;
  auto share = [](double n, double of) { return of > 0 ? 100 * n / of : 0.0; };
  auto pct = [](double v) { return format_number(v, 1) + "%"; };
  std::vector<std::string> words;
  double over65 = 0, england_over65 = 0;
  for (std::size_t b = 0; b < kAgeBands.size(); ++b) {
    c.bands.emplace_back(kAgeBands[b]);
    c.male.push_back(share(practice->male[b], total));
    c.female.push_back(share(practice->female[b], total));
    std::string w = fmt::format("{}: male {}, female {}", kAgeBands[b], pct(c.male.back()), pct(c.female.back()));
    if (england_total > 0) {
      c.outline_male.push_back(share(england->male[b], england_total));
      c.outline_female.push_back(share(england->female[b], england_total));
      w += fmt::format(" ({} {} and {})", widest_area_, pct(c.outline_male.back()), pct(c.outline_female.back()));
    }
    if (b >= kFirstBand65) {
      over65 += practice->male[b] + practice->female[b];
      if (england) england_over65 += england->male[b] + england->female[b];
    }
    words.push_back(std::move(w));
  }
  c.description =
      fmt::format("{} registered patients on the first day of {} ({} male, {} female); aged 65 and over: {}",
                  format_number(total, 0), practice->period.str(),
                  format_number(std::accumulate(practice->male.begin(), practice->male.end(), 0.0), 0),
                  format_number(std::accumulate(practice->female.begin(), practice->female.end(), 0.0), 0),
                  pct(share(over65, total)));
  if (england_total > 0)
    c.description += fmt::format(" ({} {})", widest_area_, pct(share(england_over65, england_total)));
  c.description += ". Shares of the list by age band: " + join(words, "; ") + ".";
  return charts::population_pyramid_svg(c);
}

std::string PackDistribution::funnel(const PracticePack&, const IndicatorFigures& f) const {
  const auto frame = f.funnel ? frames_.find(f.funnel) : frames_.end();
  if (frame == frames_.end()) return {};
  const analyse::Funnel& funnel = *f.funnel;
  const Indicator& ind = *f.indicator;
  const PeriodFigures& pf = f.latest();
  auto value = [&](double v) { return format_value(ind.unit, v); };

  charts::FunnelMarker m;
  m.id = "ind-" + slugify(ind.id) + "-funnel";
  m.title = fmt::format("{}: funnel plot of practices in {}", ind.name, widest_area_);
  m.description = fmt::format("{}: {} practices in {} by their denominator, around {}'s value of {}. ", pf.period.str(),
                              format_number(static_cast<double>(funnel.points.size()), 0), widest_area_, widest_area_,
                              value(funnel.baseline));
  const auto step = pf.denominator ? funnel.at(*pf.denominator) : std::nullopt;
  const auto band = pf.value && pf.denominator ? funnel.band(*pf.value, *pf.denominator) : std::nullopt;
  if (step && band && pf.numerator) {
    m.denominator = pf.denominator;
    m.value = pf.value;
    m.band = std::string(analyse::to_string(*band));
    m.label = band_label(*band);
    m.description += fmt::format(
        "The practice: {} ({} / {}); at its denominator the 95% limits are {} to {} and the 99.8% limits {} to {}, "
        "so it is {}. ",
        value(*pf.value), format_count(*pf.numerator), format_count(*pf.denominator), value(step->limits95.lower),
        value(step->limits95.upper), value(step->limits998.lower), value(step->limits998.upper), band_words(*band));
  } else {
    m.description += "The practice has no figures to plot for this period. ";
  }
  m.description += fmt::format("Practices above the 99.8% upper limit: {}; below the 99.8% lower limit: {}.",
                               format_number(static_cast<double>(funnel.above998), 0),
                               format_number(static_cast<double>(funnel.below998), 0));
  return charts::funnel_plot_svg(frame->second, m);
}

std::string box_plots(const PracticePack&, const IndicatorFigures& f) {
  const Indicator& ind = *f.indicator;
  const PeriodFigures& pf = f.latest();
  charts::BoxPlot c;
  c.id = "ind-" + slugify(ind.id) + "-boxes";
  std::vector<std::string> words;
  for (Level level : {Level::kPcn, Level::kSubIcb, Level::kIcb, Level::kEngland}) {
    const AreaFigures& a = pf.area(level);
    if (a.code.empty() || !a.spread) continue;
    static constexpr const char* kLabels[] = {"PCN", "Sub-ICB", "ICB"};
    const bool widest = level == Level::kEngland;
    c.rows.push_back(
        {widest ? (a.name == "England" ? "England" : "All practices") : kLabels[static_cast<std::size_t>(level)],
         *a.spread});
    auto v = [&](double x) { return format_value(ind.unit, x); };
    words.push_back(fmt::format("{}{}: lowest {}, lower quartile {}, median {}, upper quartile {}, highest {}",
                                widest ? "" : std::string(kLabels[static_cast<std::size_t>(level)]) + " ", a.name,
                                v(a.spread->min), v(a.spread->q1), v(a.spread->median), v(a.spread->q3),
                                v(a.spread->max)));
  }
  if (c.rows.empty()) return {};
  c.title = fmt::format("{}: spread of practice values in each area", ind.name);
  c.description =
      fmt::format("{}. {}. The practice: {}.", pf.period.str(), join(words, "; "), format_value(ind.unit, pf.value));
  c.value = pf.value;
  c.format_tick = [unit = ind.unit](double v) { return with_unit_tick(unit, v); };
  return charts::box_plot_svg(c);
}

}  // namespace gpress
