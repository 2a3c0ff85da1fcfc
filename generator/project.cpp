#include "project.hpp"

#include "core/fs.hpp"
#include "load/practice_data.hpp"
#include "load/themes.hpp"

namespace gpress {

Project load_project(const std::filesystem::path& root, unsigned jobs, bool practice_data, Diagnostics& diags,
                     ContentCache* content_cache) {
  Project p;
  p.root = root;
  p.config = load_config(root / "gpress.toml", "gpress.toml", diags);
  const auto themes_file = root / "data" / "themes.yaml";
  if (fs::exists(themes_file))
    p.themes = parse_themes("data/themes.yaml", read_file(themes_file), diags);
  else
    diags.error({"data/themes.yaml"}, "themes file not found: the toolkit's themes and maturity framework go here");
  p.content = load_content(root, p.themes, jobs, diags, content_cache);
  p.templates = TemplateSet::load(root / "templates");
  if (practice_data) {
    p.data = load_practice_data(root, diags);
    p.has_practice_data = true;
  }
  return p;
}

}  // namespace gpress
