// Funnel plot: every practice by its denominator (x) and value (y), England's
// value as a line, 95% (dashed) and 99.8% (dotted) control limits either side
// (analyse/funnel), and the pack's own practice marked and labelled:
//
//      value
//        |  .   .                      99.8% ......
//        | . :.. :  ·  .               95%   ------
//        |----:::::::::::::::::::::::  England ____
//        |  . ·:::·:  ●  This practice
//        +------------------------------------ denominator
//
// With about 6,600 practices per indicator the dots are most of the markup,
// so everything every pack shares (axes, limits, dots) is drawn once per
// indicator as a FunnelFrame and each pack adds only its title, description
// and marker. The dots are snapped to a 3-pixel grid (the dots' diameter), one short relative
// move each in a single <path>, and practices on the same grid point drawn
// once: the plot looks the same and stays a few kilobytes. The description
// states the practice's figures and limits in words, and the marker differs
// in shape and words as well as colour, so nothing depends on colour alone.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "analyse/funnel.hpp"

namespace gpress::charts {

/// How a frame's axes are labelled.
struct FunnelAxes {
  std::string area;                                       ///< the baseline's area: "England"
  std::function<std::string(double)> format_value;        ///< y ticks and the legend, e.g. "7.1%"
  std::function<std::string(double)> format_denominator;  ///< x ticks, e.g. "10,000"
  std::string denominator_label = "Denominator";          ///< x axis title
};

/// What every pack's funnel plot of one indicator shares, drawn once.
struct FunnelFrame {
  std::string body;  ///< legend, axes, limits and dots
  double x_max = 1, y_lo = 0, y_hi = 1;
};

FunnelFrame funnel_frame(const analyse::Funnel& funnel, const FunnelAxes& axes);

/// One practice on a frame.
struct FunnelMarker {
  std::string id;                            ///< unique in the page
  std::string title;                         ///< accessible name
  std::string description;                   ///< the practice's figures and limits in words
  std::optional<double> denominator, value;  ///< no marker when either is missing
  /// Band token (analyse::to_string(FunnelBand)): picks the marker's look.
  std::string band;
  std::string label;  ///< printed beside the marker
};

/// The frame with the practice's marker as an <svg> element.
std::string funnel_plot_svg(const FunnelFrame& frame, const FunnelMarker& marker);

}  // namespace gpress::charts
