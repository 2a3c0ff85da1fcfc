// Population pyramid: the practice's registered patients by 5-year age band,
// male to the left and female to the right, each band as a share of the whole
// list, with England's shares drawn over it as an outline so a younger or
// older list than England's shows at a glance:
//
//          Male           Female
//     ▕▔▔▔|██|  95+  |█|▔▔▏         bars: the practice
//       ▕████|  ...  |███▏          line: England
//    ▕██████|  0-4  |█████▏
//
// The description gives every band's shares in words. Pure function: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gpress::charts {

struct PyramidChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> bands;    ///< youngest first
  std::vector<double> male, female;  ///< the practice's shares of its list, percent, by band
  /// England's shares, percent, by band; no outline when empty.
  std::vector<double> outline_male, outline_female;
  std::string outline_name = "England";
};

/// The pyramid as an <svg> element.
std::string population_pyramid_svg(const PyramidChart& chart);

}  // namespace gpress::charts
