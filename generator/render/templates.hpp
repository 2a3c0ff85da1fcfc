// The page templates: Mustache as its specification says (render/mustache.hpp),
// escaping by default. `{{name}}` is escaped, `{{{name}}}` is trusted HTML that gpress made
// itself (rendered Markdown, SVG charts).
//
// Built-in templates are compiled into gpress; a project's templates/ folder
// overrides any of them by file name. Partials live in templates/partials/ and
// are included with `{{> name}}`, found by name as a page renders.
//
// Before anything renders, every template is checked against the documented
// variables of its page (docs/templates.md): a typo such as `{{#itmes}}`
// is an error at its line and column instead of a silently empty section.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "assemble/context.hpp"
#include "core/error.hpp"

namespace gpress {

class MustacheTemplate;

class TemplateSet {
 public:
  /// Built-in templates, overridden by files in `project_templates` (may not
  /// exist). Display paths are "templates/<name>" for project files and
  /// "<built-in>/<name>" for built-in ones.
  static TemplateSet load(const std::filesystem::path& project_templates);

  /// Checks syntax and variables of template `name` against `schema`, and of
  /// every partial it includes in the context it is included in.
  void validate(const std::string& name, const TemplateSchema& schema, Diagnostics& diags) const;

  /// True if a template of that name exists (built-in or project).
  bool has(const std::string& name) const;

  /// Renders template `name` (a page template, or a partial such as
  /// "partials/card.html") with `context`. Safe to call from several threads.
  std::string render(const std::string& name, const nlohmann::json& context) const;

  /// Hash of every template, built-in or the project's.
  std::uint64_t fingerprint_all() const;

  /// Hash of template `name` and of every partial it includes: part of the
  /// fingerprint of every output rendered from it.
  std::uint64_t fingerprint(const std::string& name) const;

  /// The file's text as written (for assets kept beside the templates).
  const std::string& source(const std::string& name) const;

  /// Display path of a template, for messages.
  std::string display_path(const std::string& name) const;

  /// Project files that override a built-in template (by name).
  std::vector<std::string> overridden() const;

 private:
  struct Source {
    std::string display_path;
    std::string text;
    bool from_project = false;
  };
  struct Partial {
    std::string file;  ///< its name in sources_: "partials/card.html"
    std::shared_ptr<const MustacheTemplate> compiled;
  };
  const Source* find(const std::string& name) const;

  std::map<std::string, Source> sources_;  ///< "item.html", "partials/header.html", ...
  std::map<std::string, std::shared_ptr<const MustacheTemplate>> compiled_;  ///< sources_, compiled
  std::map<std::string, Partial, std::less<>> partials_;                     ///< by the name `{{> name}}` gives
  std::map<std::string, std::uint64_t> fingerprints_;  ///< of each template and the partials it includes
  std::uint64_t all_fingerprint_ = 0;                  ///< of every template's name and text
};

}  // namespace gpress
