// Each practice as it stood at the end of a quarter, judged by the options
// report's own rules: the thematic report counts these.
//
//   project data ──► snapshot at the quarter's last day:
//                      values whose period ends on or before it,
//                      CQC ratings inspected on or before it (undated ones kept),
//                      assessment, flag and override rows dated on or before it
//                ──► Cohort ─► RiskProfile ─► SupportDecision, recommended actions
//                ──► PracticeQuarter per practice (analyse/thematic.hpp)
//
// A row dated in a later quarter moves a practice exactly as the options
// report built at the time would have.
#pragma once

#include <vector>

#include "analyse/thematic.hpp"
#include "load/project_inputs.hpp"
#include "model/assessment.hpp"

namespace gpress {

/// Whether anything at all is dated on or before the quarter's last day: a
/// value whose period ends by then, a CQC inspection, an assessment, flag or
/// override.
bool has_data_by(const ProjectInputs& project, const Assessments& assessments, const Period& quarter);

/// Every practice of the programme's cohort open at the end of `quarter`, as
/// it stood then: the criteria it met, its support level, the findings behind
/// them, the actions it would be recommended, its maturity and CQC rating,
/// and since when it is supported. The project must have its practice data
/// loaded; `assessments` are all rows (any date).
std::vector<PracticeQuarter> practice_quarters(const ProjectInputs& project, const Assessments& assessments,
                                               const Period& quarter, unsigned jobs);

}  // namespace gpress
