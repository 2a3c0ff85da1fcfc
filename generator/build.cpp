// The pipeline: load -> validate -> render into staging -> move into place ->
// after-commit tools (the search index).
//
// Nothing is written until every input and template has been checked.
// Changed files go to staging folders beside the output and move into place
// only when every product has finished, so a failed build leaves the previous
// output byte-identical; unchanged files are not touched at all.
#include "build.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <list>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/parallel.hpp"
#include "core/project_lock.hpp"
#include "core/text.hpp"
#include "products/product.hpp"
#include "project.hpp"

namespace gpress {
namespace {

using Clock = std::chrono::steady_clock;

class StageTimer {
 public:
  StageTimer(BuildReport& report, const std::function<void(const std::string&)>& log)
      : report_(report), log_(log) {}
  template <typename Fn>
  auto operator()(const std::string& stage, Fn&& fn) {
    const auto start = Clock::now();
    if (log_) log_(stage + "...");
    struct Record {
      StageTimer& t;
      const std::string& stage;
      Clock::time_point start;
      ~Record() { t.report_.stages.push_back({stage, std::chrono::duration<double>(Clock::now() - start).count()}); }
    } record{*this, stage, start};
    return fn();
  }

 private:
  BuildReport& report_;
  const std::function<void(const std::string&)>& log_;
};

// The practice products are keyed as a whole: every pack and report depends
// on all of the data (through its comparators), so one key of every source
// says whether any of them can have changed.
std::uint64_t sources_key(const Project& project, const BuildOptions& options, const BuildPlan& plan,
                          const std::vector<const Product*>& whole) {
  std::uint64_t h = hash_combine(hash_bytes(GPRESS_VERSION), project.settings_hash);
  for (const Product* p : whole) h = hash_combine(h, hash_bytes(p->name));
  h = hash_combine(h, hash_folder(project.root / "data"));
  h = hash_combine(h, project.templates.fingerprint_all());
  // Of the content, they read the menu of support only (toolkit items are
  // the toolkit's), so an edit to an item leaves them as they are.
  for (const Page& action : project.content.actions)
    h = hash_combine(hash_combine(h, hash_bytes(action.path)), action.file_hash);
  for (const std::string* choice : {&options.quarter, &plan.thematic_quarter, &options.audience})
    h = hash_combine(h, hash_bytes(*choice));
  h = hash_combine(h, hash_bytes(plan.pdf ? "pdf" : ""));
  for (const auto& ods : options.practices) h = hash_combine(h, hash_bytes(ods));
  return h;
}

// The outputs the previous build made for `whole` and their key; empty when
// any of them was made from other sources or is no longer there.
std::vector<std::string> kept_outputs(const Fingerprints& fingerprints, const fs::path& root, const BuildOptions& options,
                                      const BuildPlan& plan, const std::vector<const Product*>& whole, std::uint64_t key) {
  std::vector<std::string> outputs;
  for (const std::string* path : fingerprints.previous_outputs()) {
    if (!std::any_of(whole.begin(), whole.end(), [&](const Product* p) { return p->owns(*path, options, plan); })) continue;
    std::error_code ec;
    if (fingerprints.previous_inputs(*path) != key || !fs::is_regular_file(root / *path, ec)) return {};
    outputs.push_back(*path);
  }
  return outputs;
}

// A product rendering on its own thread while the build goes on. Its
// messages are dropped (they would break into the others' progress line);
// what it throws is thrown again by finish().
class Alongside {
 public:
  Alongside(const Product& product, ProductRun& run) : product_(product) {
    run.log = nullptr;
    thread_ = std::thread([this, &run] {
      const auto start = Clock::now();
      try {
        product_.render(run);
      } catch (...) {
        error_ = std::current_exception();
      }
      seconds_ = std::chrono::duration<double>(Clock::now() - start).count();
    });
  }
  Alongside(Alongside&&) = delete;
  ~Alongside() {
    if (thread_.joinable()) thread_.join();
  }
  /// Waits for the product and returns how long the wait was.
  double finish() {
    const auto start = Clock::now();
    thread_.join();
    if (error_) std::rethrow_exception(error_);
    return std::chrono::duration<double>(Clock::now() - start).count();
  }
  const std::string& name() const { return product_.name; }
  double seconds() const { return seconds_; }

