// Box plots of the practice values in each of the practice's comparator
// areas (PCN, sub-ICB, ICB, England), on one scale, with the practice's own
// value as a line across them all:
//
//   PCN      |----[==|===]------|
//   Sub-ICB     |---[=|==]---------|        │ Practice
//   England  |------[==|==]-----------|     │
//
// Box: lower to upper quartile; line in the box: median; whiskers: lowest to
// highest value (QUARTILE.INC, analyse/stats). The description gives the
// five numbers of every area in words. Pure function: no I/O.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyse/stats.hpp"

namespace gpress::charts {

struct BoxRow {
  std::string label;  ///< "PCN", "England"
  analyse::Quartiles spread;
};

struct BoxPlot {
  std::string id;
  std::string title;
  std::string description;
  std::vector<BoxRow> rows;                        ///< top to bottom
  std::optional<double> value;                     ///< the practice's; no line when missing
  std::function<std::string(double)> format_tick;  ///< "%g" when empty
};

/// The plot as an <svg> element; "" when there are no rows.
std::string box_plot_svg(const BoxPlot& plot);

}  // namespace gpress::charts
