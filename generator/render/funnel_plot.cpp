#include "render/funnel_plot.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "analyse/stats.hpp"
#include "core/text.hpp"
#include "render/svg_charts.hpp"

namespace gpress::charts {
namespace {

constexpr int kWidth = 560, kHeight = 280;
constexpr int kLeft = 64, kRight = 28, kTop = 34, kBottom = 46;
constexpr int kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
constexpr long kGrid = 3;  // pixels between dots: the dots' diameter

struct Scale {
  double x_max, y_lo, y_hi;
  double x(double d) const { return kLeft + kPlotW * std::clamp(d / x_max, 0.0, 1.0); }
  double y(double v) const { return kTop + kPlotH * (1 - std::clamp((v - y_lo) / (y_hi - y_lo), 0.0, 1.0)); }
};

// Relative move or line to (dx, dy) in whole pixels: "l3-2", "m3 2".
void relative(std::string& d, char op, long dx, long dy) {
  fmt::format_to(std::back_inserter(d), "{}{}{}{}", op, dx, dy < 0 ? "" : " ", dy);
}

// One limit as a path in whole pixels, a point only where it moves a pixel.
std::string limit_path(const std::vector<analyse::FunnelStep>& steps, const Scale& s,
                       double (*pick)(const analyse::FunnelStep&)) {
  std::string d;
  long px = 0, py = 0;
  for (const auto& step : steps) {
    const long x = std::lround(s.x(step.denominator)), y = std::lround(s.y(pick(step)));
    if (d.empty()) {
      d = fmt::format("M{} {}", x, y);
    } else if (x != px || y != py) {
      relative(d, 'l', x - px, y - py);
    } else {
      continue;
    }
    px = x;
    py = y;
  }
  return d;
}

std::string legend_line(double x, const char* dash, const char* colour, const std::string& text) {
  return fmt::format("<path d=\"M{} 14h22\" stroke=\"{}\" stroke-width=\"2\"{}/><text x=\"{}\" y=\"18\">{}</text>", x,
                     colour, *dash ? fmt::format(" stroke-dasharray=\"{}\"", dash) : "", x + 27, html_escape(text));
}

}  // namespace

FunnelFrame funnel_frame(const analyse::Funnel& funnel, const FunnelAxes& axes) {
  // The value scale covers England's value and the practices as far as
  // Tukey's outer fences (3 interquartile ranges beyond the quartiles): a
  // handful of extreme values would otherwise squash the funnel into a line.
  // Practices beyond the scale are drawn on its edge.
  std::vector<std::optional<double>> values;
  values.reserve(funnel.points.size());
  double x_hi = 0;
  for (const auto& p : funnel.points) {
    values.emplace_back(p.value);
    x_hi = std::max(x_hi, p.denominator);
  }
  const auto q = analyse::quartiles(values);
  const double iqr = q ? q->q3 - q->q1 : 0;
  const double lo = std::min(funnel.baseline, q ? std::max(q->min, q->q1 - 3 * iqr) : funnel.baseline);
  const double hi = std::max(funnel.baseline, q ? std::min(q->max, q->q3 + 3 * iqr) : funnel.baseline);
  std::vector<double> yt = nice_ticks(lo, hi, 5), xt = nice_ticks(0, x_hi, 5);
  if (yt.size() < 2) yt = {lo, hi + 1};
  if (xt.size() < 2) xt = {0, x_hi + 1};
  const Scale s{xt.back(), yt.front(), yt.back()};
  FunnelFrame f{{}, s.x_max, s.y_lo, s.y_hi};
  std::string& svg = f.body;
  const auto out = std::back_inserter(svg);

  // Legend: dots, England, the two limits.
  fmt::format_to(out,
                 "<g font-size=\"12\" fill=\"#212b32\"><circle cx=\"{}\" cy=\"14\" r=\"2.5\" fill=\"#aeb7bd\"/>"
                 "<text x=\"{}\" y=\"18\">Practices</text>",
                 kLeft + 4, kLeft + 12);
  svg += legend_line(kLeft + 84, "", "#212b32", axes.area + " " + axes.format_value(funnel.baseline));
  svg += legend_line(kLeft + 250, "6 4", "#005eb8", "95% limits");
  svg += legend_line(kLeft + 360, "2 3", "#d5281b", "99.8% limits");
  svg += "</g>";

  // Axes: value ticks with grid lines, denominator ticks, the axis title.
  std::string grid;
  svg += "<g font-size=\"11\" fill=\"#4c6272\" text-anchor=\"end\">";
  for (double t : yt) {
    const long y = std::lround(s.y(t));
    fmt::format_to(out, "<text x=\"{}\" y=\"{}\">{}</text>", kLeft - 6, y + 4, html_escape(axes.format_value(t)));
    fmt::format_to(std::back_inserter(grid), "M{} {}H{}", kLeft, y, kWidth - kRight);
  }
  svg += "</g><g font-size=\"11\" fill=\"#4c6272\" text-anchor=\"middle\">";
  for (double t : xt)
    fmt::format_to(out, "<text x=\"{}\" y=\"{}\">{}</text>", std::lround(s.x(t)), kTop + kPlotH + 16,
                   html_escape(axes.format_denominator(t)));
  fmt::format_to(out,
                 "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text></g><path d=\"{}\" stroke=\"#e8edee\"/>"
                 "<path d=\"M{} {}V{}H{}\" fill=\"none\" stroke=\"#4c6272\"/>",
                 kLeft + kPlotW / 2, kHeight - 6, html_escape(axes.denominator_label), grid, kLeft, kTop, kTop + kPlotH,
                 kWidth - kRight);

  // Every practice: one dot per occupied cell of a grid of 3-pixel dots.
  std::vector<std::pair<long, long>> cells;
  cells.reserve(funnel.points.size());
  for (const auto& p : funnel.points)
    cells.emplace_back(kGrid * std::lround(s.x(p.denominator) / kGrid), kGrid * std::lround(s.y(p.value) / kGrid));
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  // A run of cells one above another is one short vertical line: with round
  // caps 3 pixels wide it covers the same pixels as its dots.
  std::string dots;
  long px = 0, py = 0;
  for (std::size_t i = 0; i < cells.size();) {
    const auto [x, y] = cells[i];
    std::size_t j = i + 1;
    while (j < cells.size() && cells[j].first == x && cells[j].second == cells[j - 1].second + kGrid) ++j;
    const long run = cells[j - 1].second - y;
    relative(dots, dots.empty() ? 'M' : 'm', x - px, y - py);
    dots += run ? "v" + std::to_string(run) : std::string("h0");
    px = x;
    py = y + run;
    i = j;
  }
  fmt::format_to(out, "<path d=\"{}\" stroke=\"#aeb7bd\" stroke-width=\"3\" stroke-linecap=\"round\" fill=\"none\"/>",
                 dots);

  // England's value and the limits over the dots.
  fmt::format_to(out, "<path d=\"M{} {}H{}\" stroke=\"#212b32\" stroke-width=\"2\"/>", svg_number(kLeft),
                 svg_number(s.y(funnel.baseline)), svg_number(kWidth - kRight));
  using Step = analyse::FunnelStep;
  const std::pair<double (*)(const Step&), const char*> limits[] = {
      {[](const Step& t) { return t.limits95.lower; }, "6 4\" stroke=\"#005eb8"},
      {[](const Step& t) { return t.limits95.upper; }, "6 4\" stroke=\"#005eb8"},
      {[](const Step& t) { return t.limits998.lower; }, "2 3\" stroke=\"#d5281b"},
      {[](const Step& t) { return t.limits998.upper; }, "2 3\" stroke=\"#d5281b"},
  };
  for (const auto& [pick, style] : limits)
    fmt::format_to(out, "<path d=\"{}\" fill=\"none\" stroke-width=\"1.5\" stroke-dasharray=\"{}\"/>",
                   limit_path(funnel.steps, s, pick), style);
  return f;
}

std::string funnel_plot_svg(const FunnelFrame& frame, const FunnelMarker& m) {
  std::string svg = open_svg(m.id, "pack-funnel", kWidth, kHeight, m.title, m.description);
  svg.reserve(svg.size() + frame.body.size() + 400);
  svg += frame.body;
  if (m.denominator && m.value && std::isfinite(*m.denominator) && std::isfinite(*m.value)) {
    const Scale s{frame.x_max, frame.y_lo, frame.y_hi};
    const double x = s.x(*m.denominator), y = s.y(*m.value);
    // Outside 99.8%: solid black with a ring; outside 95%: grey; within:
    // white. The label says which in words.
    const bool far = m.band == "above-99.8" || m.band == "below-99.8";
    const bool out = m.band == "above-95" || m.band == "below-95";
    const char* fill = far ? "#212b32" : out ? "#768692" : "#ffffff";
    fmt::format_to(std::back_inserter(svg), "<g class=\"pack-funnel__marker pack-funnel__marker--{}\">",
                   html_escape(m.band));
    if (far)
      fmt::format_to(std::back_inserter(svg),
                     "<circle cx=\"{}\" cy=\"{}\" r=\"10\" fill=\"none\" stroke=\"#212b32\" stroke-width=\"1.5\"/>",
                     svg_number(x), svg_number(y));
    fmt::format_to(std::back_inserter(svg),
                   "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\" stroke=\"#212b32\" stroke-width=\"2\"/>",
                   svg_number(x), svg_number(y), fill);
    // The label sits on the side away from England's line.
    const bool left = x > kLeft + kPlotW * 0.6, below = m.band.rfind("below", 0) == 0;
    fmt::format_to(std::back_inserter(svg),
                   "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\" fill=\"#212b32\" stroke=\"#ffffff\" "
                   "stroke-width=\"3\" paint-order=\"stroke\" text-anchor=\"{}\">{}</text></g>",
                   svg_number(left ? x - 14 : x + 14),
                   svg_number(std::clamp(below ? y + 20 : y - 10, kTop + 10.0, kTop + kPlotH - 4.0)),
                   left ? "end" : "start", html_escape(m.label));
  }
  svg += "</svg>";
  return svg;
}

}  // namespace gpress::charts
