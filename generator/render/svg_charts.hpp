// Inline SVG charts for the data packs, drawn as text so a pack is one
// self-contained HTML file that prints as it shows on screen.
//
//   spine chart   one indicator, Fingertips style:
//                   [====|====(###|###)=====●=====]
//                   England lowest .. highest, the middle half (Q1-Q3)
//                   darker, England's value as a line, the practice as a
//                   marker coloured by its significance
//   trend chart   one indicator over its periods: the practice, its ICB and
//                 England as lines with markers, gaps where not published
//
// Every chart is role="img" with a <title> and a <desc> that state its numbers
// in words, so a screen reader (or a reader of the printed page who cannot
// tell the colours apart) gets the same information; colours are only ever a
// second channel. Pure functions: no I/O, no state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gpress::charts {

/// One indicator against England's spread of practices.
struct SpineChart {
  std::string id;                           ///< unique in the page; prefixes the title/desc ids
  std::string title;                        ///< accessible name, e.g. "QOF achievement: practice against England"
  std::string description;                  ///< the numbers in words
  double min = 0, q1 = 0, q3 = 0, max = 0;  ///< England's practices: lowest, quartiles, highest
  std::optional<double> benchmark;          ///< England's value
  std::optional<double> value;              ///< the practice's value; no marker when missing
  /// Draws the highest values on the left, so that "better" is always on the
  /// right as on Fingertips' spine charts.
  bool reversed = false;
  /// Significance token of the marker: better, similar, worse, higher, lower,
  /// not-compared. Picks its fill colour.
  std::string marker = "not-compared";
};

/// The chart as an <svg> element. Values outside England's range (possible
/// for a pooled benchmark) widen the scale so every mark stays inside.
std::string spine_chart_svg(const SpineChart& chart);

/// One line of a trend chart.
struct TrendSeries {
  std::string name;                           ///< legend text, e.g. "Practice", "ICB", "England"
  std::string style;                          ///< "practice", "icb" or "england": colour, dash and marker
  std::vector<std::optional<double>> values;  ///< one per period; nullopt breaks the line
};

struct TrendChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::string> periods;  ///< x axis labels, oldest first
  std::vector<TrendSeries> series;
  /// Axis tick labels; plain "%g" when empty.
  std::function<std::string(double)> format_tick;
};

/// The chart as an <svg> element. A single period draws markers only; a
/// chart with no value at all says so in words.
std::string trend_chart_svg(const TrendChart& chart);

/// A coordinate to one decimal ("-0.0" never): enough for any screen or
/// printer, and short. Shared by every chart in render/.
std::string svg_number(double v);

/// The opening <svg> tag with its accessible name: role="img", a <title> and
/// a <desc> (both escaped) that aria-labelledby points at.
std::string open_svg(const std::string& id, const std::string& cls, int width, int height, const std::string& title,
                     const std::string& desc);

/// Fill colour of a marker by significance token (NHS.UK colours).
std::string_view significance_colour(std::string_view token);

/// Evenly spaced "nice" axis ticks (steps of 1, 2 or 5 times a power of ten)
/// covering lo..hi, at most about `target` + 2 of them; none when lo..hi has
/// no such scale (not finite, or too near the limits of a double).
std::vector<double> nice_ticks(double lo, double hi, int target = 4);

}  // namespace gpress::charts