 private:
  const Product& product_;
  std::exception_ptr error_;
  double seconds_ = 0;
  std::thread thread_;
};

std::string join_names(const std::vector<const Product*>& products) {
  std::vector<std::string> names;
  for (const Product* p : products) names.push_back(p->name);
  return join(names);
}

std::vector<const Product*> selected(const std::vector<std::string>& what) {
  std::vector<const Product*> out;
  for (const auto& p : products())
    if (what.empty() || std::find(what.begin(), what.end(), p.name) != what.end()) out.push_back(&p);
  return out;
}

}  // namespace

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

}  // namespace

BuildReport build(const BuildOptions& requested) {
  const auto start = Clock::now();
  const BuildOptions& options = requested;
  BuildPlan plan;  // what validation settles from the options and the data
  BuildReport report;
  StageTimer stage(report, options.log);
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  // One build at a time: held until the outputs and what the build saw in
  // .gpress/ are written (check writes the content cache too). A folder
  // that is no project gets no .gpress/, only the error that says so.
  std::optional<ProjectLock> lock;
  if (fs::exists(options.project / "gpress.toml"))
    lock.emplace(options.project, bool(options.waiting_for_lock), options.waiting_for_lock);

  for (const auto& name : options.what) {
    if (std::find(product_names().begin(), product_names().end(), name) == product_names().end())
      throw InputError({}, fmt::format("unknown product '{}': expected {}", name, join(product_names())));
  }
  auto chosen = selected(options.what);

  const bool needs_data = options.check_only || std::any_of(chosen.begin(), chosen.end(), [](const Product* p) {
                            return p->needs_practice_data;
                          });
  Diagnostics diags;
  // Content is parsed only where its bytes changed: `serve` keeps the parsed
  // files in memory, a command keeps them in .gpress/ between runs.
  const fs::path cache_folder = options.project / ".gpress/content";
  const auto saved_cache = std::make_shared<ContentCache>();
  ContentCache* cache = options.content_cache ? options.content_cache : saved_cache.get();
  const auto loaded = std::make_shared<const Project>(stage("load", [&] {
    if (cache == saved_cache.get()) *saved_cache = ContentCache::read(cache_folder, jobs);
    Project read = load_project(options.project, jobs, needs_data, diags, cache);
    if (cache == saved_cache.get() && saved_cache->changed()) saved_cache->write(cache_folder);
    return read;
  }));
  const Project& project = *loaded;
  // Building "everything" in a project that publishes only the toolkit skips
  // the practice products instead of failing; naming one is an error that
  // says how to get the data (rather than one per action naming an indicator).
  if (project.has_practice_data && project.data.practices.empty()) {
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
  stage("validate", [&] {
    if (std::any_of(chosen.begin(), chosen.end(), [](const Product* p) { return p->per_practice; }))
      for (const auto& ods : options.practices)
        if (!project.data.find_practice(ods))
          diags.error({"--practice"}, fmt::format("unknown practice '{}' (not in data/practices.csv)", ods));
    for (const Product* p : chosen) p->validate(project, options, plan, diags);
  });
  if (diags.has_errors()) throw InputError(diags);
  for (const auto& d : diags.all()) report.warnings.add(d);
  if (options.check_only) {
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report.working_set = std::make_shared<const WorkingSet>(WorkingSet{saved_cache, loaded, nullptr});
    return report;
  }

  std::vector<std::string> roots;
  for (const Product* p : chosen)
    for (const auto& r : p->roots)
      if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
  const auto recorded = std::make_shared<Fingerprints>(options.project / ".gpress/fingerprints.tsv");
  Fingerprints& fingerprints = *recorded;
  StagedDiskSink sink(options.project, roots, [&](const std::string& path) {
    return std::any_of(chosen.begin(), chosen.end(), [&](const Product* p) { return p->owns(path, options, plan); });
  });
  sink.trust_kept_outputs(options.trust_outputs);
  std::vector<const Product*> whole;
  for (const Product* p : chosen)
    if (!p->keys_own_outputs) whole.push_back(p);
  const std::uint64_t whole_key = whole.empty() ? 0 : sources_key(project, options, plan, whole);
  const auto owned_by_whole = [&](const std::string& path) {
    return std::any_of(whole.begin(), whole.end(), [&](const Product* p) { return p->owns(path, options, plan); });
  };
  const std::vector<std::string> kept = whole.empty() ? std::vector<std::string>{}
                                                      : kept_outputs(fingerprints, options.project, options, plan, whole, whole_key);
  for (const auto& path : kept) {
    fingerprints.inputs_unchanged(path, whole_key);
    sink.reuse(path);
  }
  if (!kept.empty() && options.log) options.log(fmt::format("{}: no source changed, {} files kept", join_names(whole), kept.size()));

  std::vector<ProductRun> runs;
  runs.reserve(chosen.size());
  for (std::size_t i = 0; i < chosen.size(); ++i) runs.push_back({project, options, plan, jobs, sink, fingerprints, options.log});
  // Products that render alongside start first, in the background, and are
  // waited for once the others are done; the rest render one after another.
  const auto kept_whole = [&](const Product* p) { return !kept.empty() && !p->keys_own_outputs; };
  const auto in_background = [&](const Product* p) { return p->renders_alongside && chosen.size() > 1; };
  std::list<Alongside> alongside;
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (!kept_whole(chosen[i]) && in_background(chosen[i])) alongside.emplace_back(*chosen[i], runs[i]);
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (!kept_whole(chosen[i]) && !in_background(chosen[i])) stage(chosen[i]->name, [&] { chosen[i]->render(runs[i]); });
  for (auto& a : alongside) {
    const double waited = a.finish();
    report.stages.push_back({a.name() + " (alongside)", a.seconds()});
    if (waited >= 0.005) report.stages.push_back({"waiting for " + a.name(), waited});
  }
  // The outputs move into place; tools that read the finished tree (Pagefind)
  // run next, and what the build saw is saved last. Until then the move can
  // be undone: a failure in any of them leaves the previous output.
  stage("write", [&] { sink.commit(fingerprints.previous_outputs()); });
  try {
    const bool changed = sink.files_changed() > 0 || sink.files_removed() > 0;
    for (std::size_t i = 0; i < chosen.size(); ++i)
      if (chosen[i]->after_commit) stage(chosen[i]->name + " (after)", [&] { chosen[i]->after_commit(runs[i], changed); });
    for (const std::string* path : sink.produced()) fingerprints.record_output(*path, owned_by_whole(*path) ? whole_key : 0);
    for (const auto& path : sink.removed()) fingerprints.forget(path);
    fingerprints.save();
  } catch (const std::exception& e) {
    const std::string left = sink.rollback();
    throw InternalError(std::string(e.what()) + (left.empty() ? "; the previous output was left as it was"
                                                              : "; could not put back: " + left));
  }
  sink.finish();
  if (plan.pdf && !plan.pdf_browser.empty()) report.programs_run.push_back(plan.pdf_browser + " (PDFs)");
  for (const ProductRun& run : runs) report.programs_run.insert(report.programs_run.end(), run.ran.begin(), run.ran.end());
  report.files_changed = sink.files_changed();
  report.files_unchanged = sink.files_unchanged();
  report.files_removed = sink.files_removed();
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report.working_set = std::make_shared<const WorkingSet>(WorkingSet{saved_cache, loaded, recorded});
  return report;
}

}  // namespace gpress
