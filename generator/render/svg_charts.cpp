#include "render/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <fmt/compile.h>  // format strings parsed once, at compile time: charts are most of a pack's markup
#include <fmt/format.h>

#include "core/text.hpp"

namespace gpress::charts {
namespace {

std::string num(double v) { return svg_number(v); }

struct Style {
  const char* colour;
  const char* dash;  // empty: solid
  double width;
};

Style series_style(std::string_view style) {
  if (style == "practice") return {"#005eb8", "", 2.5};
  if (style == "icb") return {"#4c6272", "6 4", 2};
  return {"#212b32", "2 3", 2};
}

// Markers differ in shape as well as colour, so the lines can be told apart
// in black and white.
std::string marker(std::string_view style, double x, double y) {
  const Style s = series_style(style);
  if (style == "practice")
    return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"/>", num(x), num(y), s.colour);
  if (style == "icb")
    return fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        num(x - 3.5), num(y - 3.5), s.colour);
  return fmt::format("<path d=\"M{} {}l4 4-4 4-4-4z\" fill=\"{}\"/>", num(x), num(y - 4), s.colour);
}

}  // namespace

// Coordinates to one decimal: enough for any screen or printer, and short.
std::string svg_number(double v) {
  if (std::abs(v) < 0.05) v = 0;  // never "-0.0"
  return format_fixed(v, 1);
}

// The opening tag and accessible name every chart shares.
std::string open_svg(const std::string& id, const std::string& cls, int width, int height, const std::string& title,
                     const std::string& desc) {
  return fmt::format(
      FMT_COMPILE(
          "<svg class=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
          "role=\"img\" aria-labelledby=\"{}-title {}-desc\" font-family=\"Arial, Helvetica, sans-serif\">"
          "<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>"),
      cls, width, height, width, height, id, id, id, html_escape(title), id, html_escape(desc));
}

std::string_view significance_colour(std::string_view token) {
  if (token == "better") return "#007f3b";
  if (token == "similar") return "#ffb81c";
  if (token == "worse") return "#d5281b";
  if (token == "higher") return "#005eb8";
  if (token == "lower") return "#41b6e6";
  return "#ffffff";
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, target);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  const double first = std::floor(lo / step) * step;
  const double last = std::ceil(hi / step) * step;
  // Values near the limits of a double (which input checks refuse, but this
  // must not rely on) overflow the range or the step, or lose the step in
  // rounding: no scale then, rather than a loop that never ends.
  if (!std::isfinite(first) || !std::isfinite(last) || !(step > 0) || !std::isfinite(step) || first + step == first ||
      (last - first) / step > 10.0 * std::max(1, target) + 2)
    return {};
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    const double t = first + i * step;
    if (t > last + step * 1e-9) break;
    // Snap away binary noise (0.30000000000000004) so labels read cleanly.
    ticks.push_back(std::round(t / step) * step);
  }
  return ticks;
}

std::string spine_chart_svg(const SpineChart& c) {
  constexpr int kWidth = 320, kHeight = 36;
  constexpr double kPad = 10, kBarTop = 10, kBarHeight = 16;
  double lo = std::min(c.min, c.max), hi = std::max(c.min, c.max);
  for (const auto& v : {c.value, c.benchmark}) {
    if (v && std::isfinite(*v)) {
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  }
  const double plot = kWidth - 2 * kPad;
  auto x = [&](double v) {
    if (hi <= lo) return kPad + plot / 2;
    const double f = (v - lo) / (hi - lo);
    return kPad + plot * (c.reversed ? 1 - f : f);
  };
  auto span = [&](double a, double b, const char* fill) {
    const double x0 = std::min(x(a), x(b)), x1 = std::max(x(a), x(b));
    // A spread of zero width still shows as a sliver.
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", num(x0), num(kBarTop),
                       num(std::max(x1 - x0, 1.0)), num(kBarHeight), fill);
  };
  std::string svg = open_svg(c.id, "pack-spine", kWidth, kHeight, c.title, c.description);
  const auto out = std::back_inserter(svg);
  svg += span(c.min, c.max, "#d8dde0");
  svg += span(c.q1, c.q3, "#768692");
  if (c.benchmark && std::isfinite(*c.benchmark))
    fmt::format_to(out, FMT_COMPILE("<rect x=\"{}\" y=\"4\" width=\"3\" height=\"28\" fill=\"#212b32\"/>"),
                   num(x(*c.benchmark) - 1.5));
  if (c.value && std::isfinite(*c.value)) {
    fmt::format_to(
        out, FMT_COMPILE("<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{}\" stroke=\"#212b32\" stroke-width=\"2\"/>"),
        num(x(*c.value)), num(kBarTop + kBarHeight / 2), significance_colour(c.marker));
  }
  svg += "</svg>";
  return svg;
}

