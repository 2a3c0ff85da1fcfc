// A practice's recent trend (analyse/trend.hpp) read from the project's
// values: each period of the indicator becomes a TrendPoint, yearly periods
// (financial years) with the year they start in. Used where the trend is
// needed outside a data pack: the risk profile's evidence and the thematic
// report's "worse and getting worse" count.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "analyse/comparators.hpp"
#include "analyse/trend.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// Fingertips' "significantly worse and getting worse": worse than England
/// in the latest period (at the level [packs] significance sets) and the
/// recent trend getting worse. The pack's summary, the risk evidence and the
/// thematic report all ask this.
bool worse_and_getting_worse(analyse::Significance vs_england, const analyse::RecentTrend& trend);

/// One period of a series as the trend test reads it.
analyse::TrendPoint trend_point(const Period& period, std::optional<double> value, std::optional<double> numerator,
                                std::optional<double> denominator);

/// The practice's recent trend for `indicator` over `periods` (the
/// indicator's periods, oldest first), at 99.8% as Fingertips tests it.
analyse::RecentTrend practice_trend(const PracticeData& data, const Indicator& indicator,
                                    std::span<const Period> periods, std::string_view ods);

}  // namespace gpress
