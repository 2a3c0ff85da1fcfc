// Everything load reads from a project's folder, once, for the stages above
// to read: settings, themes, content, the practice data and the assessments.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "config/config.hpp"
#include "load/content.hpp"
#include "model/assessment.hpp"
#include "model/content.hpp"
#include "model/practice_data.hpp"

namespace gpress {

struct ProjectInputs {
  std::filesystem::path root;
  Config config;
  std::vector<Theme> themes;
  ContentSet content;
  /// Hash of gpress.toml and data/themes.yaml as read: a change to either may
  /// change any output, so it is part of every output's inputs key.
  std::uint64_t settings_hash = 0;
  /// data/*.csv; loaded only when a product being built (or `check`) needs it.
  PracticeData data;
  bool has_practice_data = false;
  /// data/assessments/*.csv, checked against the practice register; read
  /// with the practice data when it names any practice.
  Assessments assessments;
};

}  // namespace gpress
