// The data pack's practices like yours, deprivation decile and expected
// prevalence, as page context (pack_peers.cpp; the figures come from
// PackAnalysis::add_peer_figures in the same file).
#pragma once

#include <nlohmann/json.hpp>

#include "assemble/pack.hpp"

namespace gpress {

/// "About 120 more people than are on the diabetes mellitus register would
/// be expected ..." and the model behind it; null when the indicator has no
/// expected prevalence for the practice.
nlohmann::json expected_json(const PracticePack& pack, const IndicatorFigures& f, const PackPage& page);

/// Appends the practices-like-yours and deprivation-decile rows to an
/// indicator's areas table.
void add_peer_areas(nlohmann::json& areas, const PeriodFigures& pf, const Indicator& ind, const PackPage& page);

/// The practices like this one, for the profile.
nlohmann::json peers_json(const PracticePack& pack, const PackPage& page);

}  // namespace gpress
