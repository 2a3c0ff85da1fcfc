// `gpress new TYPE "Title" --theme SLUG`: scaffolds a content file.
#pragma once

#include <filesystem>
#include <string>

namespace gpress {

struct NewPageOptions {
  std::filesystem::path project = ".";
  std::string type;  ///< report, point-of-view, tool, case-study, page
  std::string title;
  std::string theme;  ///< required for toolkit items
  std::string date;   ///< ISO date written into the front matter
};

/// Writes the file and returns its path relative to the project. The slug
/// comes from the title, made unique inside its folder. Throws InputError for
/// an unknown type or theme.
std::string new_page(const NewPageOptions& options);

}  // namespace gpress
