#include "analyse/practice_trend.hpp"

#include <vector>

#include "analyse/risk.hpp"

namespace gpress {
namespace {

// The analyse module spells units and polarities as indicators.csv does.
analyse::Unit analyse_unit(Unit u) { return *analyse::parse_unit(to_string(u)); }
analyse::Polarity analyse_polarity(Polarity p) { return *analyse::parse_polarity(to_string(p)); }

}  // namespace

bool worse_and_getting_worse(analyse::Significance vs_england, const analyse::RecentTrend& trend) {
  return vs_england == analyse::Significance::kWorse && trend.getting_worse();
}

analyse::TrendPoint trend_point(const Period& period, std::optional<double> value, std::optional<double> numerator,
                                std::optional<double> denominator) {
  std::optional<int> year;
  if (period.kind == Period::Kind::kFinancialYear) year = period.year;
  return {period.str(), year, value, numerator, denominator};
}

analyse::RecentTrend practice_trend(const PracticeData& data, const Indicator& indicator,
                                    std::span<const Period> periods, std::string_view ods) {
  // Only the last few periods are tested; earlier ones only count towards
  // "fewer than 5 periods".
  std::vector<analyse::TrendPoint> series;
  series.reserve(periods.size());
  for (const Period& p : periods) {
    const Value* v = data.find_value(ods, indicator.id, p);
    series.push_back(v ? trend_point(p, v->value, v->numerator, v->denominator) : trend_point(p, {}, {}, {}));
  }
  return analyse::recent_trend(series, to_analyse(indicator.interval), analyse_unit(indicator.unit),
                               analyse_polarity(indicator.polarity));
}

}  // namespace gpress
