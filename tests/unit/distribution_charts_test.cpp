// Funnel plots and box plots: the text alternative is always there, the
// practice is marked as its band says, and the markup stays small.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analyse/funnel.hpp"
#include "render/box_plot.hpp"
#include "render/funnel_plot.hpp"
#include "render/population_pyramid.hpp"

using namespace gpress;

namespace {

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

// 2,000 practices of 2,000 to 21,990 patients around 10%, and one far above.
analyse::Funnel sample_funnel() {
  std::vector<analyse::Observation> obs;
  for (std::size_t i = 0; i < 2000; ++i) {
    const double den = 2000 + 10.0 * static_cast<double>(i);
    const double num = std::round(den * (0.09 + 0.02 * static_cast<double>(i % 7) / 6));
    obs.push_back({i, 100 * num / den, num, den});
  }
  obs.push_back({2000, 30.0, 1500, 5000});
  return *analyse::make_funnel(analyse::IntervalMethod::kWilson, analyse::Unit::kPercent, obs, 10.0);
}

charts::FunnelAxes axes() {
  charts::FunnelAxes a;
  a.area = "England";
  a.format_value = [](double v) { return std::to_string(static_cast<int>(v)) + "%"; };
  a.format_denominator = [](double v) { return std::to_string(static_cast<int>(v)); };
  return a;
}

}  // namespace

TEST_CASE("a funnel plot is an image with its figures in words and the practice marked by its band") {
  const analyse::Funnel funnel = sample_funnel();
  REQUIRE(funnel.above998 >= 1);
  const charts::FunnelFrame frame = charts::funnel_frame(funnel, axes());
  charts::FunnelMarker m;
  m.id = "f";
  m.title = "Missed calls: funnel plot <all>";
  m.description = "The practice: 30.0% & above the 99.8% upper limit";
  m.denominator = 5000;
  m.value = 30.0;
  m.band = std::string(analyse::to_string(*funnel.band(30.0, 5000)));
  m.label = "Practice: above 99.8% limit";
  const std::string svg = charts::funnel_plot_svg(frame, m);
  CHECK(svg.rfind("<svg class=\"pack-funnel\"", 0) == 0);
  CHECK(has(svg, "role=\"img\" aria-labelledby=\"f-title f-desc\""));
  CHECK(has(svg, "<title id=\"f-title\">Missed calls: funnel plot &lt;all&gt;</title>"));
  CHECK(has(svg, "<desc id=\"f-desc\">The practice: 30.0% &amp; above the 99.8% upper limit</desc>"));
  // Outside the 99.8% limit: the marker says so in its class, its ring and its label.
  CHECK(m.band == "above-99.8");
  CHECK(has(svg, "pack-funnel__marker--above-99.8"));
  CHECK(has(svg, "r=\"10\""));
  CHECK(has(svg, ">Practice: above 99.8% limit</text>"));
  CHECK(has(svg, "England 10%"));
  CHECK(svg.substr(svg.size() - 6) == "</svg>");

  SUBCASE("within the limits: an open marker and no ring") {
    m.value = 10.0;
    m.band = std::string(analyse::to_string(*funnel.band(10.0, 5000)));
    const std::string within = charts::funnel_plot_svg(frame, m);
    CHECK(m.band == "within-95");
    CHECK(has(within, "pack-funnel__marker--within-95"));
    CHECK_FALSE(has(within, "r=\"10\""));
  }
  SUBCASE("no figures: the frame without a marker") {
    m.value.reset();
    const std::string none = charts::funnel_plot_svg(frame, m);
    CHECK_FALSE(has(none, "pack-funnel__marker"));
    CHECK(has(none, "<desc id=\"f-desc\">"));
  }
}

TEST_CASE("a funnel plot of 2,000 practices is a few kilobytes: one dot per grid cell") {
  const charts::FunnelFrame frame = charts::funnel_frame(sample_funnel(), axes());
  CHECK(frame.body.size() < 12000);
  // The dots are one path, not an element per practice.
  std::size_t circles = 0;
  for (auto p = frame.body.find("<circle"); p != std::string::npos; p = frame.body.find("<circle", p + 1)) ++circles;
  CHECK(circles == 1);  // the legend's
}

TEST_CASE("box plots: a row per area, the practice as a line, the five numbers in words") {
  charts::BoxPlot c;
  c.id = "b";
  c.title = "Spread";
  c.description = "PCN: lowest 1, lower quartile 2, median 3, upper quartile 4, highest 5";
  c.rows = {{"PCN", {1, 2, 3, 4, 5}}, {"England", {0, 2, 3, 4, 1000}}};
  c.value = 3.5;
  const std::string svg = charts::box_plot_svg(c);
  CHECK(svg.rfind("<svg class=\"pack-boxes\"", 0) == 0);
  CHECK(has(svg, "<desc id=\"b-desc\">PCN: lowest 1"));
  CHECK(has(svg, ">PCN</text>"));
  CHECK(has(svg, ">England</text>"));
  CHECK(has(svg, ">Practice 3.5</text>"));
  // England's highest (1000) lies far beyond its box: the scale stops at
  // the outer fence (4 + 3 x 2 = 10), so the boxes keep their width.
  CHECK_FALSE(has(svg, ">1000</text>"));
  CHECK(has(svg, ">10</text>"));
  CHECK(charts::box_plot_svg({}).empty());
}

TEST_CASE("a population pyramid: a bar per band and sex, England's outline, the shares in words") {
  charts::PyramidChart c;
  c.id = "p";
  c.title = "Registered patients by age and sex";
  c.description = "0-4: male 3.0%, female 2.9% (England 2.5% and 2.4%)";
  c.bands = {"0-4", "5-9", "95+"};
  c.male = {3.0, 20.0, 0.5};
  c.female = {2.9, 20.0, 1.0};
  c.outline_male = {2.5, 10.0, 0.2};
  c.outline_female = {2.4, 10.0, 0.6};
  const std::string svg = charts::population_pyramid_svg(c);
  CHECK(svg.rfind("<svg class=\"pack-pyramid\"", 0) == 0);
  CHECK(has(svg, "<desc id=\"p-desc\">0-4: male 3.0%, female 2.9% (England 2.5% and 2.4%)</desc>"));
  CHECK(has(svg, ">Male</text>"));
  CHECK(has(svg, ">Female</text>"));
  CHECK(has(svg, ">95+</text>"));
  CHECK(has(svg, ">England</text>"));
  // One path of male bars, one of female bars, one outline each side.
  std::size_t outlines = 0;
  for (auto p = svg.find("stroke=\"#212b32\" stroke-width=\"2\"/>"); p != std::string::npos;
       p = svg.find("stroke=\"#212b32\" stroke-width=\"2\"/>", p + 1))
    ++outlines;
  CHECK(outlines == 3);  // the legend's sample and the two sides

  SUBCASE("without England's shares: no outline") {
    c.outline_male.clear();
    c.outline_female.clear();
    CHECK_FALSE(has(charts::population_pyramid_svg(c), ">England</text>"));
  }
}
