#include "project.hpp"

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "load/assessments.hpp"
#include "load/cohort.hpp"
#include "load/practice_data.hpp"
#include "load/themes.hpp"

namespace gpress {

void require_toolkit_files(const Project& project, bool content, Diagnostics& diags) {
  if (content && !fs::is_directory(project.root / "content"))
    diags.error({"content"}, "content folder not found: toolkit items go in content/<theme-slug>/*.md");
  if (!fs::exists(project.root / "data" / "themes.yaml"))
    diags.error({"data/themes.yaml"}, "themes file not found: the toolkit's themes and maturity framework go here");
}

Project load_project(const std::filesystem::path& root, unsigned jobs, bool practice_data, Diagnostics& diags,
                     ContentCache* content_cache) {
  Project p;
  p.root = root;
  p.config = load_config(root / "gpress.toml", "gpress.toml", diags);
  std::error_code ec;
  if (fs::exists(root / "gpress.toml", ec)) p.settings_hash = hash_bytes(read_file(root / "gpress.toml"));
  const auto themes_file = root / "data" / "themes.yaml";
  if (fs::exists(themes_file)) {
    const std::string themes = read_file(themes_file);
    p.settings_hash = hash_combine(p.settings_hash, hash_bytes(themes));
    p.themes = parse_themes("data/themes.yaml", themes, diags);
  }  // else: only the products that use the themes ask for them (require_toolkit_files)
  p.content = load_content(root, p.themes, jobs, diags, content_cache);
  p.templates = TemplateSet::load(root / "templates");
  if (practice_data) {
    p.data = load_practice_data(root, diags);
    p.data.significance = p.config.packs.significance == 99.8 ? Confidence::k998 : Confidence::k95;
    p.has_practice_data = true;
    select_cohort(p.config.programme.cohort, p.data, diags);
    // Without practices every practice product is skipped (build.cpp), and
    // each row would only name a practice not in the register.
    if (!p.data.practices.empty())
      p.assessments = load_assessments(root, p.data, p.themes, p.config.team360.dimensions, diags);
  }
  return p;
}

}  // namespace gpress
