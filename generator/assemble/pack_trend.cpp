#include "assemble/pack_trend.hpp"

#include <vector>

#include "analyse/practice_trend.hpp"
#include "analyse/risk.hpp"
#include "assemble/pack.hpp"
#include "core/text.hpp"

namespace gpress {

analyse::RecentTrend recent_trend_of(const IndicatorFigures& figures) {
  const Indicator& ind = *figures.indicator;
  std::vector<analyse::TrendPoint> series;
  series.reserve(figures.periods.size());
  for (const PeriodFigures& pf : figures.periods)
    series.push_back(trend_point(pf.period, pf.value, pf.numerator, pf.denominator));
  return analyse::recent_trend(series, to_analyse(ind.interval), to_analyse(ind.unit), to_analyse(ind.polarity));
}

bool worse_and_getting_worse(const IndicatorFigures& figures) {
  return gpress::worse_and_getting_worse(figures.latest().area(analyse::Level::kEngland).significance, figures.trend);
}

nlohmann::json worsening_json(const PracticePack& pack) {
  nlohmann::json out = nlohmann::json::array();
  for (const IndicatorFigures& f : pack.indicators) {
    if (!worse_and_getting_worse(f)) continue;
    nlohmann::json j = nlohmann::json::object();
    j["name"] = f.indicator->name;
    j["anchor"] = "ind-" + slugify(f.indicator->id);
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json trend_json(const analyse::RecentTrend& trend) {
  nlohmann::json j = nlohmann::json::object();
  j["text"] = analyse::trend_text(trend);
  j["token"] = std::string(analyse::trend_token(trend));
  j["arrow"] = std::string(analyse::trend_arrow(trend));
  j["periods"] = trend.periods;
  j["has_periods"] = !trend.periods.empty();
  return j;
}

}  // namespace gpress
