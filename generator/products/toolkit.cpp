// The public toolkit site: pages through templates, assets, then the Pagefind
// search index over the finished pages.
#include "products/toolkit.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/toolkit.hpp"
#include "core/hash.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "render/embedded.hpp"

namespace gpress {
namespace {

// A program the build runs, and whose it is (for the summary).
struct Tool {
  fs::path path;
  std::string whose;
};

bool runnable(const fs::path& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

// gpress's own Pagefind, which its Debian package installs beside it.
fs::path bundled_pagefind() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : (exe.parent_path() / "../lib/gpress/pagefind").lexically_normal();
}

const fs::path& checkout_pagefind() {
  static const fs::path path = fs::path(GPRESS_SOURCE_ROOT) / "node_modules/.bin/pagefind";
  return path;
}

// Which Pagefind indexes the site. A project's own ([search] pagefind, its
// node_modules/.bin) is code that came with the project, run only when the
// user allows it. Otherwise gpress's own: the one GPRESS_PAGEFIND names (the
// user's setting, outside any project), the one installed beside gpress, the
// one installed with the checkout gpress was built from, or one on PATH
// (absolute folders only: a relative one could be the project's).
std::optional<Tool> find_pagefind(const Project& project, bool allow_project_tools) {
  if (allow_project_tools) {
    if (!project.config.search.pagefind.empty()) {
      fs::path p = project.config.search.pagefind;
      if (p.is_relative()) p = project.root / p;
      return runnable(p) ? std::optional<Tool>({p, "the project's [search] pagefind"}) : std::nullopt;
    }
    const fs::path local = project.root / "node_modules/.bin/pagefind";
    if (runnable(local)) return Tool{local, "the project's own"};
  }
  if (const char* chosen = std::getenv("GPRESS_PAGEFIND"); chosen && *chosen)
    return runnable(chosen) ? std::optional<Tool>({chosen, "GPRESS_PAGEFIND"}) : std::nullopt;
  for (const fs::path& own : {bundled_pagefind(), checkout_pagefind()})
    if (runnable(own)) return Tool{own, "gpress's own"};
  if (const char* path = std::getenv("PATH")) {
    for (const auto& dir : split(path, ':'))
      if (!dir.empty() && dir.front() == '/' && runnable(fs::path(dir) / "pagefind"))
        return Tool{fs::path(dir) / "pagefind", "on PATH"};
  }
  return std::nullopt;
}

// Pagefind reads the finished site and writes its index to `output`. Hidden
// folders are left out: a root on its own file system stages there.
void run_pagefind(const fs::path& exe, const fs::path& site, const fs::path& output, bool keep_index_url) {
  std::vector<std::string> args = {
      exe.string(), "--site", site.string(), "--output-path", output.string(), "--glob", "{*.html,[!.]*/**/*.html}",
      "--silent"};
  if (keep_index_url) args.push_back("--keep-index-url");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw InternalError("cannot start " + exe.string());
  if (pid == 0) {
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    throw InternalError(
        fmt::format("{} was stopped by signal {} while indexing {}", exe.string(), WTERMSIG(status), site.string()));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw InternalError(fmt::format("{} failed on {} (exit {})", exe.string(), site.string(), WEXITSTATUS(status)));
}

// A context's hash without serialising it: every key, value and shape
// feeds the hash, so any change to what a page shows changes it.
std::uint64_t hash_json(const nlohmann::json& j, std::uint64_t h = 0) {
  h = hash_combine(h, static_cast<std::uint64_t>(j.type()));
  switch (j.type()) {
    case nlohmann::json::value_t::object:
      for (auto it = j.begin(); it != j.end(); ++it) h = hash_json(it.value(), hash_combine(h, hash_bytes(it.key())));
      return h;
    case nlohmann::json::value_t::array:
      for (const auto& e : j) h = hash_json(e, h);
      return hash_combine(h, j.size());
    case nlohmann::json::value_t::string: return hash_combine(h, hash_bytes(j.get_ref<const std::string&>()));
    default: return hash_combine(h, hash_bytes(j.dump()));
  }
}

BuildPlan validate(const Project& project, const ProductRequest& options, Diagnostics& diags) {
  require_toolkit_files(project, true, diags);
  for (const auto& [name, schema] : Toolkit::schemas()) project.templates.validate(name, schema, diags);
  if (!project.config.search.enabled || !options.search_index) return {};
  if (!project.config.search.pagefind.empty() && !options.allow_project_tools)
    diags.warning({"gpress.toml"},
                  fmt::format("[search] pagefind = \"{}\" is a program chosen by the project and is not "
                              "run without --allow-project-tools; gpress uses its own Pagefind",
                              project.config.search.pagefind));
  if (!find_pagefind(project, options.allow_project_tools)) {
    const std::string looked =
        options.allow_project_tools && !project.config.search.pagefind.empty()
            ? project.config.search.pagefind
            : fmt::format("GPRESS_PAGEFIND, {}, {} or PATH", bundled_pagefind().string(), checkout_pagefind().string());
    diags.warning({"gpress.toml"}, fmt::format("the search index will not be built: Pagefind not found ({}); install "
                                               "gpress's Debian package, run `npm ci` where gpress was built, or set "
                                               "GPRESS_PAGEFIND",
                                               looked));
  }
  return {};
}

void render(ProductRun& run) {
  const Project& project = run.project;
  std::shared_ptr<const ToolkitIndex>* kept = run.options.toolkit_index;
  Toolkit toolkit(project.config, project.themes, project.content, kept ? *kept : nullptr);
  if (kept) *kept = toolkit.index();
  toolkit.render_cards_with(
      [&](const nlohmann::json& card) { return project.templates.render("partials/card.html", card); });
  const std::vector<PlannedPage> pages = toolkit.plan();
  Progress progress(run.options.progress, "toolkit pages", pages.size());
  // Two fingerprints per page (core/fingerprints.hpp). The inputs key says,
  // without assembling anything, that the page's sources are as they were:
  // then the page is kept as it is. Otherwise its context is assembled, and
  // the page is rendered only if the context's hash (with the template's)
  // changed: the context holds everything the page shows.
  const std::uint64_t shared = hash_combine(hash_combine(hash_bytes(GPRESS_VERSION), project.settings_hash),
                                            project.templates.fingerprint("partials/card.html"));
  std::map<std::string, std::uint64_t> template_fingerprints;
  for (const auto& page : pages)
    if (!template_fingerprints.count(page.template_name))
      template_fingerprints[page.template_name] =
          hash_combine(shared, project.templates.fingerprint(page.template_name));
  parallel_for(pages.size(), run.jobs, [&](std::size_t i) {
    const PlannedPage& page = pages[i];
    const std::string path = "site/" + page.output;
    const std::uint64_t template_fingerprint = template_fingerprints.at(page.template_name);
    const std::uint64_t inputs = hash_combine(template_fingerprint, page.inputs);
    if (!run.fingerprints.inputs_unchanged(path, inputs) || !run.sink.reuse(path)) {
      nlohmann::json context = page.context();
      const std::uint64_t fingerprint = hash_combine(template_fingerprint, hash_json(context));
      if (!run.fingerprints.unchanged(path, fingerprint, inputs) || !run.sink.reuse(path))
        run.sink.write(path, project.templates.render(page.template_name, std::move(context)));
    }
    progress.step();
  });
  // Styles and scripts: gpress's own (overridable in templates/assets/) and
  // the NHS.UK frontend it vendors.
  for (const auto& f : embedded_files()) {
    if (f.name.rfind("vendor/", 0) == 0) run.sink.write("site/assets/" + std::string(f.name.substr(7)), f.bytes);
  }
  for (const auto& name : {"assets/gpress.css", "assets/gpress.js"}) {
    if (project.templates.has(name)) run.sink.write(std::string("site/") + name, project.templates.source(name));
  }
}

// The search index is built over the finished site, so it runs once the
// pages are in place, into the staging area; its folder then replaces
// site/pagefind/ as the commit's last step (undone with it if Pagefind fails).
void index_for_search(ProductRun& run, bool changed) {
  const Project& project = run.project;
  if (!project.config.search.enabled || !run.options.search_index) return;
  if (!changed && fs::exists(project.root / "site/pagefind")) return;
  const auto exe = find_pagefind(project, run.options.allow_project_tools);
  if (!exe) return;  // validate() warned
  if (run.log) run.log("search: indexing with " + exe->path.string());
  const fs::path index = run.sink.scratch_folder("site", "pagefind");
  run_pagefind(exe->path, project.root / "site", index, !project.config.site.pretty_urls);
  run.sink.replace_folder("site/pagefind", index);
  run.ran.push_back(fmt::format("{} ({})", exe->path.string(), exe->whose));
}

}  // namespace

Product toolkit_product() {
  return {.name = "toolkit",
          .description = "the public toolkit site in site/",
          .roots = {"site"},
          .needs_practice_data = false,
          .owns = [](const std::string& path, const ProductRequest&,
                     const BuildPlan&) { return path.rfind("site/", 0) == 0 && path.rfind("site/pagefind/", 0) != 0; },
          .validate = validate,
          .render = render,
          .after_commit = index_for_search,
          .keys_own_outputs = true};
}

}  // namespace gpress
