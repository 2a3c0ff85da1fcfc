#include "new_page.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/input_text.hpp"
#include "core/text.hpp"
#include "load/themes.hpp"
#include "model/content.hpp"

namespace gpress {
namespace {

// YAML double-quoted scalar: safe for any title.
std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string new_page(const NewPageOptions& o) {
  const auto type = page_type_from_string(o.type);
  if (!type || *type == PageType::kAction)
    throw InputError(
        {}, fmt::format("unknown type '{}': expected report, point-of-view, tool, case-study or page", o.type));
  if (trim(o.title).empty()) throw InputError({}, "the title must not be empty");
  if (o.title.find_first_of("\r\n") != std::string::npos) throw InputError({}, "the title must be one line");
  if (std::string problem = text_problem(o.title, "title"); !problem.empty()) throw InputError({}, problem);
  if (!is_slug(slugify(o.title))) throw InputError({}, "the title needs a letter or digit: the file is named after it");

  std::string folder = "content/pages";
  if (is_toolkit_type(*type)) {
    if (o.theme.empty()) throw InputError({}, "a toolkit item needs --theme SLUG (see data/themes.yaml)");
    Diagnostics diags;
    const auto themes_file = o.project / "data/themes.yaml";
    if (!fs::exists(themes_file)) throw InputError({"data/themes.yaml"}, "themes file not found");
    const auto themes = parse_themes("data/themes.yaml", read_file(themes_file), diags);
    if (diags.has_errors()) throw InputError(diags);
    std::vector<std::string> slugs;
    for (const auto& t : themes) slugs.push_back(t.slug);
    if (std::find(slugs.begin(), slugs.end(), o.theme) == slugs.end()) {
      std::string msg = fmt::format("unknown theme '{}'", o.theme);
      if (auto m = closest_match(o.theme, slugs)) msg += fmt::format(" (did you mean '{}'?)", *m);
      else msg += ": expected one of " + join(slugs);
      throw InputError({}, msg);
    }
    folder = "content/" + o.theme;
  }

  const std::string base = slugify(o.title);
  std::string slug = base;
  for (int n = 2; fs::exists(o.project / folder / (slug + ".md")); ++n) slug = fmt::format("{}-{}", base, n);
  const std::string relative = folder + "/" + slug + ".md";

  std::string text = "---\n";
  text += "title: " + yaml_quote(o.title) + "\n";
  text += fmt::format("type: {}\n", o.type);
  if (is_toolkit_type(*type)) text += fmt::format("theme: {}\n", o.theme);
  text += "summary: \"One sentence for listings: what the reader will get from this.\"\n";
  if (is_toolkit_type(*type)) {
    text += "tags: []\n";
    if (!o.date.empty()) text += fmt::format("date: {}\n", o.date);
    text += "# source: https://example.org/original-publication\n";
    text += "# organisation: Who published it\n";
  }
  text += "---\n\nWrite the body in Markdown. Add `draft: true` above to keep it out of the site until it is ready.\n";
  write_file_atomic(o.project / relative, text);
  return relative;
}

}  // namespace gpress
