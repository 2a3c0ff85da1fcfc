// A loaded gpress project: everything read from its folder, validated.
#pragma once

#include <filesystem>

#include "load/project_inputs.hpp"
#include "render/templates.hpp"

namespace gpress {

/// What load read (the stages below render see only that), and the templates.
struct Project : ProjectInputs {
  TemplateSet templates;
};

/// For products that need the toolkit's files: an error for each of
/// content/ and data/themes.yaml that is missing (a project that publishes
/// only data packs needs neither).
void require_toolkit_files(const Project& project, bool content, Diagnostics& diags);

/// Reads gpress.toml, data/themes.yaml, content/ and templates/, and with
/// `practice_data` also data/*.csv and data/assessments/*.csv. Every problem
/// goes to `diags`.
Project load_project(const std::filesystem::path& root, unsigned jobs, bool practice_data, Diagnostics& diags,
                     ContentCache* content_cache = nullptr);

}  // namespace gpress
