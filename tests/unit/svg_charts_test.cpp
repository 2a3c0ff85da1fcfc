// The pack's inline SVG charts: marks stay inside the picture whatever the
// values, gaps stay gaps, and the text alternative is always there.
#include <doctest/doctest.h>

#include <limits>
#include <regex>

#include "render/svg_charts.hpp"

using namespace gpress::charts;

namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// Every x coordinate of the given attribute, as numbers.
std::vector<double> attr(const std::string& svg, const std::string& name) {
  std::vector<double> out;
  const std::regex re(" " + name + "=\"(-?[0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

SpineChart spine() {
  SpineChart c;
  c.id = "s";
  c.title = "Title <b>";
  c.description = "Practice 12.0% & England 10.0%";
  c.min = 5;
  c.q1 = 8;
  c.q3 = 12;
  c.max = 20;
  c.benchmark = 10;
  c.value = 12;
  c.marker = "worse";
  return c;
}

}  // namespace

TEST_CASE("a spine chart is an image with its numbers in words") {
  const std::string svg = spine_chart_svg(spine());
  CHECK(svg.rfind("<svg class=\"pack-spine\"", 0) == 0);
  CHECK(svg.find("role=\"img\" aria-labelledby=\"s-title s-desc\"") != std::string::npos);
  CHECK(svg.find("<title id=\"s-title\">Title &lt;b&gt;</title>") != std::string::npos);
  CHECK(svg.find("<desc id=\"s-desc\">Practice 12.0% &amp; England 10.0%</desc>") != std::string::npos);
  CHECK(svg.find("fill=\"#d5281b\"") != std::string::npos);  // worse: red marker
  CHECK(count(svg, "<circle") == 1);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
}

TEST_CASE("a value outside England's range widens the scale and stays in the picture") {
  SpineChart c = spine();
  c.value = 35;  // beyond the maximum of 20
  const std::string svg = spine_chart_svg(c);
  const auto cx = attr(svg, "cx");
  REQUIRE(cx.size() == 1);
  CHECK(cx[0] == doctest::Approx(310.0));  // the right edge of the plot
  // England's bar no longer reaches the right edge.
  const auto xs = attr(svg, "x"), widths = attr(svg, "width");
  CHECK(xs[0] == doctest::Approx(10.0));
  CHECK(xs[0] + widths[1] < 310.0);

  SUBCASE("reversed when lower is better: the lowest value on the right") {
    c.reversed = true;
    c.value = 1;  // below the minimum
    const auto rcx = attr(spine_chart_svg(c), "cx");
    REQUIRE(rcx.size() == 1);
    CHECK(rcx[0] == doctest::Approx(310.0));
  }
}

TEST_CASE("a spine chart without a practice value has no marker - a flat spread still draws") {
  SpineChart c = spine();
  c.value.reset();
  CHECK(count(spine_chart_svg(c), "<circle") == 0);
  c.min = c.q1 = c.q3 = c.max = 4;
  c.benchmark = 4;
  c.value = 4;
  const std::string flat = spine_chart_svg(c);
  CHECK(attr(flat, "cx").at(0) == doctest::Approx(160.0));
  CHECK(flat.find("nan") == std::string::npos);
}

TEST_CASE("trend charts: lines break at gaps, a single period draws markers only") {
  TrendChart c;
  c.id = "t";
  c.title = "Trend";
  c.description = "words";
  c.periods = {"2022-23", "2023-24", "2024-25", "2025-26"};
  c.series = {{"Practice", "practice", {1.0, std::nullopt, 3.0, 4.0}},
              {"ICB", "icb", {2.0, 2.5, 2.5, 3.0}},
              {"England", "england", {std::nullopt, std::nullopt, std::nullopt, std::nullopt}}};
  const std::string svg = trend_chart_svg(c);
  CHECK(svg.find("role=\"img\" aria-labelledby=\"t-title t-desc\"") != std::string::npos);
  // The practice's line is two pieces: M..  M..L..
  const std::regex practice_path("<path d=\"(M[^\"]*)\" fill=\"none\" stroke=\"#005eb8\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, practice_path));
  CHECK(count(m[1], "M") == 2);
  CHECK(count(m[1], "L") == 1);
  // 3 practice markers (+1 in the legend), no England line.
  CHECK(count(svg, "<circle") == 4);
  CHECK(count(svg, "stroke=\"#212b32\" stroke-width=\"2\" stroke-dasharray") == 1);  // legend sample only
  for (const char* p : {">2022-23<", ">2025-26<"}) CHECK(svg.find(p) != std::string::npos);

  SUBCASE("one period") {
    TrendChart one = c;
    one.periods = {"2024-Q2"};
    one.series = {{"Practice", "practice", {80.0}}, {"ICB", "icb", {56.7}}, {"England", "england", {60.7}}};
    const std::string s = trend_chart_svg(one);
    CHECK(std::regex_search(s, std::regex("<path d=\"M[0-9. ]+\" fill=\"none\"")));  // ...with no line segment
    CHECK(count(s, "<circle") == 2);
  }
  SUBCASE("nothing published") {
    TrendChart none = c;
    for (auto& s : none.series) s.values.assign(4, std::nullopt);
    const std::string s = trend_chart_svg(none);
    CHECK(s.find("Not published in any period") != std::string::npos);
    CHECK_FALSE(std::regex_search(s, std::regex("<path d=\"M[^\"]*\" fill=\"none\"")));
  }
}

TEST_CASE("axis ticks are round numbers covering the values") {
  CHECK(nice_ticks(3.4, 5.6) == std::vector<double>{3.0, 4.0, 5.0, 6.0});
  CHECK(nice_ticks(3.9, 5.6) == std::vector<double>{3.5, 4.0, 4.5, 5.0, 5.5, 6.0});
  CHECK(nice_ticks(0, 100) == std::vector<double>{0, 50, 100});
  const auto flat = nice_ticks(7, 7);
  CHECK(flat.front() <= 7);
  CHECK(flat.back() >= 7);
  CHECK(flat.size() >= 2);
  CHECK(nice_ticks(0.1, 0.3).at(1) == doctest::Approx(0.15));
}

TEST_CASE("values at the limits of a double give no scale instead of an endless axis") {
  const double big = std::numeric_limits<double>::max();
  CHECK(nice_ticks(0, 1.7e308).size() <= 14);
  CHECK(nice_ticks(-big, big).empty());
  CHECK(nice_ticks(big, big).empty());
  CHECK(nice_ticks(1e17, 1e17 + 16).size() <= 14);
  CHECK(nice_ticks(0, std::numeric_limits<double>::infinity()).empty());

  TrendChart c;
  c.id = "huge";
  c.periods = {"2022-23", "2023-24"};
  c.series = {{"Practice", "practice", {-big, big}}};
  const std::string s = trend_chart_svg(c);
  CHECK(s.find("Values too large to chart") != std::string::npos);
  CHECK(s.find("nan") == std::string::npos);
}
