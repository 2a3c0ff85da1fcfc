// The data packs: one self-contained page and one workbook per practice, and
// an index of every practice.
//
//   private/practices/
//   ├── index.html               every practice, sortable and filterable
//   └── <ODS>/
//       ├── data-pack.html       profile, CQC, indicators with charts; prints on A4
//       ├── data-pack.xlsx       the same figures as a workbook
//       └── data-pack.pdf        the page printed, with --pdf
//
// Comparisons are worked out once for all practices (PackAnalysis); each
// practice's files are then rendered in parallel and written as soon as they
// are made, so memory stays flat however many practices there are.
// `--practice` renders only those practices; everyone else's files are
// carried over by the build because this product does not own them.
#include "products/packs.hpp"
#include "products/practice_index.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/options.hpp"
#include "assemble/pack.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "load/practice_data.hpp"
#include "products/distribution_charts.hpp"
#include "products/pdf_output.hpp"
#include "render/svg_charts.hpp"
#include "xlsx/pack_workbook.hpp"

namespace gpress {
namespace {

using analyse::Level;

constexpr std::string_view kRoot = "private/practices/";

// private/practices/<ODS>/data-pack.{html,xlsx,pdf} -> ODS; "" for anything else.
std::string pack_owner(const std::string& path) {
  if (path.rfind(kRoot, 0) != 0) return {};
  const std::string rest = path.substr(kRoot.size());
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return {};
  const std::string file = rest.substr(slash + 1);
  if (file != "data-pack.html" && file != "data-pack.xlsx" && file != "data-pack.pdf") return {};
  return rest.substr(0, slash);
}

bool owns(const std::string& path, const ProductRequest& options, const BuildPlan&) {
  if (path == kPracticeIndexPath) return writes_practice_index("packs", options);
  const std::string ods = pack_owner(path);
  return !ods.empty() && options.covers(ods);
}

BuildPlan validate(const Project& project, const ProductRequest& options, Diagnostics& diags) {
  for (const auto& [name, schema] : pack_schemas()) project.templates.validate(name, schema, diags);
  for (const char* asset : {"assets/pack.css", "assets/pack.js"})
    if (!project.templates.has(asset)) diags.error({std::string("templates/") + asset}, "template not found");
  if (!options.quarter.empty() && !quarter_cap(options))
    diags.error({"--quarter"}, fmt::format("bad --quarter '{}' (expected YYYY-Qn, e.g. 2025-Q4)", options.quarter));
  // The index ranks the practices as the options reports do.
  if (writes_practice_index("packs", options)) prepare_options(project, diags);
  return {};
}

// The widest comparator is named for what it covers: England, or "All
// imported practices: QMJ" (AreaFigures::name).
std::string describe_spine(const Indicator& ind, const PeriodFigures& pf, analyse::Confidence level) {
  const AreaFigures& e = pf.area(Level::kEngland);
  std::string d = fmt::format("{}: practice {}", pf.period.str(), format_value(ind.unit, pf.value));
  if (pf.value) d += fmt::format(", {}", significance_text(e.significance, e.name, level));
  d += fmt::format(". {} {}.", e.name, format_value(ind.unit, e.value));
  if (e.spread)
    d += fmt::format(" Practices in {} range from {} to {}; the middle half from {} to {}.", e.name,
                     format_value(ind.unit, e.spread->min), format_value(ind.unit, e.spread->max),
                     format_value(ind.unit, e.spread->q1), format_value(ind.unit, e.spread->q3));
  return d;
}

std::string spine(const IndicatorFigures& f, analyse::Confidence level) {
  const Indicator& ind = *f.indicator;
  const PeriodFigures& pf = f.latest();
  const AreaFigures& e = pf.area(Level::kEngland);
  charts::SpineChart c;
  c.id = "ind-" + slugify(ind.id) + "-spine";
  c.title = fmt::format("{}: the practice against practices in {}", ind.name, e.name);
  c.description = describe_spine(ind, pf, level);
  c.min = e.spread->min;
  c.q1 = e.spread->q1;
  c.q3 = e.spread->q3;
  c.max = e.spread->max;
  c.benchmark = e.value;
  c.value = pf.value;
  c.reversed = ind.polarity == Polarity::kLowerIsBetter;
  c.marker = significance_token(e.significance);
  return charts::spine_chart_svg(c);
}

std::string trend(const PracticePack&, const IndicatorFigures& f) {
  const Indicator& ind = *f.indicator;
  charts::TrendChart c;
  c.id = "ind-" + slugify(ind.id) + "-trend";
  const std::string& widest = f.latest().area(Level::kEngland).name;
  c.title = fmt::format("{} over time: practice, ICB and {}", ind.name, widest);
  charts::TrendSeries practice{"Practice", "practice", {}}, icb{"ICB", "icb", {}}, england{widest, "england", {}};
  for (const PeriodFigures& pf : f.periods) {
    c.periods.push_back(pf.period.str());
    practice.values.push_back(pf.value);
    icb.values.push_back(pf.area(Level::kIcb).value);
    england.values.push_back(pf.area(Level::kEngland).value);
  }
  // In words: where each line starts and ends.
  std::vector<std::string> parts;
  for (const auto* s : {&practice, &icb, &england}) {
    std::vector<std::size_t> have;
    for (std::size_t i = 0; i < s->values.size(); ++i)
      if (s->values[i]) have.push_back(i);
    if (have.empty()) {
      parts.push_back(fmt::format("{}: not published", s->name));
    } else if (have.size() == 1) {
      parts.push_back(
          fmt::format("{}: {} in {}", s->name, format_value(ind.unit, s->values[have[0]]), c.periods[have[0]]));
    } else {
      parts.push_back(fmt::format("{}: from {} in {} to {} in {}", s->name,
                                  format_value(ind.unit, s->values[have.front()]), c.periods[have.front()],
                                  format_value(ind.unit, s->values[have.back()]), c.periods[have.back()]));
    }
  }
  c.description = fmt::format("{} period{}. {}. The figures are in the table below the chart.", f.periods.size(),
                              f.periods.size() == 1 ? "" : "s", join(parts, "; "));
  c.series = {std::move(practice), std::move(icb), std::move(england)};
  c.format_tick = [unit = ind.unit](double v) {
    const std::string s = format_bare(unit, v);
    return unit == Unit::kPercent ? s + "%" : s;
  };
  return charts::trend_chart_svg(c);
}

// The build log's account of the models behind expected prevalence
// (docs/expected-prevalence.md); each pack states its register's model.
std::string expected_prevalence_summary(const PracticeProfiles& profiles) {
  const auto& models = profiles.models();
  if (models.empty()) return "packs: no QOF register to model expected prevalence on";
  const auto [low, high] = std::minmax_element(
      models.begin(), models.end(), [](const auto& a, const auto& b) { return a.model.r_squared < b.model.r_squared; });
  return fmt::format(
      "packs: expected prevalence of {} QOF register{} fitted on every practice (R² {:.2f} {} to {:.2f} "
      "{}); practices like each other from {} open practices",
      models.size(), models.size() == 1 ? "" : "s", low->model.r_squared, low->indicator->id, high->model.r_squared,
      high->indicator->id, profiles.peer_space().pool_size());
}

void render(ProductRun& run) {
  const Project& project = run.project;
  const PracticeData& data = project.data;
  const ProductRequest& options = run.options;

  const PackAnalysis analysis(data, quarter_cap(options), run.jobs,
                              static_cast<std::size_t>(project.config.packs.peers));
  const PackDistribution distribution(analysis, data);

  PackPage page;
  page.programme = project.config.programme.name;
  page.local_office = project.config.programme.local_office;
  page.generator = "gpress " GPRESS_VERSION;
  page.styles = project.templates.source("assets/pack.css");
  page.first_period = analysis.first_period();
  page.last_period = analysis.last_period();
  page.cap = analysis.cap();
  page.sources = &data.sources;
  page.widest_area = data.widest_area;
  page.significance = data.significance;

  const ChartFn spine_at_level = [&page](const PracticePack&, const IndicatorFigures& f) {
    return spine(f, page.significance);
  };

  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < data.practices.size(); ++i)
    if (data.practices[i].published() && options.covers(data.practices[i].ods_code)) chosen.push_back(i);
  if (run.log) run.log(fmt::format("packs: {} practice{}", chosen.size(), chosen.size() == 1 ? "" : "s"));
  if (run.log) run.log(expected_prevalence_summary(analysis.profiles()));

