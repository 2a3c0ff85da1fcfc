#include "products/distribution_charts.hpp"

#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"
#include "render/box_plot.hpp"

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

PackDistribution::PackDistribution(const PackAnalysis& analysis, std::string widest_area)
    : widest_area_(std::move(widest_area)) {
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
  return {[this](const PracticePack& p, const IndicatorFigures& f) { return funnel(p, f); }, box_plots};
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
    c.rows.push_back({widest ? (a.name == "England" ? "England" : "All practices")
                             : kLabels[static_cast<std::size_t>(level)],
                      *a.spread});
    auto v = [&](double x) { return format_value(ind.unit, x); };
    words.push_back(fmt::format("{}{}: lowest {}, lower quartile {}, median {}, upper quartile {}, highest {}",
                                widest ? "" : std::string(kLabels[static_cast<std::size_t>(level)]) + " ", a.name,
                                v(a.spread->min), v(a.spread->q1), v(a.spread->median), v(a.spread->q3),
                                v(a.spread->max)));
  }
  if (c.rows.empty()) return {};
  c.title = fmt::format("{}: spread of practice values in each area", ind.name);
  c.description = fmt::format("{}. {}. The practice: {}.", pf.period.str(), join(words, "; "),
                              format_value(ind.unit, pf.value));
  c.value = pf.value;
  c.format_tick = [unit = ind.unit](double v) { return with_unit_tick(unit, v); };
  return charts::box_plot_svg(c);
}

}  // namespace gpress
