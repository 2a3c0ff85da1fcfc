// A loaded gpress project: everything read from its folder, validated.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "load/content.hpp"
#include "model/content.hpp"
#include "model/practice_data.hpp"
#include "render/templates.hpp"

namespace gpress {

struct Project {
  std::filesystem::path root;
  Config config;
  std::vector<Theme> themes;
  ContentSet content;
  TemplateSet templates;
  /// Hash of gpress.toml and data/themes.yaml as read: a change to either may
  /// change any output, so it is part of every output's inputs key.
  std::uint64_t settings_hash = 0;
  /// data/*.csv; loaded only when a product being built (or `check`) needs it.
  PracticeData data;
  bool has_practice_data = false;
};

/// For products that need the toolkit's files: an error for each of
/// content/ and data/themes.yaml that is missing (a project that publishes
/// only data packs needs neither).
void require_toolkit_files(const Project& project, bool content, Diagnostics& diags);

/// Reads gpress.toml, data/themes.yaml, content/ and templates/, and with
/// `practice_data` also data/*.csv. Every problem goes to `diags`.
Project load_project(const std::filesystem::path& root, unsigned jobs, bool practice_data, Diagnostics& diags,
                     ContentCache* content_cache = nullptr);

}  // namespace gpress