  // When this product writes the index, the largest page, it is handed out
  // first and made while the packs are.
  const std::size_t shared = writes_practice_index("packs", options) ? 1 : 0;
  std::atomic<std::size_t> done{0};
  parallel_for(shared + chosen.size(), run.jobs, [&](std::size_t k) {
    if (k < shared) {
      write_practice_index(run, nullptr);
      return;
    }
    const std::size_t i = chosen[k - shared];
    const PracticePack pack = analysis.pack(i);
    const Practice& practice = data.practices[i];
    const std::string dir = std::string(kRoot) + practice.ods_code + "/";
    const std::string html = project.templates.render(
        "data-pack.html", pack_context(pack, page, spine_at_level, trend, distribution.charts()));
    write_pdf(run, dir + "data-pack.pdf", html, "",
              fmt::format("Data pack: {} ({})", practice.name, practice.ods_code));
    run.sink.write(dir + "data-pack.html", html);
    run.sink.write(dir + "data-pack.xlsx", pack_workbook(pack, page));
    const std::size_t n = ++done;
    if (run.log && n % 500 == 0) run.log(fmt::format("packs: {} of {}", n, chosen.size()));
  });
}

}  // namespace

Product packs_product() {
  return {.name = "packs",
          .description = "a data pack per practice in private/practices/ (--practice ODS to build only some)",
          .roots = {"private/practices"},
          .needs_practice_data = true,
          .owns = owns,
          .validate = validate,
          .render = render,
          .per_practice = true,
          .prints_pdf = true};
}

}  // namespace gpress
