// The pipeline: load -> validate -> render into staging -> swap in.
//
// Nothing is written until every input and template has been checked, and
// rendered files go to staging folders that replace the live output only when
// every product has finished, so a failed build leaves the previous output
// byte-identical.
#include "build.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "core/fs.hpp"
#include "core/parallel.hpp"
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
  return fmt::format("{} files written ({} changed) in {:.2f}s ({})", files_changed + files_unchanged, files_changed,
                     seconds, join(parts));
}

BuildReport build(const BuildOptions& options) {
  const auto start = Clock::now();
  BuildReport report;
  StageTimer stage(report, options.log);
  const unsigned jobs = options.jobs == 0 ? default_jobs() : options.jobs;

  for (const auto& name : options.what) {
    if (std::find(product_names().begin(), product_names().end(), name) == product_names().end())
      throw InputError({}, fmt::format("unknown product '{}': expected {}", name, join(product_names())));
  }
  const auto chosen = selected(options.what);

  const bool needs_data = options.check_only || std::any_of(chosen.begin(), chosen.end(), [](const Product* p) {
                            return p->needs_practice_data;
                          });
  Diagnostics diags;
  const Project project = stage("load", [&] { return load_project(options.project, jobs, needs_data, diags, options.content_cache); });
  stage("validate", [&] {
    for (const Product* p : chosen) p->validate(project, options, diags);
  });
  if (diags.has_errors()) throw InputError(diags);
  for (const auto& d : diags.all()) report.warnings.add(d);
  if (options.check_only) {
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return report;
  }

  std::vector<std::string> roots;
  for (const Product* p : chosen)
    for (const auto& r : p->roots)
      if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
  Fingerprints fingerprints(options.project / ".gpress/fingerprints.tsv");
  auto render_all = [&](OutputSink& sink, const std::function<fs::path(const std::string&)>& staging_dir) {
    for (const Product* p : chosen) {
      ProductRun run{project, options, jobs, sink, fingerprints, staging_dir, options.log};
      stage(p->name, [&] { p->render(run); });
    }
  };
  auto finish = [&](OutputSink& sink) {
    report.files_changed = sink.files_changed();
    report.files_unchanged = sink.files_unchanged();
  };
  if (options.in_place) {
    // `gpress serve`: the search index is rebuilt only when serve starts.
    InPlaceDiskSink sink(options.project, roots, {"site/pagefind/"});
    render_all(sink, [&](const std::string& r) { return options.project / r; });
    stage("write", [&] {
      sink.commit();
      fingerprints.save();
    });
    finish(sink);
  } else {
    StagedDiskSink sink(options.project, roots);
    for (const auto& root : roots) {
      sink.carry_over(root, [&](const std::string& rel) {
        const std::string path = root + "/" + rel;
        return std::none_of(chosen.begin(), chosen.end(), [&](const Product* p) { return p->owns(path, options); });
      });
    }
    render_all(sink, [&](const std::string& r) { return sink.staging_dir(r); });
    stage("write", [&] {
      sink.commit();
      fingerprints.save();
    });
    finish(sink);
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace gpress
