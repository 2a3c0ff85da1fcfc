// A loaded gpress project: everything read from its folder, validated.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "load/content.hpp"
#include "model/content.hpp"
#include "render/templates.hpp"

namespace gpress {

struct Project {
  std::filesystem::path root;
  Config config;
  std::vector<Theme> themes;
  ContentSet content;
  TemplateSet templates;
};

/// Reads gpress.toml, data/themes.yaml, content/ and templates/. Every
/// problem goes to `diags`.
Project load_project(const std::filesystem::path& root, unsigned jobs, Diagnostics& diags);

}  // namespace gpress
