#include "assemble/pack_trend.hpp"

#include <vector>

#include "analyse/risk.hpp"
#include "assemble/pack.hpp"

namespace gpress {

analyse::RecentTrend recent_trend_of(const IndicatorFigures& figures) {
  const Indicator& ind = *figures.indicator;
  std::vector<analyse::TrendPoint> series;
  series.reserve(figures.periods.size());
  for (const PeriodFigures& pf : figures.periods) {
    std::optional<int> year;
    if (pf.period.kind == Period::Kind::kFinancialYear) year = pf.period.year;
    series.push_back({pf.period.str(), year, pf.value, pf.numerator, pf.denominator});
  }
  return analyse::recent_trend(series, to_analyse(ind.interval), to_analyse(ind.unit), to_analyse(ind.polarity));
}

bool worse_and_getting_worse(const IndicatorFigures& figures) {
  return figures.trend.getting_worse() &&
         figures.latest().area(analyse::Level::kEngland).significance == analyse::Significance::kWorse;
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