std::string trend_chart_svg(const TrendChart& c) {
  constexpr int kWidth = 560, kHeight = 220;
  constexpr double kLeft = 64, kRight = 12, kTop = 34, kBottom = 30;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  std::string svg = open_svg(c.id, "pack-trend", kWidth, kHeight, c.title, c.description);
  const auto out = std::back_inserter(svg);

  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v && std::isfinite(*v)) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }

  // Legend: a sample of each line and its name, across the top.
  double lx = kLeft;
  for (const auto& s : c.series) {
    const Style st = series_style(s.style);
    fmt::format_to(out,
                   FMT_COMPILE("<line x1=\"{}\" y1=\"12\" x2=\"{}\" y2=\"12\" stroke=\"{}\" stroke-width=\"{}\"{}/>"),
                   num(lx), num(lx + 24), st.colour, st.width,
                   *st.dash ? fmt::format(" stroke-dasharray=\"{}\"", st.dash) : std::string());
    svg += marker(s.style, lx + 12, 12);
    fmt::format_to(out, FMT_COMPILE("<text x=\"{}\" y=\"16\" font-size=\"12\" fill=\"#212b32\">{}</text>"),
                   num(lx + 30), html_escape(s.name));
    lx += 30 + 7.0 * static_cast<double>(s.name.size()) + 24;
  }

  if (!std::isfinite(lo)) {
    fmt::format_to(out,
                   FMT_COMPILE("<text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#4c6272\" text-anchor=\"middle\">Not "
                               "published in any period</text></svg>"),
                   num(kLeft + plot_w / 2), num(kTop + plot_h / 2));
    return svg;
  }

  const std::vector<double> ticks = nice_ticks(lo, hi);
  if (ticks.size() < 2) {
    fmt::format_to(
        out,
        FMT_COMPILE("<text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#4c6272\" text-anchor=\"middle\">Values "
                    "too large to chart</text></svg>"),
        num(kLeft + plot_w / 2), num(kTop + plot_h / 2));
    return svg;
  }
  const double t0 = ticks.front(), t1 = ticks.back();
  auto y = [&](double v) { return kTop + plot_h * (1 - (v - t0) / (t1 - t0)); };
  const std::size_t n = c.periods.size();
  const double band = n ? plot_w / static_cast<double>(n) : plot_w;
  auto x = [&](std::size_t i) { return kLeft + band * (static_cast<double>(i) + 0.5); };

  for (double t : ticks) {
    fmt::format_to(out,
                   FMT_COMPILE("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>"),
                   num(kLeft), num(y(t)), num(kWidth - kRight), num(y(t)));
    fmt::format_to(
        out, FMT_COMPILE("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#4c6272\" text-anchor=\"end\">{}</text>"),
        num(kLeft - 6), num(y(t) + 4), html_escape(c.format_tick ? c.format_tick(t) : fmt::format("{:g}", t)));
  }
  // At most about eight period labels; the newest is always labelled.
  const std::size_t every = n > 8 ? (n + 7) / 8 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    if ((n - 1 - i) % every != 0) continue;
    fmt::format_to(
        out, FMT_COMPILE("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#4c6272\" text-anchor=\"middle\">{}</text>"),
        num(x(i)), num(kHeight - 10), html_escape(c.periods[i]));
  }
  fmt::format_to(out,
                 FMT_COMPILE("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#4c6272\" stroke-width=\"1\"/>"),
                 num(kLeft), num(kTop + plot_h), num(kWidth - kRight), num(kTop + plot_h));

  // Drawn last-first so the practice's line sits on top.
  for (auto it = c.series.rbegin(); it != c.series.rend(); ++it) {
    const Style st = series_style(it->style);
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < n && i < it->values.size(); ++i) {
      const auto& v = it->values[i];
      if (!v || !std::isfinite(*v)) {
        pen_down = false;
        continue;
      }
      fmt::format_to(std::back_inserter(d), FMT_COMPILE("{}{} {}"), pen_down ? "L" : "M", num(x(i)), num(y(*v)));
      pen_down = true;
    }
    if (!d.empty())
      fmt::format_to(out, FMT_COMPILE("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>"), d,
                     st.colour, st.width, *st.dash ? fmt::format(" stroke-dasharray=\"{}\"", st.dash) : std::string());
    for (std::size_t i = 0; i < n && i < it->values.size(); ++i)
      if (it->values[i] && std::isfinite(*it->values[i])) svg += marker(it->style, x(i), y(*it->values[i]));
  }
  svg += "</svg>";
  return svg;
}

}  // namespace gpress::charts
