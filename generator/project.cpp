#include "project.hpp"

#include "core/fs.hpp"
#include "load/themes.hpp"

namespace gpress {

Project load_project(const std::filesystem::path& root, unsigned jobs, Diagnostics& diags) {
  Project p;
  p.root = root;
  p.config = load_config(root / "gpress.toml", "gpress.toml", diags);
  const auto themes_file = root / "data" / "themes.yaml";
  if (fs::exists(themes_file))
    p.themes = parse_themes("data/themes.yaml", read_file(themes_file), diags);
  else
    diags.error({"data/themes.yaml"}, "themes file not found: the toolkit's themes and maturity framework go here");
  p.content = load_content(root, p.themes, jobs, diags);
  p.templates = TemplateSet::load(root / "templates");
  return p;
}

}  // namespace gpress
