// The options product: one options report per practice, rendered in
// parallel, and the ranked list as a workbook. The analysis always covers the
// whole cohort, so ranks and the team 360 spread do not change when
// --practice builds only some reports.
#include "products/options.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/options.hpp"
#include "assemble/ranking.hpp"
#include "core/parallel.hpp"
#include "products/pdf_output.hpp"
#include "products/practice_index.hpp"
#include "xlsx/ranked_list.hpp"

namespace gpress {
namespace {

constexpr std::string_view kRoot = "private/practices/";
constexpr std::string_view kXlsx = "private/practices/ranked-practices.xlsx";

bool owns(const std::string& path, const ProductRequest& options, const BuildPlan&) {
  if (path == kXlsx || path == kOptionsCssPath || path == kPracticeIndexPath) return true;
  if (path.rfind(kRoot, 0) != 0) return false;
  const std::string rest = path.substr(kRoot.size());
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return false;
  const std::string file = rest.substr(slash + 1);
  if (file != "options-report.html" && file != "options-report.pdf") return false;
  return options.covers(rest.substr(0, slash));
}

BuildPlan validate(const Project& project, const ProductRequest&, Diagnostics& diags) {
  project.templates.validate("options-report.html", options_schema(), diags);
  prepare_options(project, diags);  // the actions' triggers and the [risk] settings
  return {};
}

void render(ProductRun& run) {
  const Project& project = run.project;
  const auto analysis = build_options_analysis(project, run.jobs);
  std::vector<std::size_t> chosen;
  for (std::size_t i = 0; i < analysis->practices.size(); ++i)
    if (run.options.covers(project.data.practices[analysis->practices[i].practice].ods_code)) chosen.push_back(i);
  if (run.log) run.log(fmt::format("options: {} reports", chosen.size()));
  // The index of every practice and the ranked workbook are the two largest
  // files; handed out first, they are made while the reports are, instead of
  // on one core after them.
  constexpr std::size_t kShared = 2;
  // The report links its stylesheet; its PDF is printed from a copy
  // elsewhere, so the stylesheet goes in with it.
  const std::string css = run.plan.pdf ? project.templates.source("assets/options.css") : std::string();
  parallel_for(kShared + chosen.size(), run.jobs, [&](std::size_t k) {
    if (k == 0) {
      write_practice_index(run, analysis.get());
    } else if (k == 1) {
      run.sink.write(std::string(kXlsx),
                     ranked_list_xlsx(rank_practices(*analysis),
                                      fmt::format("{}: ranked practices", project.config.programme.name)));
    } else {
      const std::size_t i = chosen[k - kShared];
      const Practice& practice = project.data.practices[analysis->practices[i].practice];
      const std::string html = project.templates.render("options-report.html", options_context(*analysis, i));
      write_pdf(run, fmt::format("{}{}/options-report.pdf", kRoot, practice.ods_code), html, css,
                fmt::format("Options report: {} ({})", practice.name, practice.ods_code));
      run.sink.write(options_report_path(practice.ods_code), html);
    }
  });
  run.sink.write(std::string(kOptionsCssPath), project.templates.source("assets/options.css"));
}

}  // namespace

Product options_product() {
  Product p;
  p.name = "options";
  p.description = "options reports per practice and the ranked practice list in private/practices/";
  p.roots = {"private/practices"};
  p.needs_practice_data = true;
  p.prints_pdf = true;
  p.per_practice = true;
  p.reads_menu_of_support = true;
  p.owns = owns;
  p.validate = validate;
  p.render = render;
  return p;
}

}  // namespace gpress
