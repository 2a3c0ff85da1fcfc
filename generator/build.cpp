// The pipeline behind `gpress build`, as a list of stages:
//
//   load      read every input once (settings, themes, content, templates,
//             practice data, assessments)
//   validate  each product checks what it needs and settles its part of the
//             plan (BuildPlan); every problem is reported, nothing written
//   reuse     outputs whose sources did not change are kept (build_cache.hpp)
//   render    each product analyses what it shows and renders it into staging
//             folders, one after another or alongside (build_threads.hpp)
//   commit    the changed files move into place
//   after     tools that read the finished tree (Pagefind), then what the
//             build saw is recorded for the next one
//
// Nothing is written until every input and template has been checked.
// Changed files go to staging folders beside the output and move into place
// only when every product has finished, so a failed build leaves the previous
// output byte-identical; unchanged files are not touched at all.
#include "build.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "build_cache.hpp"
#include "build_threads.hpp"
#include "build_timer.hpp"
#include "core/fs.hpp"
#include "core/project_lock.hpp"
#include "core/text.hpp"
#include "products/pdf_output.hpp"
#include "products/product.hpp"
#include "project.hpp"

namespace gpress {

const std::vector<std::string>& product_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& p : products()) n.push_back(p.name);
    return n;
  }();
  return names;
}

std::string BuildReport::summary() const {
  std::vector<std::string> parts;
  for (const auto& s : stages) parts.push_back(fmt::format("{} {:.2f}s", s.stage, s.seconds));
  std::string line = fmt::format("{} files written ({} changed, {} removed) in {:.2f}s ({})",
                                 files_changed + files_unchanged, files_changed, files_removed, seconds, join(parts));
  for (const auto& program : programs_run) line += "; ran " + program;
  return line;
}

namespace {

// What BuildReport::working_set holds.
struct WorkingSet {
  std::shared_ptr<const ContentCache> cache;
  std::shared_ptr<const Project> project;
  std::shared_ptr<const Fingerprints> fingerprints;
};

// One build at a time: held until the outputs and what the build saw in
// .gpress/ are written (check writes the content cache too). A folder that
// is no project gets no .gpress/, only the error that says so.
void hold_project_lock(const BuildOptions& options, std::optional<ProjectLock>& lock) {
  if (fs::exists(options.project / "gpress.toml"))
    lock.emplace(options.project, bool(options.waiting_for_lock), options.waiting_for_lock);
}

// The products named on the command line (all when none is), in build order.
std::vector<const Product*> chosen_products(const BuildOptions& options) {
  for (const auto& name : options.what) {
    if (std::find(product_names().begin(), product_names().end(), name) == product_names().end())
      throw InputError({}, fmt::format("unknown product '{}': expected {}", name, join(product_names())));
  }
  std::vector<const Product*> out;
  for (const auto& p : products())
    if (options.builds(p.name)) out.push_back(&p);
  return out;
}

// Whether any chosen product has `what` set.
bool any_chosen(const std::vector<const Product*>& chosen, bool Product::*what) {
  return std::any_of(chosen.begin(), chosen.end(), [&](const Product* p) { return p->*what; });
}

// Building "everything" in a project that publishes only the toolkit skips
// the practice products instead of failing; naming one is an error that says
// how to get the data (rather than one per action naming an indicator).
void skip_products_without_data(const Project& project, const BuildOptions& options,
                                std::vector<const Product*>& chosen, Diagnostics& diags, BuildReport& report) {
  if (!project.has_practice_data || !project.data.practices.empty()) return;
  std::vector<std::string> skipped;
  std::erase_if(chosen, [&](const Product* p) {
    if (p->needs_practice_data) skipped.push_back(p->name);
    return p->needs_practice_data;
  });
  if (!skipped.empty() && options.what.empty()) {
    report.warnings.note({"data/practices.csv"}, fmt::format("no practice data, so {} skipped", join(skipped)));
  } else if (!skipped.empty()) {
    diags.error({"data/practices.csv"},
                fmt::format("no practices to build {} for: run `gpress import epraccur FILE` first, then the other "
                            "imports data/README.md lists",
                            join(skipped)));
  }
}

// What several products need is checked once for all of them, so that each
// problem is reported once: each --practice must name a practice in the data,
// the menu of support and maturity framework must be there, and PDFs need a
// browser to print them. Each product checks what only it needs and returns
// what it settled.
BuildPlan validate_products(const Project& project, const BuildOptions& options,
                            const std::vector<const Product*>& chosen, Diagnostics& diags) {
  BuildPlan plan;
  if (any_chosen(chosen, &Product::per_practice))
    for (const auto& ods : options.practices)
      if (!project.data.find_practice(ods))
        diags.error({"--practice"}, fmt::format("unknown practice '{}' (not in data/practices.csv)", ods));
  if (any_chosen(chosen, &Product::reads_menu_of_support)) require_toolkit_files(project, true, diags);
  for (const Product* p : chosen) plan.add(p->validate(project, options, diags));
  if (any_chosen(chosen, &Product::prints_pdf)) plan.add(validate_pdf(project, options, diags));
  return plan;
}

// The files the chosen products write under their roots; files there that
// none of them owns are carried over as they are.
std::vector<std::string> output_roots(const std::vector<const Product*>& chosen) {
  std::vector<std::string> roots;
  for (const Product* p : chosen)
    for (const auto& r : p->roots)
      if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
  return roots;
}

// The tools that read the finished tree run, and what the build saw is
// recorded. Until then the commit can be undone: a failure in any of them
// puts the previous output back.
void after_commit(const std::vector<const Product*>& chosen, std::vector<ProductRun>& runs,
                  const WholeProductOutputs& whole, StagedDiskSink& sink, Fingerprints& fingerprints,
                  StageTimer& stage) {
  try {
    const bool changed = sink.files_changed() > 0 || sink.files_removed() > 0;
    for (std::size_t i = 0; i < chosen.size(); ++i)
      if (chosen[i]->after_commit)
        stage(chosen[i]->name + " (after)", [&] { chosen[i]->after_commit(runs[i], changed); });
    record_outputs(whole, sink, fingerprints);
  } catch (const std::exception& e) {
    const std::string left = sink.rollback();
    throw InternalError(std::string(e.what()) +
                        (left.empty() ? "; the previous output was left as it was" : "; could not put back: " + left));
  }
  sink.finish();
}

void count_outputs(const StagedDiskSink& sink, BuildReport& report) {
  report.files_changed = sink.files_changed();
  report.files_unchanged = sink.files_unchanged();
  report.files_removed = sink.files_removed();
}

void list_programs_run(const BuildPlan& plan, const std::vector<ProductRun>& runs, BuildReport& report) {
  if (plan.pdf && !plan.pdf_browser.empty()) report.programs_run.push_back(plan.pdf_browser + " (PDFs)");
  for (const ProductRun& run : runs)
    report.programs_run.insert(report.programs_run.end(), run.ran.begin(), run.ran.end());
}

}  // namespace

