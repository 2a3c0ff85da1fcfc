#include "init_project.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "load/themes.hpp"
#include "render/embedded.hpp"

namespace gpress {
namespace {

constexpr std::string_view kPrefix = "starter/";

// Dot-files (.git, .gitignore) do not count: a fresh `git init` folder is empty
// enough for a new project, as Zola's `init` also allows.
bool holds_visible_files(const fs::path& dir) {
  if (!fs::exists(dir)) return false;
  if (!fs::is_directory(dir))
    throw InputError({dir.string()}, "not a folder: gpress init writes a project into a folder");
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().front() != '.') return true;
  return false;
}

}  // namespace

InitResult init_project(const InitOptions& o) {
  if (!o.force && holds_visible_files(o.dir))
    throw InputError({o.dir.string()},
                     "the folder is not empty: gpress init writes a new project into an empty or new folder "
                     "(use --force to add the starter files beside what is there, keeping every existing file)");
  InitResult result;
  std::string themes_yaml;
  for (const auto& f : embedded_files()) {
    if (f.name.substr(0, kPrefix.size()) != kPrefix) continue;
    const std::string relative(f.name.substr(kPrefix.size()));
    if (relative == "data/themes.yaml") themes_yaml = f.bytes;
    const fs::path target = o.dir / relative;
    if (fs::exists(target)) {
      result.kept.push_back(relative);
      continue;
    }
    fs::create_directories(target.parent_path());
    write_file_atomic(target, f.bytes);
    result.written.push_back(relative);
  }
  // One content folder per theme, so authors see where items go; the starter
  // holds an example item in one of them.
  Diagnostics diags;
  for (const auto& theme : parse_themes("data/themes.yaml", themes_yaml, diags))
    fs::create_directories(o.dir / "content" / theme.slug);
  if (diags.has_errors()) throw InternalError("the built-in data/themes.yaml does not parse: " + diags.str());
  return result;
}

}  // namespace gpress
