// The quarterly thematic highlight report: resolve the quarter, snapshot the
// project at its end (and the previous quarter's), aggregate, then write the
// page and workbook for each audience.
//
//   private/thematic/<YYYY-Qn>/index.html                              local office
//   private/thematic/<YYYY-Qn>/thematic-highlights-<YYYY-Qn>.xlsx
//   private/thematic/<YYYY-Qn>/wider.html                              wider audience
//   private/thematic/<YYYY-Qn>/thematic-highlights-<YYYY-Qn>-wider.xlsx
//
// A build writes both audiences unless --audience names one; other quarters'
// folders, and the other audience's files, are carried over untouched.
#include "products/thematic.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/thematic.hpp"
#include "assemble/thematic_input.hpp"
#include "core/parallel.hpp"
#include "xlsx/thematic_workbook.hpp"

namespace gpress {
namespace {

std::optional<Period> resolved_quarter(const BuildPlan& plan) {
  if (plan.thematic_quarter.empty()) return std::nullopt;
  return Period::parse(plan.thematic_quarter);
}

std::vector<Audience> audiences(const ProductRequest& o) {
  if (o.audience == "local-office") return {Audience::kLocalOffice};
  if (o.audience == "wider") return {Audience::kWider};
  return {Audience::kLocalOffice, Audience::kWider};
}

std::string folder(const Period& q) { return "private/thematic/" + q.str() + "/"; }

// The quarter the report is for: --quarter, or the latest in the data; an
// error and nullopt when there is no data for it.
std::optional<Period> reported_quarter(const Project& project, const ProductRequest& options, Diagnostics& diags) {
  const Assessments& assessments = project.assessments;
  std::optional<Period> quarter;
  const auto latest = latest_quarter_in_data(project, assessments);
  if (!options.quarter.empty()) {
    quarter = parse_quarter(options.quarter);
    if (!quarter) {
      diags.error({}, bad_quarter_message(options.quarter));
      return std::nullopt;
    }
    if (latest && *quarter > *latest) {
      diags.error({}, fmt::format("no data for {}: the latest quarter in the data is {} (leave out --quarter for it)",
                                  quarter->str(), latest->str()));
      return std::nullopt;
    }
  } else {
    quarter = latest;
  }
  if (project.data.practices.empty()) {
    diags.error({"data/practices.csv"}, "no practices: the thematic report needs the practice register");
    return std::nullopt;
  }
  if (!quarter || !has_data_by(project, assessments, *quarter)) {
    diags.error({}, quarter ? fmt::format("no data for {}: nothing in data/ is dated on or before {}", quarter->str(),
                                          quarter_last_day(*quarter))
                            : "no dated data: the thematic report needs indicator values, CQC ratings or assessments");
    return std::nullopt;
  }
  return quarter;
}

BuildPlan validate(const Project& project, const ProductRequest& options, Diagnostics& diags) {
  project.templates.validate("thematic.html", thematic_schema(), diags);
  if (!options.audience.empty() && options.audience != "local-office" && options.audience != "wider")
    diags.error({}, fmt::format("unknown audience '{}': expected local-office or wider", options.audience));
  BuildPlan settled;
  if (const auto quarter = reported_quarter(project, options, diags)) settled.thematic_quarter = quarter->str();
  return settled;
}

bool owns(const std::string& path, const ProductRequest& options, const BuildPlan& plan) {
  const auto q = resolved_quarter(plan);
  if (!q) return false;
  const std::string dir = folder(*q);
  if (path.rfind(dir, 0) != 0) return false;
  const std::string name = path.substr(dir.size());
  for (Audience a : audiences(options))
    if (name == thematic_page_name(a) || name == thematic_workbook_name(*q, a)) return true;
  return false;
}

void render(ProductRun& run) {
  const Project& project = run.project;
  const auto quarter = resolved_quarter(run.plan);
  if (!quarter) throw InternalError("thematic report: the quarter was not resolved before rendering");
  const Assessments& assessments = project.assessments;
  if (run.log) run.log(fmt::format("thematic: {} and the quarter before", quarter->str()));
  const ThematicInput input = thematic_input(project, assessments, *quarter, run.jobs);
  const ThematicConfig& settings = project.config.thematic;
  const ThematicReport report = build_thematic(
      input, {settings.cluster_min_practices, settings.opportunity_area == "sub-icb", settings.top_opportunities});
  const DisclosedCounts disclosed = disclose(report, project.config.privacy.suppression_threshold);
  const std::string css =
      project.templates.has("assets/thematic.css") ? project.templates.source("assets/thematic.css") : "";
  const ThematicWorkbookMeta meta{project.config.programme.name, project.config.programme.local_office};
  const std::string dir = folder(*quarter);
  // Each audience's workbook and page are independent of the others: made
  // side by side, they take the time of the largest instead of the sum.
  const std::vector<Audience> chosen = audiences(run.options);
  parallel_for(chosen.size() * 2, run.jobs, [&](std::size_t k) {
    const Audience a = chosen[k / 2];
    if (k % 2 == 0)
      run.sink.write(dir + thematic_workbook_name(*quarter, a), thematic_workbook(report, a, disclosed, meta));
    else
      run.sink.write(
          dir + thematic_page_name(a),
          project.templates.render("thematic.html", thematic_context(report, a, disclosed, project.config, css)));
  });
}

}  // namespace

Product thematic_product() {
  Product p;
  p.name = "thematic";
  p.description = "the quarterly thematic highlight report in private/thematic/<YYYY-Qn>/";
  p.roots = {"private/thematic"};
  p.needs_practice_data = true;
  p.owns = owns;
  p.validate = validate;
  p.render = render;
  p.renders_alongside = true;
  p.reads_menu_of_support = true;
  return p;
}

}  // namespace gpress