BuildReport build(const BuildOptions& options) {
  const auto start = BuildClock::now();
  BuildReport report;
  StageTimer stage(report, options.log);
  const unsigned jobs = build_jobs(options);
  std::optional<ProjectLock> lock;
  hold_project_lock(options, lock);
  std::vector<const Product*> chosen = chosen_products(options);
  Diagnostics diags;  // every problem of load and validate, reported together

  // load: every input, once; the practice data only when a product reads it
  // (`check` reads everything).
  const bool needs_data = options.check_only || any_chosen(chosen, &Product::needs_practice_data);
  std::shared_ptr<const ContentCache> saved_cache;
  const auto loaded = std::make_shared<const Project>(stage("load", [&] {
    ContentCacheInUse cache(options, jobs);
    Project read = load_project(options.project, jobs, needs_data, diags, cache.get());
    cache.save_if_changed();
    saved_cache = cache.saved();
    return read;
  }));
  const Project& project = *loaded;
  skip_products_without_data(project, options, chosen, diags, report);

  // validate: nothing is written unless every check passes.
  const BuildPlan plan = stage("validate", [&] { return validate_products(project, options, chosen, diags); });
  if (diags.has_errors()) throw InputError(diags);
  for (const auto& d : diags.all()) report.warnings.add(d);
  if (options.check_only) {
    report.seconds = seconds_since(start);
    report.working_set = std::make_shared<const WorkingSet>(WorkingSet{saved_cache, loaded, nullptr});
    return report;
  }

  // reuse: outputs whose sources are those of the last build are kept.
  const auto recorded = std::make_shared<Fingerprints>(options.project / ".gpress/fingerprints.tsv");
  Fingerprints& fingerprints = *recorded;
  StagedDiskSink sink(options.project, output_roots(chosen), [&](const std::string& path) {
    return std::any_of(chosen.begin(), chosen.end(), [&](const Product* p) { return p->owns(path, options, plan); });
  });
  sink.trust_kept_outputs(options.trust_outputs);
  const WholeProductOutputs whole = keep_unchanged_outputs(project, options, plan, chosen, fingerprints, sink);

  // analyse and render: each product works out its figures and renders them
  // into staging, one stage per product.
  std::vector<ProductRun> runs;
  runs.reserve(chosen.size());
  for (std::size_t i = 0; i < chosen.size(); ++i)
    runs.push_back({project, options, plan, jobs, sink, fingerprints, options.log});
  render_products(
      chosen, runs, [&](const Product& p) { return whole.keeps(p); }, stage);

  // commit: the outputs move into place.
  stage("write", [&] { sink.commit(fingerprints.previous_outputs()); });

  // after: the search index, then what the build saw, for the next build.
  after_commit(chosen, runs, whole, sink, fingerprints, stage);

  list_programs_run(plan, runs, report);
  count_outputs(sink, report);
  report.seconds = seconds_since(start);
  report.working_set = std::make_shared<const WorkingSet>(WorkingSet{saved_cache, loaded, recorded});
  return report;
}

}  // namespace gpress
