// The recent trend of each indicator in a data pack (analyse/trend.hpp, by
// OHID's Fingertips method), and whether an indicator is "worse and getting
// worse": significantly worse than England in its latest period and
// getting worse over the last five.
#pragma once

#include <nlohmann/json.hpp>

#include "analyse/trend.hpp"

namespace gpress {

struct IndicatorFigures;

/// The practice's recent trend over the indicator's periods in the pack.
analyse::RecentTrend recent_trend_of(const IndicatorFigures& figures);

/// Significantly worse than the widest comparator (England) in the latest
/// period and getting worse by the recent trend.
bool worse_and_getting_worse(const IndicatorFigures& figures);

struct PracticePack;

/// The pack's indicators that are worse and getting worse, in display
/// order: [{"name", "anchor"}] for the summary.
nlohmann::json worsening_json(const PracticePack& pack);

/// {"text", "token", "arrow", "periods", "has_periods"} for the templates.
nlohmann::json trend_json(const analyse::RecentTrend& trend);

}  // namespace gpress
