#include "render/box_plot.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "core/text.hpp"
#include "render/svg_charts.hpp"

namespace gpress::charts {

std::string box_plot_svg(const BoxPlot& c) {
  if (c.rows.empty()) return {};
  constexpr int kWidth = 560, kLeft = 84, kRight = 28, kTop = 24, kRow = 28, kBottom = 22;
  const int height = kTop + kRow * static_cast<int>(c.rows.size()) + kBottom;
  const int plot_w = kWidth - kLeft - kRight, bottom = height - kBottom;

  // The scale covers every box and the practice, and the whiskers as far as
  // Tukey's outer fences (3 interquartile ranges beyond the box): one
  // practice of 60,000 GPs per 10,000 patients would otherwise squash every
  // box into a pixel. A whisker cut off by the scale has no end bar.
  double lo = c.rows.front().spread.q1, hi = c.rows.front().spread.q3;
  for (const BoxRow& r : c.rows) {
    const double iqr = r.spread.q3 - r.spread.q1;
    lo = std::min(lo, std::max(r.spread.min, r.spread.q1 - 3 * iqr));
    hi = std::max(hi, std::min(r.spread.max, r.spread.q3 + 3 * iqr));
  }
  if (c.value && std::isfinite(*c.value)) {
    lo = std::min(lo, *c.value);
    hi = std::max(hi, *c.value);
  }
  std::vector<double> ticks = nice_ticks(lo, hi, 5);
  if (ticks.size() < 2) ticks = {lo, hi + 1};
  const double t0 = ticks.front(), t1 = ticks.back();
  auto x = [&](double v) {
    return static_cast<int>(std::lround(kLeft + plot_w * std::clamp((v - t0) / (t1 - t0), 0.0, 1.0)));
  };
  auto label = [&](double v) { return html_escape(c.format_tick ? c.format_tick(v) : fmt::format("{:g}", v)); };

  std::string svg = open_svg(c.id, "pack-boxes", kWidth, height, c.title, c.description);
  const auto out = std::back_inserter(svg);
  svg += "<g font-size=\"11\" fill=\"#4c6272\" text-anchor=\"middle\">";
  std::string grid;
  for (double t : ticks) {
    fmt::format_to(out, FMT_COMPILE("<text x=\"{}\" y=\"{}\">{}</text>"), x(t), bottom + 15, label(t));
    fmt::format_to(std::back_inserter(grid), FMT_COMPILE("M{} {}V{}"), x(t), kTop, bottom);
  }
  fmt::format_to(out, FMT_COMPILE("</g><path d=\"{}\" stroke=\"#e8edee\"/>"), grid);
  std::string whiskers, boxes, medians;
  svg += "<g font-size=\"12\" fill=\"#212b32\" text-anchor=\"end\">";
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const analyse::Quartiles& q = c.rows[i].spread;
    const int mid = kTop + kRow * static_cast<int>(i) + kRow / 2;
    fmt::format_to(out, FMT_COMPILE("<text x=\"{}\" y=\"{}\">{}</text>"), kLeft - 8, mid + 4,
                   html_escape(c.rows[i].label));
    fmt::format_to(std::back_inserter(whiskers), FMT_COMPILE("M{} {}H{}"), x(q.min), mid, x(q.max));
    if (q.min >= t0) fmt::format_to(std::back_inserter(whiskers), FMT_COMPILE("M{} {}v10"), x(q.min), mid - 5);
    if (q.max <= t1) fmt::format_to(std::back_inserter(whiskers), FMT_COMPILE("M{} {}v10"), x(q.max), mid - 5);
    fmt::format_to(std::back_inserter(boxes), FMT_COMPILE("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"/>"),
                   x(q.q1), mid - 8, std::max(1, x(q.q3) - x(q.q1)));
    fmt::format_to(std::back_inserter(medians), FMT_COMPILE("M{} {}v16"), x(q.median), mid - 8);
  }
  fmt::format_to(
      out,
      FMT_COMPILE(
          "</g><path d=\"{}\" stroke=\"#4c6272\" stroke-width=\"1.5\" fill=\"none\"/>"
          "<g fill=\"#d8dde0\" stroke=\"#4c6272\">{}</g><path d=\"{}\" stroke=\"#212b32\" stroke-width=\"3\"/>"),
      whiskers, boxes, medians);
  if (c.value && std::isfinite(*c.value))
    fmt::format_to(
        out,
        FMT_COMPILE("<path d=\"M{} {}V{}\" stroke=\"#005eb8\" stroke-width=\"2.5\"/><text x=\"{}\" y=\"14\" "
                    "font-size=\"12\" font-weight=\"bold\" fill=\"#005eb8\" text-anchor=\"middle\">Practice {}</text>"),
        x(*c.value), kTop - 4, bottom, std::clamp(x(*c.value), kLeft, kWidth - 64), label(*c.value));
  svg += "</svg>";
  return svg;
}

}  // namespace gpress::charts
