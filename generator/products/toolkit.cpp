// The public toolkit site: pages through templates, assets, then the Pagefind
// search index over the finished pages.
#include "products/toolkit.hpp"

#include <cstdlib>
#include <map>
#include <optional>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assemble/toolkit.hpp"
#include "build.hpp"
#include "core/hash.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "render/embedded.hpp"

namespace gpress {
namespace {

// gpress's own Pagefind, which its Debian package installs beside it.
fs::path bundled_pagefind() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : (exe.parent_path() / "../lib/gpress/pagefind").lexically_normal();
}

// Pagefind as the project's settings name it, else gpress's own, the
// project's npm install, the one next to the gpress binary's checkout, or on
// PATH.
std::optional<fs::path> find_pagefind(const Project& project) {
  if (!project.config.search.pagefind.empty()) {
    fs::path p = project.config.search.pagefind;
    if (p.is_relative()) p = project.root / p;
    return fs::exists(p) ? std::optional(p) : std::nullopt;
  }
  for (const fs::path& candidate : {bundled_pagefind(), project.root / "node_modules/.bin/pagefind",
                                    fs::path(GPRESS_SOURCE_ROOT) / "node_modules/.bin/pagefind"})
    if (!candidate.empty() && fs::exists(candidate)) return candidate;
  if (const char* path = std::getenv("PATH")) {
    for (const auto& dir : split(path, ':'))
      if (!dir.empty() && fs::exists(fs::path(dir) / "pagefind")) return fs::path(dir) / "pagefind";
  }
  return std::nullopt;
}

void run_pagefind(const fs::path& exe, const fs::path& site, bool keep_index_url) {
  std::vector<std::string> args = {exe.string(), "--site", site.string(), "--silent"};
  if (keep_index_url) args.push_back("--keep-index-url");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw InternalError("cannot start pagefind");
  if (pid == 0) {
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw InternalError(fmt::format("pagefind failed on {} (exit {})", site.string(), WEXITSTATUS(status)));
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
    case nlohmann::json::value_t::string:
      return hash_combine(h, hash_bytes(j.get_ref<const std::string&>()));
    default:
      return hash_combine(h, hash_bytes(j.dump()));
  }
}

void validate(const Project& project, const BuildOptions& options, Diagnostics& diags) {
  for (const auto& [name, schema] : Toolkit::schemas()) project.templates.validate(name, schema, diags);
  if (project.config.search.enabled && options.search_index && !find_pagefind(project)) {
    const std::string looked = project.config.search.pagefind.empty()
                                   ? fmt::format("{}, node_modules/.bin/pagefind or PATH", bundled_pagefind().string())
                                   : project.config.search.pagefind;
    diags.warning({"gpress.toml"}, fmt::format("the search index will not be built: Pagefind not found ({}); install "
                                               "gpress's Debian package, run `npm ci`, or set [search] pagefind",
                                               looked));
  }
}

void render(ProductRun& run) {
  const Project& project = run.project;
  std::shared_ptr<const ToolkitIndex>* kept = run.options.toolkit_index;
  Toolkit toolkit(project.config, project.themes, project.content, kept ? *kept : nullptr);
  if (kept) *kept = toolkit.index();
  toolkit.use_card_template(project.templates);
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
      template_fingerprints[page.template_name] = hash_combine(shared, project.templates.fingerprint(page.template_name));
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
// pages are in place. Pagefind owns site/pagefind/ and writes it afresh.
void index_for_search(ProductRun& run, bool changed) {
  const Project& project = run.project;
  const fs::path index = project.root / "site/pagefind";
  if (!project.config.search.enabled || !run.options.search_index) return;
  if (!changed && fs::exists(index)) return;
  auto exe = find_pagefind(project);
  if (!exe) return;  // validate() warned
  if (run.log) run.log("search: indexing with Pagefind");
  std::error_code ec;
  fs::remove_all(index, ec);
  run_pagefind(*exe, project.root / "site", !project.config.site.pretty_urls);
}

}  // namespace

Product toolkit_product() {
  return {"toolkit",
          "the public toolkit site in site/",
          {"site"},
          false,
          [](const std::string& path, const BuildOptions&) {
            return path.rfind("site/", 0) == 0 && path.rfind("site/pagefind/", 0) != 0;
          },
          validate,
          render,
          index_for_search,
          true};
}

}  // namespace gpress
