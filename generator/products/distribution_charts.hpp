// The funnel plots, box plots and population pyramid of a run's data packs.
// Each indicator's funnel frame (axes, limits, every practice's dot) is drawn
// once here and shared by every pack; a pack adds its own marker and words.
#pragma once

#include <string>
#include <unordered_map>

#include "assemble/pack.hpp"
#include "assemble/population.hpp"
#include "render/funnel_plot.hpp"

namespace gpress {

class PackDistribution {
 public:
  /// Draws the frames of every funnel in `analysis`.
  /// `analysis` and `data` must outlive this.
  PackDistribution(const PackAnalysis& analysis, const PracticeData& data);

  /// The chart functions for pack_context().
  DistributionCharts charts() const;

 private:
  std::string funnel(const PracticePack& pack, const IndicatorFigures& f) const;
  std::string pyramid(const PracticePack& pack) const;

  std::string widest_area_;
  PopulationPyramids pyramids_;
  std::unordered_map<const analyse::Funnel*, charts::FunnelFrame> frames_;
};

/// The box plots of one indicator's latest period: the practice's PCN,
/// sub-ICB, ICB and widest area, those with a spread of values.
std::string box_plots(const PracticePack& pack, const IndicatorFigures& f);

}  // namespace gpress
