#include "render/population_pyramid.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "core/text.hpp"
#include "render/svg_charts.hpp"

namespace gpress::charts {

std::string population_pyramid_svg(const PyramidChart& c) {
  constexpr int kWidth = 560, kTop = 30, kRow = 12, kBottom = 34, kMiddle = 280, kGap = 26, kSide = 236;
  const int rows = static_cast<int>(c.bands.size());
  const int height = kTop + kRow * rows + kBottom, bottom = kTop + kRow * rows;

  double hi = 0;
  for (const auto* v : {&c.male, &c.female, &c.outline_male, &c.outline_female})
    for (double x : *v) hi = std::max(hi, x);
  std::vector<double> ticks = nice_ticks(0, hi > 0 ? hi : 1, 3);
  if (ticks.size() < 2) ticks = {0, hi + 1};
  const double top = ticks.back();
  auto len = [&](double v) { return kSide * std::clamp(v / top, 0.0, 1.0); };
  // Row i from the bottom: the youngest band lowest.
  auto row_y = [&](std::size_t i) { return bottom - kRow * (static_cast<int>(i) + 1); };

  std::string svg = open_svg(c.id, "pack-pyramid", kWidth, height, c.title, c.description);
  const auto out = std::back_inserter(svg);
  fmt::format_to(out,
                 "<g font-size=\"12\" font-weight=\"bold\" fill=\"#212b32\"><text x=\"{}\" y=\"16\" "
                 "text-anchor=\"end\">Male</text><text x=\"{}\" y=\"16\">Female</text></g>",
                 kMiddle - kGap, kMiddle + kGap);
  if (!c.outline_male.empty())
    fmt::format_to(out,
                   "<path d=\"M{} 12h22\" stroke=\"#212b32\" stroke-width=\"2\"/><text x=\"{}\" y=\"16\" "
                   "font-size=\"12\" fill=\"#212b32\">{}</text>",
                   kWidth - 150, kWidth - 124, html_escape(c.outline_name));

  // Axis: shares either side of the middle.
  std::string grid;
  svg += "<g font-size=\"11\" fill=\"#4c6272\" text-anchor=\"middle\">";
  for (double t : ticks) {
    for (int side : {-1, 1}) {
      const double x = kMiddle + side * (kGap + len(t));
      fmt::format_to(out, "<text x=\"{}\" y=\"{}\">{:g}%</text>", svg_number(x), bottom + 14, t);
      fmt::format_to(std::back_inserter(grid), "M{} {}V{}", svg_number(x), kTop, bottom);
    }
  }
  fmt::format_to(out, "<text x=\"{}\" y=\"{}\">Share of registered patients</text></g>", kMiddle, height - 4);
  fmt::format_to(out, "<path d=\"{}\" stroke=\"#e8edee\"/>", grid);

  // Bars, and the age labels between them.
  std::string men, women;
  svg += "<g font-size=\"10\" fill=\"#4c6272\" text-anchor=\"middle\">";
  for (std::size_t i = 0; i < c.bands.size(); ++i) {
    const int y = row_y(i);
    fmt::format_to(out, "<text x=\"{}\" y=\"{}\">{}</text>", kMiddle, y + 10, html_escape(c.bands[i]));
    const double m = i < c.male.size() ? len(c.male[i]) : 0, f = i < c.female.size() ? len(c.female[i]) : 0;
    fmt::format_to(std::back_inserter(men), "M{} {}h{}v10h{}z", kMiddle - kGap, y + 1, svg_number(-m), svg_number(m));
    fmt::format_to(std::back_inserter(women), "M{} {}h{}v10h{}z", kMiddle + kGap, y + 1, svg_number(f), svg_number(-f));
  }
  fmt::format_to(out, "</g><path d=\"{}\" fill=\"#005eb8\"/><path d=\"{}\" fill=\"#41b6e6\"/>", men, women);

  // England's outline: a stepped line down each side's bar ends.
  for (const auto& [shares, side] : {std::pair{&c.outline_male, -1}, std::pair{&c.outline_female, 1}}) {
    if (shares->empty()) continue;
    std::string d;
    for (std::size_t i = 0; i < shares->size() && i < c.bands.size(); ++i) {
      const double x = kMiddle + side * (kGap + len((*shares)[i]));
      const int y = row_y(i);
      fmt::format_to(std::back_inserter(d), "{}{} {}V{}", d.empty() ? "M" : "L", svg_number(x), y + kRow, y);
    }
    fmt::format_to(out, "<path d=\"{}\" fill=\"none\" stroke=\"#212b32\" stroke-width=\"2\"/>", d);
  }
  svg += "</svg>";
  return svg;
}

}  // namespace gpress::charts
