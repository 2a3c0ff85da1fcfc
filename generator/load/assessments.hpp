// Loads data/assessments/*.csv and checks every cell against the practice
// register, the themes' maturity framework and the national criteria,
// reporting each problem at its line and column.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "model/assessment.hpp"
#include "model/content.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// National criteria an intelligence flag may be recorded against: all but
/// 1 and 2, which come from CQC ratings (data/cqc.csv).
inline constexpr int kFirstFlagCriterion = 3;
inline constexpr int kLastCriterion = 16;

/// Reads maturity.csv, team360.csv, intelligence.csv and overrides.csv under
/// `project`/data/assessments. Each file is optional (a project may have no
/// assessments yet). Rows with errors are left out and reported to `diags`;
/// a build must stop when `diags.has_errors()`. `data` names the practices a
/// row may refer to; `themes` the themes and domains of maturity rows.
/// `team360_dimensions` is gpress.toml's [team360] dimensions: when given,
/// the only team 360 dimensions a row may name, in their order; when empty,
/// the dimensions are those the rows name, in the order first seen.
Assessments load_assessments(const std::filesystem::path& project, const PracticeData& data,
                             const std::vector<Theme>& themes, const std::vector<std::string>& team360_dimensions,
                             Diagnostics& diags);

}  // namespace gpress
