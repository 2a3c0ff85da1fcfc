#include "products/practice_index.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/options.hpp"
#include "assemble/pack.hpp"
#include "assemble/ranking.hpp"

namespace gpress {
namespace {

constexpr std::string_view kRoot = "private/practices/";

}  // namespace

bool writes_practice_index(std::string_view product, const ProductRequest& request) {
  return product == (request.builds("options") ? "options" : "packs");
}

std::optional<Period> quarter_cap(const ProductRequest& options) {
  if (options.quarter.empty()) return std::nullopt;
  auto p = Period::parse(options.quarter);
  if (!p || p->kind != Period::Kind::kQuarter) return std::nullopt;
  return p;
}

void write_practice_index(ProductRun& run, const OptionsAnalysis* analysis) {
  const Project& project = run.project;
  const PracticeData& data = project.data;
  const ProductRequest& options = run.options;
  std::unique_ptr<OptionsAnalysis> own;
  if (!analysis) {
    own = build_options_analysis(project, run.jobs);
    analysis = own.get();
  }
  PackPage page;
  page.programme = project.config.programme.name;
  page.local_office = project.config.programme.local_office;
  page.generator = "gpress " GPRESS_VERSION;
  page.styles = project.templates.source("assets/pack.css");
  page.sources = &data.sources;
  page.widest_area = data.widest_area;
  page.cap = quarter_cap(options);
  for (const Value& v : data.values) {
    if (page.cap && v.period.first_month() > page.cap->last_month()) continue;
    if (!page.first_period || v.period < *page.first_period) page.first_period = v.period;
    if (!page.last_period || *page.last_period < v.period) page.last_period = v.period;
  }

  // The index links every output there will be after this build: those just
  // made and those kept from earlier builds.
  const fs::path live = project.root / kRoot;
  auto will_exist = [&](bool built_now, const std::string& ods, const char* file) {
    return (built_now && options.covers(ods)) || fs::exists(live / ods / file);
  };
  std::vector<IndexEntry> entries;
  entries.reserve(data.practices.size());
  for (const RankedPractice& r : rank_practices(*analysis)) {
    const Practice* p = data.find_practice(r.ods_code);
    if (!p) continue;
    IndexEntry e{p,
                 {},
                 r.rank,
                 r.risk_score,
                 std::string(to_string(r.support_level)),
                 std::string(slug_of(r.support_level)),
                 r.overridden,
                 r.top_criteria,
                 r.top_action};
    if (will_exist(options.builds("packs"), p->ods_code, "data-pack.html")) {
      e.links.emplace_back("Data pack", p->ods_code + "/data-pack.html");
      e.links.emplace_back("Workbook", p->ods_code + "/data-pack.xlsx");
    }
    if (will_exist(options.builds("options"), p->ods_code, "options-report.html"))
      e.links.emplace_back("Options report", p->ods_code + "/options-report.html");
    entries.push_back(std::move(e));
  }
  run.sink.write(std::string(kPracticeIndexPath),
                 project.templates.render("practices-index.html",
                                          index_context(entries, page, project.templates.source("assets/pack.js"))));
}

}  // namespace gpress
