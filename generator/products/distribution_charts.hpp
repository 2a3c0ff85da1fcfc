// The funnel plots and box plots of a run's data packs. Each indicator's
// funnel frame (axes, limits, every practice's dot) is drawn once here and
// shared by every pack; a pack adds its own marker and words.
#pragma once

#include <string>
#include <unordered_map>

#include "assemble/pack.hpp"
#include "render/funnel_plot.hpp"

namespace gpress {

class PackDistribution {
 public:
  /// Draws the frames of every funnel in `analysis`, which must outlive this.
  PackDistribution(const PackAnalysis& analysis, std::string widest_area);

  /// The chart functions for pack_context().
  DistributionCharts charts() const;

 private:
  std::string funnel(const PracticePack& pack, const IndicatorFigures& f) const;

  std::string widest_area_;
  std::unordered_map<const analyse::Funnel*, charts::FunnelFrame> frames_;
};

/// The box plots of one indicator's latest period: the practice's PCN,
/// sub-ICB, ICB and widest area, those with a spread of values.
std::string box_plots(const PracticePack& pack, const IndicatorFigures& f);

}  // namespace gpress
