// [programme] cohort: which practices the programme publishes for. The
// comparators still use every practice in the data; this only marks
// Practice::in_cohort.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "core/error.hpp"
#include "model/practice_data.hpp"

namespace gpress {

/// Marks each practice in_cohort when its ICB, sub-ICB, PCN or ODS code is
/// one of `codes` (every practice when `codes` is empty). A code no practice
/// has is an error at its place in gpress.toml, with the nearest known code.
void select_cohort(const std::vector<ProgrammeConfig::CohortCode>& codes, PracticeData& data, Diagnostics& diags);

}  // namespace gpress
